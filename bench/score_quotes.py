#!/usr/bin/python3
"""Scores Lede's quotes layer against PolNeAR (brat standoff attributions).

Runs Lede through the project's binding (python/lede) on every text of a PolNeAR split and
compares its attributions with the gold ones, role by role (source, cue,
content), with two measures:

  exact    a predicted span matches a gold span of the same role with the
           very same pieces (a discontinuous span "s e;s e" is a set of pieces;
           pieces that only whitespace separates are joined first);
  overlap  a predicted span matches a gold span that shares one character.

Matching is one to one within a document. PolNeAR annotates only the outermost
attribution ("No nested attributions" in its guidelines), so a predicted
attribution whose cue lies inside another one's content is left out of the
scoring (Lede keeps it, with "reported_by" when the outer one is a media report).

Usage: bench/score_quotes.py [--split dev|train] [--data DIR] [--failures N] [--limit N]
       LEDE_LIBRARY=build-quotes/plugin/liblede-1.so picks the library (else python/lede finds it).
Skips (exit 0) with a message when the PolNeAR data is absent.
"""
import argparse
import collections
import glob
import os
import re
import sys
import time

from bench_lede import import_lede

ROLES = ("source", "cue", "content")
NAME = "score_quotes"


def join_pieces(text, pieces):
    """Sorted pieces, those separated only by whitespace joined."""
    out = []
    for s, e in sorted(pieces):
        if out and not text[out[-1][1]:s].strip():
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return tuple(out)


def read_gold(path, text):
    """Attributions of a brat .ann: a list of {role: pieces}."""
    spans, events = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2:
                continue
            if fields[0].startswith("T"):
                label, _, where = fields[1].partition(" ")
                pieces = [tuple(map(int, p.split())) for p in where.split(";")]
                spans[fields[0]] = (label, pieces)
            elif fields[0].startswith("E"):
                args = dict(a.split(":", 1) for a in fields[1].split() if ":" in a)
                events.append(args)
    gold = []
    for args in events:
        attr = {}
        for role in ROLES:
            ref = args.get(role.capitalize())
            if ref in spans:
                attr[role] = join_pieces(text, spans[ref][1])
        if "cue" in attr or "content" in attr:
            gold.append(attr)
    return gold


def predicted(doc, text):
    """Lede's outermost attributions as {role: pieces}."""
    out = []
    quotes = doc.get("quotes", [])
    contents = [(q["content"]["start"], q["content"]["end"]) for q in quotes]
    for i, q in enumerate(quotes):
        cue = q.get("cue")
        if cue and any(j != i and s <= cue["start"] and cue["end"] <= e
                       for j, (s, e) in enumerate(contents)):
            continue
        attr = {}
        for role in ("source", "cue"):
            if q.get(role):
                attr[role] = join_pieces(text, [(q[role]["start"], q[role]["end"])])
        parts = q.get("content_parts") or [q["content"]]
        attr["content"] = join_pieces(text, [(p["start"], p["end"]) for p in parts])
        attr["kind"] = q["kind"]
        out.append(attr)
    return out


def overlaps(a, b):
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold, pred, same):
    """One-to-one greedy matching; returns {pred index: gold index}."""
    taken, pairs = set(), {}
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in taken and same(p, g):
                taken.add(j)
                pairs[i] = j
                break
    return pairs


def boundary(text, p, g):
    """How a predicted span that overlaps a gold one differs from it."""
    ps, pe, gs, ge = p[0][0], p[-1][1], g[0][0], g[-1][1]
    what = []
    if len(p) != len(g):
        what.append("pieces %d vs gold %d" % (len(p), len(g)))
    if ps < gs:
        what.append("starts early (+%r)" % first_word(text[ps:gs]))
    elif ps > gs:
        what.append("starts late (-%r)" % first_word(text[gs:ps]))
    if pe > ge:
        what.append("ends late (+%r)" % last_word(text[ge:pe]))
    elif pe < ge:
        what.append("ends early (-%r)" % last_word(text[pe:ge]))
    return ", ".join(what) or "pieces differ"


def first_word(s):
    w = s.strip().split()
    return (w[0][:12] if w else s.strip()[:6]) + ("…" if len(w) > 1 else "")


def last_word(s):
    w = s.strip().split()
    return ("…" if len(w) > 1 else "") + (w[-1][-12:] if w else s.strip()[:6])


def cue_word(text, pieces):
    return re.sub(r"\s+", " ", " ".join(text[s:e] for s, e in pieces)).strip().lower()


def prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--data", default=None, help="the polnear directory (default: $LEDE_SHARED_DATA/polnear)")
    ap.add_argument("--failures", type=int, default=15)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N texts")
    args = ap.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = os.environ.get("LEDE_SHARED_DATA", os.path.join(root, "..", "shared", "data"))
    data = args.data or os.path.join(shared, "polnear")
    split = os.path.join(data, "data", args.split)
    anns = sorted(glob.glob(os.path.join(split, "attributions", "*.ann")))
    if not anns:
        print("score_quotes: SKIP: no PolNeAR data at %s" % split)
        return 0
    # a text annotated by several annotators is scored once, against the first
    seen, unique = set(), []
    for ann in anns:
        base = os.path.basename(ann)[:-4].rsplit("_", 1)[0]
        if base not in seen:
            seen.add(base)
            unique.append(ann)
    anns = unique[:args.limit] if args.limit else unique

    lede = import_lede(NAME)
    annotator = lede.Annotator(offsets="codepoint")
    counts = {(r, m): [0, 0, 0, 0] for r in ROLES for m in ("exact", "overlap")}
    failures = collections.Counter()
    seconds, chars = 0.0, 0
    for ann in anns:
        base = os.path.basename(ann)[:-4].rsplit("_", 1)[0]
        with open(os.path.join(split, "text", base + ".txt"), encoding="utf-8") as f:
            text = f.read()
        gold = read_gold(ann, text)
        t0 = time.perf_counter()
        doc = annotator.annotate(text)
        seconds += time.perf_counter() - t0
        chars += len(text)
        pred = predicted(doc, text)

        for role in ROLES:
            gp = [g[role] for g in gold if role in g]
            pp = [p[role] for p in pred if role in p]
            for measure, same in (("exact", lambda a, b: a == b), ("overlap", overlaps)):
                pairs = match(gp, pp, same)
                c = counts[(role, measure)]
                c[0] += len(pairs)
                c[1] += len(pp)
                c[2] += len(pairs)
                c[3] += len(gp)
            exact = match(gp, pp, lambda a, b: a == b)
            close = match(gp, pp, overlaps)
            for i, j in close.items():
                if i not in exact:
                    failures["%s: %s" % (role, boundary(text, pp[i], gp[j]))] += 1

        # whole attributions found or not, by cue
        by_cue = match([g["cue"] for g in gold if "cue" in g], [p["cue"] for p in pred if "cue" in p],
                       overlaps)
        gold_cues = [g["cue"] for g in gold if "cue" in g]
        pred_cues = [p["cue"] for p in pred if "cue" in p]
        found = set(by_cue.values())
        for j, g in enumerate(gold_cues):
            if j not in found:
                failures["missed: cue %r" % cue_word(text, g)] += 1
        for i, p in enumerate(pred_cues):
            if i not in by_cue:
                failures["spurious: cue %r" % cue_word(text, p)] += 1

    print("PolNeAR %s: %d texts, %.0f chars/s through lede_annotate (whole pipeline)"
          % (args.split, len(anns), chars / seconds if seconds else 0))
    print("%-8s %-8s %7s %7s %7s %7s %7s" % ("role", "measure", "P", "R", "F1", "pred", "gold"))
    for role in ROLES:
        for measure in ("exact", "overlap"):
            c = counts[(role, measure)]
            p, r, f = prf(*c)
            print("%-8s %-8s %7.3f %7.3f %7.3f %7d %7d" % (role, measure, p, r, f, c[1], c[3]))
    print("\nCommonest failures:")
    for what, n in failures.most_common(args.failures):
        print("%6d  %s" % (n, what))
    return 0


if __name__ == "__main__":
    sys.exit(main())
