#!/usr/bin/python3
"""Prints how often each word of PolNeAR train is (part of) a gold cue.

The quotes layer's cue lexicon (cue_words in plugin/lede-quotes.c) was chosen
from this list: forms that are a cue in most of their uses and common enough
to matter. A word inside a gold content span is not counted, since PolNeAR
annotates only the outermost attribution and a cue there is never marked.
The flags of each form (speech, object, particle...) were set by hand.

Usage: training/polnear-cue-words.py [POLNEAR_DIR] [--min-count N] [--min-share S]
Columns: share of uses as a cue, uses as a cue, uses outside contents, word.
Reads the train split only; a text annotated twice counts once.
"""
import argparse
import collections
import glob
import os
import re


def pieces(where):
    """Character offsets of a brat span "s e;s e"."""
    out = set()
    for piece in where.split(";"):
        start, end = map(int, piece.split())
        out.update(range(start, end))
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=os.path.join(root, "..", "shared", "data", "polnear"))
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-share", type=float, default=0.5)
    args = ap.parse_args()

    split = os.path.join(args.data, "data", "train")
    uses, cues, seen = collections.Counter(), collections.Counter(), set()
    for ann in sorted(glob.glob(os.path.join(split, "attributions", "*.ann"))):
        base = os.path.basename(ann)[:-4].rsplit("_", 1)[0]
        if base in seen:
            continue
        seen.add(base)
        with open(os.path.join(split, "text", base + ".txt"), encoding="utf-8") as f:
            text = f.read()
        cue_chars, content_chars = set(), set()
        with open(ann, encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) < 3 or not fields[0].startswith("T"):
                    continue
                label, _, where = fields[1].partition(" ")
                if label == "Cue":
                    cue_chars |= pieces(where)
                elif label == "Content":
                    content_chars |= pieces(where)
        for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*", text):
            if m.start() in content_chars:
                continue
            word = m.group().lower()
            uses[word] += 1
            cues[word] += m.start() in cue_chars
    if not seen:
        raise SystemExit("polnear-cue-words: no PolNeAR train data at %s" % split)
    rows = [(cues[w] / uses[w], cues[w], uses[w], w) for w in uses
            if cues[w] >= args.min_count and cues[w] / uses[w] >= args.min_share]
    for row in sorted(rows, key=lambda r: (-r[1], r[3])):
        print("%.2f %6d %6d %s" % row)


if __name__ == "__main__":
    main()
