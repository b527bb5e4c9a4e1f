#!/usr/bin/python3
"""Scores Lede's structure layer (paragraph, headline and caption blocks)
against GUM.

Each GUM document is rebuilt as plain text from its gold tokens
(gum/dep/*.conllu: the words, joined by a space unless SpaceAfter=No) and the
block elements of its xml/ twin (gum/xml/*.xml): every block (<head>, <p>,
<figure>/<caption>, <item>, block <quote>, <sp> turns, <l>, <cell>, and runs of
sentences outside any block, such as the date line under a Wikinews headline)
is one line of text, and blocks are separated by a layout:

  blank    a blank line between blocks (the default; what Lede's paragraph rule
           expects, and what the sample article looks like);
  lines    one newline between blocks, no blank lines (Lede then takes every
           line as a paragraph);
  wrapped  a blank line between blocks, each block hard-wrapped at 72 columns
           (a space turns into a newline, so offsets do not move): wrapped lines
           must stay in one paragraph.

Gold kinds: the document's first <head> is its headline; a block inside
<figure> or <caption> is a caption; every other block, later headings (section
titles) included, is a paragraph, since a paragraph is what Lede calls any
block of body text. Lede's credit and dateline blocks that open a line are
joined to the paragraph after them before comparing, as GUM has no such
blocks and keeps that text in its paragraph.

Prints precision, recall and F1 of exact block spans (code points) per kind,
micro-averaged over documents, for the news and interview genres and for all
of GUM (GENTLE's out-of-domain genres included), plus "blocks": every block
whatever its kind, which measures segmentation alone.

What the rebuilt text gives away: under "blank" and "lines" every gold block
is exactly one line, so paragraph segmentation is handed over and the
paragraph figures mostly measure labelling (a paragraph lost to a wrong
caption, headline, credit or boilerplate call). Real articles are messier:
pasted web text with one newline per wrapped line and no blank lines cannot be
paragraphed by any line rule. Headlines in GUM always stand alone on the first
line, which is the easy case; captions in GUM are mostly plain sentences with
no photo cue ("Pilgrims at the Grand Mosque in 2008."), so caption recall here
is low by design of the rules, not by accident.

Usage: bench/score_structure.py [--library PATH] [--data DIR]
                                [--layout blank|lines|wrapped|all] [--errors N]
The library is --library, else $LEDE_LIBRARY, else what python/lede finds
(build/plugin/liblede-1.so, then the newest other build*/plugin, then the system). Exits 0 with a message
when the data is absent.
"""
import argparse
import glob
import os
import sys
import time
from collections import defaultdict

from bench_lede import import_lede

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ("paragraph", "headline", "caption", "blocks")
LAYOUTS = ("blank", "lines", "wrapped")
WRAP = 72
NAME = "score_structure"


# GUM xml elements that make a block of their own. <quote> and <sp> inside a
# sentence are inline (a quotation, a turn quoted in fiction); <q>, <hi>,
# <date>, <ref>, <w> and the like always are.
BLOCK_TAGS = {"p", "head", "item", "list", "caption", "figure", "quote", "sp", "l", "lg",
              "table", "row", "cell", "note"}


def xml_words(path):
    """For each word (token line) of a GUM xml file: (block id, gold kind).
    The block is the innermost block element around the word's sentence;
    words outside any block get a block per run."""
    words = []
    stack = []          # [tag, id]
    next_id = 0
    loose_id = None
    first_head = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "\t" in line:
                block, kinds = None, set()
                for tag, ident in stack:
                    if tag == "s":
                        break
                    if tag in BLOCK_TAGS:
                        block = (tag, ident)
                        kinds.add(tag)
                if block is None:
                    if loose_id is None:
                        loose_id, next_id = next_id, next_id + 1
                    block = ("loose", loose_id)
                if block[0] == "head" and first_head is None:
                    first_head = block
                if "figure" in kinds or "caption" in kinds:
                    kind = "caption"
                elif block == first_head:
                    kind = "headline"
                else:
                    kind = "paragraph"
                words.append((block, kind))
            elif line.startswith("<") and not line.rstrip().endswith("/>"):
                closing = line.startswith("</")
                tag = line[2 if closing else 1:].split(">")[0].split(" ")[0].strip()
                if closing:
                    for i in range(len(stack) - 1, -1, -1):
                        if stack[i][0] == tag:
                            del stack[i:]
                            break
                else:
                    stack.append([tag, next_id])
                    next_id += 1
                if tag in BLOCK_TAGS:
                    loose_id = None
    return words


def conllu_words(path):
    """The words of a CoNLL-U file with whether a space follows each; the
    surface form of a multi-word token goes on its first word."""
    words = []
    genre = None
    mwt_end, mwt_form, mwt_space = 0, None, True
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# meta::genre = "):
                genre = line.split("=", 1)[1].strip()
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 10 or "." in cols[0]:
                continue
            space = "SpaceAfter=No" not in cols[9].split("|")
            if "-" in cols[0]:
                mwt_end = int(cols[0].split("-")[1])
                mwt_form, mwt_space = cols[1], space
                continue
            index = int(cols[0])
            if mwt_end and index <= mwt_end:
                # the form is spelled once, by the token's first word
                words.append((mwt_form, mwt_space if index == mwt_end else False))
                mwt_form = ""
                if index == mwt_end:
                    mwt_end = 0
                continue
            words.append((cols[1], space))
    return words, genre


class Doc:
    def __init__(self, name, genre, blocks):
        self.name = name
        self.genre = genre
        self.blocks = blocks      # [(text, kind)]


def read_doc(conllu_path, xml_path):
    """The gold blocks of one document, or None when its files disagree."""
    cwords, genre = conllu_words(conllu_path)
    xwords = xml_words(xml_path)
    if len(cwords) != len(xwords):
        return None
    blocks, current, pieces, kind, space = [], None, [], None, False
    for (form, space_after), (block, block_kind) in zip(cwords, xwords):
        if block != current:
            if pieces:
                blocks.append(("".join(pieces).strip(), kind))
            current, pieces, kind, space = block, [], block_kind, False
        if space and pieces:
            pieces.append(" ")
        pieces.append(form)
        space = space_after
    if pieces:
        blocks.append(("".join(pieces).strip(), kind))
    name = os.path.basename(conllu_path)[:-len(".conllu")]
    return Doc(name, genre or name.split("_")[1], [(t, k) for t, k in blocks if t])


def wrap(text):
    """Hard-wraps at WRAP columns by turning spaces into newlines: offsets stay."""
    chars = list(text)
    line_start, last_space = 0, -1
    for i, c in enumerate(chars):
        if c == " ":
            last_space = i
        if i - line_start >= WRAP and last_space > line_start:
            chars[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
    return "".join(chars)


def render(doc, layout):
    """The document's text and its gold blocks [(start, end, kind)]."""
    parts, gold, length = [], [], 0
    sep = "\n" if layout == "lines" else "\n\n"
    for i, (text, kind) in enumerate(doc.blocks):
        if i > 0:
            parts.append(sep)
            length += len(sep)
        if layout == "wrapped":
            text = wrap(text)
        parts.append(text)
        gold.append((length, length + len(text), kind))
        length += len(text)
    return "".join(parts) + "\n", gold


def predicted(structure, text):
    """Lede's blocks [(start, end, kind)], a credit or dateline that opens a
    line joined to the paragraph that follows it on that line."""
    blocks = []
    lead = None
    for b in structure:
        kind, start, end = b["kind"], b["start"], b["end"]
        if kind in ("credit", "dateline"):
            if lead is not None:
                blocks.append(lead)
            lead = (start, end, kind)
            continue
        if lead is not None:
            if kind == "paragraph" and not text[lead[1]:start].strip(" "):
                start = lead[0]
            else:
                blocks.append(lead)
            lead = None
        blocks.append((start, end, kind))
    if lead is not None:
        blocks.append(lead)
    return blocks


class Counts:
    def __init__(self):
        self.c = defaultdict(int)

    def add(self, kind, gold, pred):
        g, p = set(gold), set(pred)
        self.c[kind, "tp"] += len(g & p)
        self.c[kind, "gold"] += len(g)
        self.c[kind, "pred"] += len(p)

    def prf(self, kind):
        tp, gold, pred = self.c[kind, "tp"], self.c[kind, "gold"], self.c[kind, "pred"]
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, gold, pred


def score(annotator, docs, layout, errors):
    groups = defaultdict(Counts)
    shown = 0
    for doc in docs:
        text, gold = render(doc, layout)
        pred = predicted(annotator.annotate(text)["document"]["structure"], text)
        for name in ("all", doc.genre):
            counts = groups[name]
            for kind in KINDS[:-1]:
                counts.add(kind, [(s, e) for s, e, k in gold if k == kind],
                           [(s, e) for s, e, k in pred if k == kind])
            counts.add("blocks", [(s, e) for s, e, _ in gold], [(s, e) for s, e, _ in pred])
        if shown < errors:
            gold_set = set(gold)
            for s, e, k in pred:
                if (s, e, k) not in gold_set and k != "paragraph":
                    want = [g[2] for g in gold if g[0] == s and g[1] == e]
                    print("  %s %-9s (gold %-9s) %r" % (doc.name, k, want[0] if want else "-",
                                                       text[s:e][:90]))
                    shown += 1
            for s, e, k in gold:
                if k in ("headline", "caption") and (s, e, k) not in set(pred):
                    print("  %s missed %-9s %r" % (doc.name, k, text[s:e][:90]))
                    shown += 1
    return groups


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library")
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--layout", choices=LAYOUTS + ("all",), default="all")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong calls")
    args = parser.parse_args()

    dep = os.path.join(args.data, "gum", "dep")
    paths = sorted(glob.glob(os.path.join(dep, "*.conllu")))
    if not paths:
        print("score_structure: no GUM data under %s: skipped" % dep)
        return 0
    docs, skipped = [], []
    for path in paths:
        name = os.path.basename(path)[:-len(".conllu")]
        xml = os.path.join(args.data, "gum", "xml", name + ".xml")
        doc = read_doc(path, xml) if os.path.exists(xml) else None
        # Reddit documents ship without their words ("_"): nothing to rebuild.
        if doc is None or all(t.strip("_ ") == "" for t, _ in doc.blocks):
            skipped.append(name)
        else:
            docs.append(doc)

    lede = import_lede(NAME, args.library)
    annotator = lede.Annotator(offsets="codepoint")
    print("GUM: %d documents (%d skipped: no xml twin, words missing or misaligned)"
          % (len(docs), len(skipped)))
    layouts = LAYOUTS if args.layout == "all" else (args.layout,)
    for layout in layouts:
        started = time.time()
        groups = score(annotator, docs, layout, args.errors)
        print("\nlayout: %s  (%.1f s)" % (layout, time.time() - started))
        print("%-10s %-10s %6s %6s %6s %6s %6s" % ("genre", "kind", "P", "R", "F1", "gold", "pred"))
        for name in ("news", "interview", "all"):
            for kind in KINDS:
                p, r, f, g, n = groups[name].prf(kind)
                print("%-10s %-10s %6.3f %6.3f %6.3f %6d %6d" % (name, kind, p, r, f, g, n))
    annotator.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
