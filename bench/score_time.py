#!/usr/bin/python3
"""Scores Lede's time layer the way TempEval-3 scores TIMEX3 extraction.

For each gold article the text is given to Lede through the project's binding
(python/lede), with the document creation time as the "date" metadata, and the
TIMEX3 found are compared with the gold ones (UzZaman et al. 2013,
toolkit-docs/evaluation-entities-README.txt):

  strict match   the same extent;
  relaxed match  overlapping extents;
  type/value accuracy   of the relaxed matches, the share with the gold
                        attribute;
  value F1       P = correct values / system timexes,
                 R = correct values / gold timexes.

Data: TempEval-3 TBAQ-cleaned (TimeBank and AQUAINT, inline TimeML) and
MEANTIME (token-anchored XML, the text rebuilt from its tokens). The
document creation time is the anchor and is not itself scored. Corpora that
are absent are skipped.

usage: bench/score_time.py [--data DIR] [--half even|odd] [--failures N] [--show PATTERN]
       LEDE_LIBRARY=build/plugin/liblede-1.so picks the library (else python/lede finds it).
"""

import argparse
import collections
import glob
import html
import os
import re
import sys
import xml.etree.ElementTree as ET

from bench_lede import import_lede, meantime_text

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "score_time"


# ------------------------------------------------------------------ Lede

def timexes(annotator, text, date):
    doc = annotator.annotate(text, date=date or None)
    return [{"start": t["start"], "end": t["end"], "type": t["type"], "value": t["value"]}
            for t in doc.get("timexes", [])]


# ----------------------------------------------------------------- corpora

def read_timeml(path):
    """The plain text of <TEXT>, its gold TIMEX3 (offsets in code points) and the DCT."""
    raw = open(path, encoding="utf-8").read()
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        v = re.search(r'value="(\d{4}-\d{2}-\d{2})', m.group(0))
        dct = v.group(1) if v else None
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    text, gold, pos, open_timex = [], [], 0, None
    for m in re.finditer(r"<(/?)([A-Za-z0-9]+)([^>]*)>|[^<]+", body):
        if m.group(2) is None:
            chunk = html.unescape(m.group(0))
            text.append(chunk)
            pos += len(chunk)
        elif m.group(2) == "TIMEX3" and not m.group(1):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(3)))
            open_timex = (pos, attrs)
        elif m.group(2) == "TIMEX3" and open_timex:
            start, attrs = open_timex
            gold.append({"start": start, "end": pos, "type": attrs.get("type", ""),
                         "value": attrs.get("value", "")})
            open_timex = None
    return "".join(text), gold, dct


def read_meantime(path):
    """Text rebuilt from MEANTIME tokens (one line per sentence), gold TIMEX3, the DCT, and
    what is not scored: the DCT's span and the text after the annotated sentences."""
    root = ET.parse(path).getroot()
    text, spans = meantime_text(root)
    # MEANTIME annotates the title and the first sentences only: score what
    # lies up to the last sentence holding any markable
    sentence_of = {tok.get("t_id"): int(tok.get("sentence")) for tok in root.iter("token")}
    last = max((sentence_of[a.get("t_id")] for a in root.iter("token_anchor")), default=-1)
    scored_end = max((spans[t][1] for t, s in sentence_of.items() if s <= last), default=0)
    gold, dct, dct_span = [], None, None
    for timex in root.iter("TIMEX3"):
        anchors = [a.get("t_id") for a in timex.iter("token_anchor")]
        if not anchors:
            continue
        start = min(spans[a][0] for a in anchors)
        end = max(spans[a][1] for a in anchors)
        if timex.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"\d{4}-\d{2}-\d{2}", timex.get("value", ""))
            dct = m.group(0) if m else None
            dct_span = (start, end)
            continue
        gold.append({"start": start, "end": end, "type": timex.get("type", ""),
                     "value": timex.get("value", "")})
    return text, gold, dct, (dct_span, scored_end)


def corpora(data):
    tbaq = os.path.join(data, "tempeval3", "TBAQ-cleaned")
    for part in ("TimeBank", "AQUAINT"):
        files = sorted(glob.glob(os.path.join(tbaq, part, "*.tml")))
        if not files:
            print(f"skip {part}: no files under {tbaq}")
            continue
        yield part, [(f,) + read_timeml(f) + (None,) for f in files]
    files = sorted(glob.glob(os.path.join(data, "meantime", "intra-doc_annotation", "*", "*.xml")))
    if not files:
        print("skip MEANTIME: no files")
        return
    yield "MEANTIME", [(f,) + read_meantime(f) for f in files]


# ------------------------------------------------------------------ scoring

def shape(text):
    text = re.sub(r"\s+", " ", text.strip().lower())
    return re.sub(r"\d", "9", text)


def value_shape(value):
    return re.sub(r"\d", "9", value)


class Score:
    def __init__(self):
        self.n_gold = self.n_sys = 0
        self.strict_r = self.relaxed_r = self.strict_p = self.relaxed_p = 0
        self.type_ok = self.value_ok = 0

    def add(self, other):
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)

    @staticmethod
    def prf(hit_p, hit_r, n_sys, n_gold):
        p = hit_p / n_sys if n_sys else 0.0
        r = hit_r / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self, name):
        sp, sr, sf = self.prf(self.strict_p, self.strict_r, self.n_sys, self.n_gold)
        rp, rr, rf = self.prf(self.relaxed_p, self.relaxed_r, self.n_sys, self.n_gold)
        tacc = self.type_ok / self.relaxed_r if self.relaxed_r else 0.0
        vacc = self.value_ok / self.relaxed_r if self.relaxed_r else 0.0
        vp, vr, vf = self.prf(self.value_ok, self.value_ok, self.n_sys, self.n_gold)
        print(f"{name:<10} gold {self.n_gold:5d} sys {self.n_sys:5d} | "
              f"strict P {sp:.3f} R {sr:.3f} F1 {sf:.3f} | "
              f"relaxed P {rp:.3f} R {rr:.3f} F1 {rf:.3f} | "
              f"type acc {tacc:.3f} | value acc {vacc:.3f} F1 {vf:.3f}")


def overlap(a, b):
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def score_document(text, gold, system, failures, examples, name):
    s = Score()
    s.n_gold, s.n_sys = len(gold), len(system)

    def span_text(t):
        return text[t["start"]:t["end"]]

    for g in gold:
        matches = [t for t in system if overlap(g, t) > 0]
        if not matches:
            key = f"missed {g['type']}: '{shape(span_text(g))}'"
            failures[key] += 1
            examples[key].append(f"{name}: {span_text(g)!r} gold {g['value']}")
            continue
        best = max(matches, key=lambda t: overlap(g, t))
        s.relaxed_r += 1
        if (best["start"], best["end"]) == (g["start"], g["end"]):
            s.strict_r += 1
        else:
            key = f"extent: gold '{shape(span_text(g))}' vs '{shape(span_text(best))}'"
            failures[key] += 1
            examples[key].append(f"{name}: {span_text(g)!r} vs {span_text(best)!r}")
        if best["type"] == g["type"]:
            s.type_ok += 1
        else:
            key = f"type: '{shape(span_text(g))}' gold {g['type']} got {best['type']}"
            failures[key] += 1
            examples[key].append(f"{name}: {span_text(g)!r}")
        if best["value"] == g["value"]:
            s.value_ok += 1
        else:
            key = (f"value: '{shape(span_text(g))}' gold {value_shape(g['value'])} "
                   f"got {value_shape(best['value'])}")
            failures[key] += 1
            examples[key].append(f"{name}: {span_text(g)!r} gold {g['value']} got {best['value']}")
    for t in system:
        matches = [g for g in gold if overlap(g, t) > 0]
        if not matches:
            key = f"spurious {t['type']}: '{shape(span_text(t))}'"
            failures[key] += 1
            examples[key].append(f"{name}: {span_text(t)!r} = {t['value']}")
            continue
        s.relaxed_p += 1
        if any((g["start"], g["end"]) == (t["start"], t["end"]) for g in matches):
            s.strict_p += 1
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("LEDE_SHARED_DATA",
                                                      os.path.join(ROOT, "..", "shared", "data")))
    ap.add_argument("--failures", type=int, default=15, help="how many failure patterns to list")
    ap.add_argument("--show", help="print every example of failure patterns containing this text")
    ap.add_argument("--half", choices=("even", "odd"),
                    help="score only the files at even (or odd) positions of each corpus, sorted by "
                         "name: study failures on one half, check a rule's gain on the other")
    args = ap.parse_args()

    lede = import_lede(NAME)
    annotator = lede.Annotator(offsets="codepoint")
    print(f"library: {os.path.relpath(lede.library_path, ROOT)}")
    total = {"TempEval-3": Score()}
    failures = collections.Counter()
    examples = collections.defaultdict(list)
    reports = []
    for part, docs in corpora(args.data):
        score = Score()
        if args.half:
            docs = docs[args.half == "odd"::2]
        for path, text, gold, dct, unscored in docs:
            system = timexes(annotator, text, dct)
            if unscored is not None:
                # the creation time is the anchor, not a timex to find
                dct_span, scored_end = unscored
                system = [t for t in system if t["start"] < scored_end
                          and (dct_span is None or t["end"] <= dct_span[0] or t["start"] >= dct_span[1])]
            score.add(score_document(text, gold, system, failures, examples,
                                     os.path.basename(path)))
        reports.append((part, score))
        if part in ("TimeBank", "AQUAINT"):
            total["TempEval-3"].add(score)

    if not reports:
        print("no gold data found under", args.data)
        return
    for part, score in reports:
        score.report(part)
    if total["TempEval-3"].n_gold:
        total["TempEval-3"].report("TBAQ all")

    print(f"\n{args.failures} commonest failure patterns (TBAQ and MEANTIME):")
    for key, n in failures.most_common(args.failures):
        print(f"{n:4d}  {key}")
        for example in examples[key][:2]:
            print(f"        {example}")
    if args.show:
        for key, items in examples.items():
            if args.show in key:
                print(f"\n{key}")
                for example in items:
                    print(f"  {example}")


if __name__ == "__main__":
    main()
