#!/bin/sh
# bench_speed.sh — how fast Lede annotates real news, through the `lede` CLI
# and in-process through the flat ABI, on the PolNeAR article texts, with
# wink-nlp and compromise on the same texts when a peers copy is given.
#
#   bench/bench_speed.sh [BUILD_DIR] [PEERS_DIR]
#
# BUILD_DIR defaults to build. PEERS_DIR is a writable copy of ../shared/peers
# with `npm ci` done (see its README); without one the peers are skipped.
# Prints MB/s, tokens/s and peak memory; asserts nothing.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
peers=${2:-}
data=${LEDE_SHARED_DATA:-"$root/../shared/data"}
texts="$data/polnear/data"

if [ ! -d "$texts" ]; then
  echo "bench_speed: no PolNeAR texts at $texts, skipping"
  exit 0
fi
dirs="$texts/train/text $texts/dev/text"
bytes=$(for d in $dirs; do cat "$d"/*.txt; done | wc -c)
out=$(mktemp)
trap 'rm -f "$out" "$out.time"' EXIT

cli() {
  label=$1; shift
  /usr/bin/time -f "%e %M" -o "$out.time" \
    "$build/hosts/lede" annotate --threads 1 --format jsonl "$@" $dirs > "$out"
  read -r seconds rss_kb < "$out.time"
  tokens=$(grep -o '"token_count":[0-9]*' "$out" | awk -F: '{ n += $2 } END { print n }')
  awk -v l="$label" -v b="$bytes" -v s="$seconds" -v t="$tokens" -v m="$rss_kb" 'BEGIN {
    printf "%-34s %6.2f s  %7.2f MB/s  %9.0f tokens/s  peak %6.1f MB\n", l, s, b / 1e6 / s, t / s, m / 1024 }'
}

echo "== lede CLI, one thread, $(ls $dirs | grep -c '\.txt$') articles, $bytes bytes (process start included)"
cli "structure+tokens+sentences" --layers sentences
cli "+ entities" --layers entities
cli "+ time" --layers entities,time
cli "+ coref" --layers entities,time,coref
cli "all layers (+ quotes)"

echo "== in-process through the flat ABI (load time, then 5 passes)"
echo "-- structure+tokens+sentences"
"$build/bench/lede-bench" "$build/plugin/liblede-1.so" "$texts" 5 '{"layers": ["sentences"]}'
echo "-- entities+time (what coref reads, without it)"
"$build/bench/lede-bench" "$build/plugin/liblede-1.so" "$texts" 5 '{"layers": ["entities", "time"]}'
echo "-- entities+time+coref"
"$build/bench/lede-bench" "$build/plugin/liblede-1.so" "$texts" 5 '{"layers": ["entities", "time", "coref"]}'
echo "-- all layers"
"$build/bench/lede-bench" "$build/plugin/liblede-1.so" "$texts" 5

if [ -n "$peers" ] && [ -d "$peers/node_modules/wink-nlp" ]; then
  echo "== peers on the same texts (their own timing; load time excluded)"
  for peer in wink_peer compromise_peer; do
    for d in $dirs; do
      printf '%s %s: ' "$peer" "$(basename "$(dirname "$d")")"
      TZ=UTC node "$peers/bin/$peer.js" "$d" --ref 2016-06-01 --out /dev/null 2>&1 | tail -n 1
    done
  done
else
  echo "== peers skipped: pass a PEERS_DIR with node_modules (see ../shared/peers/README.md)"
fi
