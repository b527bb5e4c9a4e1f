#!/bin/sh
# run-sanitizers.sh [BUILD_DIR] [MESON-TEST-ARGS...] — the test suite under
# AddressSanitizer and UndefinedBehaviorSanitizer.
#
# Sanitizers are compile flags, which a meson test setup cannot add, so this
# configures (once) a separate build dir with
#   -Db_sanitize=address,undefined -Db_lundef=false
# (b_lundef=false: the shared library leaves the sanitizer runtime's symbols to
# the executable) and runs `meson test --setup asan`, whose environment is
#   ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:...  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
#   LEDE_TEST_QUICK=1 (big bad-input cases at reduced sizes)
# The 'python' suite is excluded there (CPython is not built with ASan); run
# it with `meson test -C BUILD_DIR --setup asanpython --suite python`, which
# preloads libasan and turns leak detection off (CPython's own allocations).
#
# Extra arguments go to meson test, e.g. --suite unit --suite abi.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-asan}
[ $# -gt 0 ] && shift

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
ninja -C "$build"
meson test -C "$build" --setup asan --print-errorlogs "$@"
