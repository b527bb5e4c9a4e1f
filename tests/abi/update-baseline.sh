#!/bin/sh
# update-baseline.sh [BUILD_DIR] — regenerate tests/abi/liblede-1.abi, the ABI
# baseline that tests/check-abi.sh compares the built library with.
#
# Run it on purpose, after a public API change that comes with a bump of
# LEDE_ABI_MINOR (additions) or LEDE_ABI_MAJOR (anything else) in
# include/lede/lede.h, and commit the result together with that change.
# The library must have debug info (buildtype debug or debugoptimized, the
# project default). BUILD_DIR defaults to build-abi, configured if missing.
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build-abi}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Dbuildtype=debugoptimized
fi
meson compile -C "$build" lede-1

lib=$build/plugin/liblede-1.so
readelf -S "$lib" | grep -q '\.debug_info' || { echo "$lib has no debug info" >&2; exit 1; }

# Only what is exported, without build paths or source locations, so the
# baseline changes when the ABI does and not when internals move.
abidw --drop-private-types --headers-dir "$src/include/lede" --no-corpus-path \
  --no-comp-dir-path --no-show-locs --drop-undefined-syms --exported-interfaces-only \
  --type-id-style hash --out-file "$src/tests/abi/liblede-1.abi" "$lib"

major=$(sed -n 's/^#define LEDE_ABI_MAJOR[[:space:]]*\([0-9]*\).*/\1/p' "$src/include/lede/lede.h")
minor=$(sed -n 's/^#define LEDE_ABI_MINOR[[:space:]]*\([0-9]*\).*/\1/p' "$src/include/lede/lede.h")
echo "$major.$minor" > "$src/tests/abi/ABI_VERSION"

# the baseline must hold nothing but the public symbols
stray=$(grep -o "elf-symbol name='[^']*'" "$src/tests/abi/liblede-1.abi" \
        | sed "s/elf-symbol name='//; s/'//" | grep -v -E '^(lede_|g_module_check_init$)' || true)
if [ -n "$stray" ]; then
  echo "the baseline holds non-public symbols:" >&2
  echo "$stray" >&2
  exit 1
fi
echo "wrote tests/abi/liblede-1.abi (ABI $major.$minor)"
