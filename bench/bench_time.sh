#!/bin/sh
# bench_time.sh — what the time layer adds to the pipeline on the PolNeAR
# texts, and chrono-node on the same texts for comparison.
#
#   bench/bench_time.sh [BUILD_DIR] [PEERS_DIR]
#
# BUILD_DIR (default: build) holds bench/bench-time. PEERS_DIR is a writable
# copy of ../shared/peers with `npm ci` done (see its README); without one,
# chrono-node is skipped.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
peers=${2:-}
data=${LEDE_SHARED_DATA:-"$root/../shared/data"}
texts="$data/polnear/data"

if [ ! -d "$texts" ]; then
  echo "bench_time: no PolNeAR texts at $texts, skipping"
  exit 0
fi

echo "== Lede, time layer inside the pipeline (3 passes)"
"$build/bench/bench-time" "$texts" 3

if [ -n "$peers" ] && [ -d "$peers/node_modules/chrono-node" ]; then
  echo "== chrono-node on the same texts (one pass; load time excluded by the peer)"
  for split in train dev; do
    TZ=UTC node "$peers/bin/chrono_peer.js" "$texts/$split/text" --ref 2016-06-01 \
      --out /dev/null 2>&1 | tail -n 1
  done
else
  echo "== chrono-node skipped: pass a PEERS_DIR with node_modules (see ../shared/peers/README.md)"
fi
