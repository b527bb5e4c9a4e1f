#!/bin/sh
# run-fuzz.sh [SECONDS] — build the libFuzzer target and run it for a bounded time.
#
# Configures (once) a clang build dir with -Dfuzzing=true, ASan and UBSan and
# coverage instrumentation for the whole library, builds tests/fuzz/lede-fuzz,
# and runs it over a scratch copy of the seed corpus tests/fuzz/corpus/ (the
# committed seeds are read, never written). Exits non-zero on a finding; the
# reproducer is written to BUILD/fuzz-artifacts/ — rerun it with
#   BUILD/tests/fuzz/lede-fuzz BUILD/fuzz-artifacts/crash-...
#
# Environment: LEDE_FUZZ_BUILD (default: build-fuzz in the source root),
# LEDE_FUZZ_JOBS (parallel fuzzing jobs, default 1).
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-120}
build=${LEDE_FUZZ_BUILD:-$src/build-fuzz}
jobs=${LEDE_FUZZ_JOBS:-1}

command -v clang >/dev/null 2>&1 || { echo "run-fuzz.sh needs clang" >&2; exit 2; }

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" \
    -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link \
    -Dbuildtype=debugoptimized \
    -Dintrospection=disabled
fi
ninja -C "$build" tests/fuzz/lede-fuzz

corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$corpus" "$artifacts"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

parallel=
if [ "$jobs" -gt 1 ]; then
  parallel="-jobs=$jobs -workers=$jobs"
fi

set +e
# shellcheck disable=SC2086 # $parallel is split on purpose
"$build/tests/fuzz/lede-fuzz" $parallel \
  -max_total_time="$seconds" \
  -max_len=65536 \
  -rss_limit_mb=2048 \
  -timeout=30 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/" \
  "$corpus" "$src/tests/fuzz/corpus"
rc=$?
set -e

if [ $rc -ne 0 ]; then
  echo "lede-fuzz: FINDING (exit $rc); reproducers in $artifacts:" >&2
  ls -l "$artifacts" >&2
  exit 1
fi
echo "lede-fuzz: no finding in ${seconds}s; corpus now $(ls "$corpus" | wc -l) inputs"
