#!/bin/sh
# check-abi.sh LIBRARY SOURCE_ROOT — the 'abi' suite's check of the built
# liblede-1.so against the committed baseline tests/abi/liblede-1.abi.
#
# 1. Exported symbols: every defined dynamic symbol is lede_* or
#    g_module_check_init (hidden visibility + plugin/lede.map).
# 2. abidiff against the baseline. Its exit status is a bit mask:
#      1 = tool error, 2 = usage error  -> fail
#      4 = the ABI changed               -> see below
#      8 = an incompatible change        -> fail
#    A change (4) that consists only of added functions or variables passes if
#    LEDE_ABI_MINOR in include/lede/lede.h is above the baseline's minor
#    (tests/abi/ABI_VERSION): appending is what a minor bump allows. Any other
#    change fails. After an intended change, bump LEDE_ABI_MINOR (or _MAJOR)
#    and run tests/abi/update-baseline.sh.
# Exits 77 (skipped) when abidiff is missing or the library has no debug info.
set -u

lib=${1:?usage: check-abi.sh LIBRARY SOURCE_ROOT}
src=${2:?usage: check-abi.sh LIBRARY SOURCE_ROOT}
baseline=$src/tests/abi/liblede-1.abi
headers=$src/include/lede

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

[ -f "$lib" ] || fail "no library at $lib"

# 1. exported symbols
if command -v nm >/dev/null 2>&1; then
  exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWiu]$/ { sub(/@.*/, "", $3); print $3 }')
  stray=$(printf '%s\n' "$exported" | grep -v -E '^(lede_[a-z0-9_]+|g_module_check_init)$' || true)
  [ -z "$stray" ] || fail "symbols exported that are not lede_* (check visibility and plugin/lede.map):
$stray"
  echo "ok: $(printf '%s\n' "$exported" | wc -l) exported symbols, all lede_* or g_module_check_init"
else
  echo "nm not found: exported symbols not checked"
fi

# 2. abidiff against the baseline
command -v abidiff >/dev/null 2>&1 || skip "abidiff not found (install abigail-tools)"
[ -f "$baseline" ] || fail "no baseline at $baseline (run tests/abi/update-baseline.sh)"
if command -v readelf >/dev/null 2>&1 && ! readelf -S "$lib" | grep -q '\.debug_info'; then
  skip "$lib has no debug info; configure with -Dbuildtype=debug or debugoptimized"
fi

report=$(abidiff --drop-private-types --headers-dir2 "$headers" "$baseline" "$lib" 2>&1)
rc=$?
[ -n "$report" ] && printf '%s\n' "$report"
if [ $((rc & 3)) -ne 0 ]; then
  fail "abidiff could not compare (exit $rc)"
elif [ $((rc & 8)) -ne 0 ]; then
  fail "incompatible ABI change against $baseline (exit $rc): this needs LEDE_ABI_MAJOR bumped"
elif [ $((rc & 4)) -ne 0 ]; then
  # only additions?
  abidiff --drop-private-types --headers-dir2 "$headers" --no-added-syms \
    "$baseline" "$lib" >/dev/null 2>&1
  if [ $? -ne 0 ]; then
    fail "the ABI changed against $baseline (exit $rc), beyond added symbols"
  fi
  minor=$(sed -n 's/^#define LEDE_ABI_MINOR[[:space:]]*\([0-9]*\).*/\1/p' "$headers/lede.h")
  base_minor=$(sed -n 's/^[0-9]*\.\([0-9]*\)$/\1/p' "$src/tests/abi/ABI_VERSION")
  if [ -n "$minor" ] && [ -n "$base_minor" ] && [ "$minor" -gt "$base_minor" ]; then
    echo "ok: symbols added, and LEDE_ABI_MINOR is $minor > $base_minor of the baseline;"
    echo "    regenerate the baseline (tests/abi/update-baseline.sh) when the release is cut"
    exit 0
  fi
  fail "symbols were added but LEDE_ABI_MINOR ($minor) is not above the baseline's ($base_minor): bump it in include/lede/lede.h, then run tests/abi/update-baseline.sh"
fi
echo "ok: the ABI matches $baseline"
exit 0
