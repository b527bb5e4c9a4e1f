#!/usr/bin/python3
"""Scores Lede's sentence boundaries (and token boundaries) against gold data.

Runs the built library through the project's binding (python/lede) on whole documents
rebuilt from gold-tokenized corpora in ../shared/data:

  GUM (gum/dep/*.conllu)   text rebuilt from the tokens and SpaceAfter=No, with a
                           newline wherever a block element of the xml/ twin file
                           (p, head, item, caption, sp, l, ...) opens or closes,
                           else between the paragraphs that `# newpar` marks;
                           gold sentences are the CoNLL-U sentences, gold tokens
                           the CoNLL-U words (a multi-word token such as "don't"
                           counts as its words when they spell it, else whole).
  CoNLL-2003 (conll2003/valid.txt)  documents split at -DOCSTART-, in two variants:
                           "spaces": every token and sentence joined by one space
                           (no line hints at all), and "lines": one gold sentence
                           per line (measures only splitting inside sentences).

Prints precision, recall and F1 of sentence END offsets, of exact sentence
spans, and of exact token spans, micro-averaged over documents, per corpus and
per GUM genre. Every document's final sentence end counts too.

Usage: bench/score_sentences.py [--library PATH] [--data DIR] [--genres]
                                [--errors N] [--par-sep '\\n']
The library is --library, else $LEDE_LIBRARY, else what python/lede finds
(build/plugin/liblede-1.so, then the newest other build*/plugin, then the system).
"""
import argparse
import glob
import os
import sys
import time
from collections import defaultdict

from bench_lede import import_lede

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "score_sentences"


class Doc:
    """A rebuilt text with its gold sentence and token spans (code points)."""

    def __init__(self, name, group):
        self.name = name
        self.group = group
        self.parts = []
        self.length = 0
        self.sentences = []
        self.tokens = []

    def add(self, text):
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    @property
    def text(self):
        return "".join(self.parts)


# Elements of GUM's xml/ files that stand on lines of their own; <q>, <quote>,
# <hi>, <date> and the like run inside a line.
GUM_BLOCKS = {"p", "head", "item", "list", "caption", "figure", "sp", "l", "lg", "table",
              "row", "cell", "note"}


def gum_line_breaks(path):
    """For each word of the xml/ twin of a dep/ file, whether a block element
    opens or closes before it; None when there is no xml file."""
    if not os.path.exists(path):
        return None
    breaks, pending, in_sentence = [], False, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "\t" in line:
                breaks.append(pending)
                pending = False
            elif line.startswith("<"):
                tag = line[1:].lstrip("/").split(">")[0].split(" ")[0]
                if tag == "s":
                    in_sentence = not line.startswith("</")
                # a speaker turn is a paragraph in interviews, but wraps
                # quotes inside sentences in fiction: "“Go,” he said."
                pending |= tag in GUM_BLOCKS and not (tag == "sp" and in_sentence)
    return breaks


def read_gum(path, par_sep):
    """One Doc per CoNLL-U file; see the module comment for the conventions."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    name = os.path.basename(path)[:-len(".conllu")]
    genre = name.split("_")[1]
    doc = Doc(name, genre)
    breaks = gum_line_breaks(os.path.join(os.path.dirname(os.path.dirname(path)), "xml", name + ".xml"))
    n_words = 0
    new_par = False
    space_after = False
    sentence_start = None
    mwt_end, mwt_start, mwt_form, mwt_words = 0, 0, "", []

    def flush_mwt():
        # the words of a multi-word token, when they spell it
        if "".join(mwt_words) == mwt_form:
            offset = mwt_start
            for word in mwt_words:
                doc.tokens.append((offset, offset + len(word)))
                offset += len(word)
        else:
            doc.tokens.append((mwt_start, mwt_start + len(mwt_form)))

    for line in lines:
        if line.startswith("#"):
            if line.strip() == "# newpar" or line.startswith("# newpar "):
                new_par = True
            elif line.startswith("# meta::genre = "):
                doc.group = line.split("=", 1)[1].strip()
            continue
        if not line.strip():
            if sentence_start is not None:
                doc.sentences.append((sentence_start, doc.length))
                sentence_start = None
            continue
        cols = line.split("\t")
        if len(cols) < 10 or "." in cols[0]:
            continue
        misc = cols[9].split("|")
        if "-" not in cols[0]:
            n_words += 1
        if mwt_end and "-" not in cols[0] and int(cols[0]) <= mwt_end:
            mwt_words.append(cols[1])
            if int(cols[0]) == mwt_end:
                flush_mwt()
                mwt_end = 0
            continue
        form = cols[1]
        if breaks is not None:
            # the xml's block elements; a range line's first word is the next one
            index = n_words - 1 if "-" not in cols[0] else n_words
            new_par = index < len(breaks) and breaks[index]
        elif sentence_start is not None:
            new_par = False   # `# newpar` breaks only between sentences
        if doc.length > 0:
            if new_par:
                doc.add(par_sep)
            elif space_after:
                doc.add(" ")
        new_par = False
        start = doc.add(form)
        if sentence_start is None:
            sentence_start = start
        space_after = "SpaceAfter=No" not in misc
        if "-" in cols[0]:
            mwt_start, mwt_form, mwt_words = start, form, []
            mwt_end = int(cols[0].split("-")[1])
        else:
            doc.tokens.append((start, start + len(form)))
    if sentence_start is not None:
        doc.sentences.append((sentence_start, doc.length))
    return doc


def read_conll2003(path, variant):
    """Documents of a CoNLL-2003 file, tokens joined by spaces, sentences by
    a space ("spaces") or a newline ("lines")."""
    docs = []
    doc, sentence = None, []

    def end_sentence():
        if doc is None or not sentence:
            return
        if doc.length > 0:
            doc.add(" " if variant == "spaces" else "\n")
        start = None
        for i, token in enumerate(sentence):
            if i > 0:
                doc.add(" ")
            s = doc.add(token)
            doc.tokens.append((s, s + len(token)))
            start = s if start is None else start
        doc.sentences.append((start, doc.length))
        sentence.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                end_sentence()
                doc = Doc("conll2003-valid-%d" % (len(docs) + 1), "conll-" + variant)
                docs.append(doc)
            elif not line.strip():
                end_sentence()
            else:
                sentence.append(line.split(" ")[0])
    end_sentence()
    return [d for d in docs if d.sentences]


class Counts:
    def __init__(self):
        self.c = defaultdict(int)
        self.docs = 0
        self.chars = 0

    def add(self, what, gold, pred):
        self.c[what + "_tp"] += len(gold & pred)
        self.c[what + "_gold"] += len(gold)
        self.c[what + "_pred"] += len(pred)

    def prf(self, what):
        tp, g, p = self.c[what + "_tp"], self.c[what + "_gold"], self.c[what + "_pred"]
        precision = tp / p if p else 0.0
        recall = tp / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, g


def score(annotator, docs, groups_of, errors, out):
    counts = defaultdict(Counts)
    examples = []
    for doc in docs:
        text = doc.text
        result = annotator.annotate(text)
        pred_sents = {(s["start"], s["end"]) for s in result.get("sentences", [])}
        pred_tokens = {(t["start"], t["end"]) for t in result.get("tokens", [])}
        gold_sents = set(doc.sentences)
        gold_ends = {e for _, e in gold_sents}
        pred_ends = {e for _, e in pred_sents}
        for group in groups_of(doc):
            c = counts[group]
            c.docs += 1
            c.chars += len(text)
            c.add("end", gold_ends, pred_ends)
            c.add("span", gold_sents, pred_sents)
            c.add("token", set(doc.tokens), pred_tokens)
        if errors:
            for kind, offsets in (("missed", gold_ends - pred_ends), ("spurious", pred_ends - gold_ends)):
                for e in sorted(offsets):
                    examples.append("%-8s %-28s %s‖%s" % (kind, doc.name[:28],
                                                          text[max(0, e - 60):e].replace("\n", "¶"),
                                                          text[e:e + 40].replace("\n", "¶")))
    if errors:
        for line in examples[:errors]:
            print("  " + line, file=out)
    return counts


def print_table(title, counts, order, out):
    print(title, file=out)
    print("  %-22s %5s %6s | %-20s | %-20s | %-20s" % ("", "docs", "sents", "sentence ends P/R/F1",
                                                      "exact spans P/R/F1", "tokens P/R/F1"), file=out)
    for group in order:
        if group not in counts:
            continue
        c = counts[group]
        cells = []
        for what in ("end", "span", "token"):
            p, r, f, _ = c.prf(what)
            cells.append("%5.1f %5.1f %6.2f  " % (100 * p, 100 * r, 100 * f))
        print("  %-22s %5d %6d | %s| %s| %s" % (group, c.docs, c.c["span_gold"], *cells), file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", help="path of liblede-1.so")
    parser.add_argument("--data", default=os.environ.get("LEDE_SHARED_DATA",
                                                         os.path.join(ROOT, "..", "shared", "data")))
    parser.add_argument("--genres", action="store_true", help="a row for every GUM genre")
    parser.add_argument("--errors", type=int, default=0, help="print up to N boundary errors")
    parser.add_argument("--par-sep", default="\n", help="separator of GUM paragraphs (default: newline)")
    parser.add_argument("--only", choices=["gum", "conll"], help="score one corpus")
    args = parser.parse_args()

    data = os.path.normpath(args.data)
    if not os.path.isdir(data):
        print("score_sentences: SKIP: no gold data at %s (set LEDE_SHARED_DATA)" % data)
        return 0
    lede = import_lede(NAME, args.library)
    annotator = lede.Annotator(tokens=True, offsets="codepoint")
    out = sys.stdout
    print("command: %s" % " ".join([os.path.relpath(sys.argv[0], ROOT) if os.path.exists(sys.argv[0])
                                    else sys.argv[0]] + sys.argv[1:]), file=out)
    print("library: %s" % os.path.realpath(lede.library_path), file=out)

    if args.only in (None, "gum"):
        files = sorted(glob.glob(os.path.join(data, "gum", "dep", "*.conllu")))
        if not files:
            print("GUM: SKIP: no %s/gum/dep/*.conllu" % data, file=out)
        else:
            docs = [read_gum(f, args.par_sep.encode().decode("unicode_escape")) for f in files]
            print("GUM data: %s/gum/dep/*.conllu (%d documents, %d sentences, %d characters); "
                  "paragraphs separated by %r" % (data, len(docs), sum(len(d.sentences) for d in docs),
                                                 sum(d.length for d in docs), args.par_sep), file=out)
            started = time.monotonic()
            counts = score(annotator, docs, lambda d: (d.group, "all", "news+interview")
                           if d.group in ("news", "interview") else (d.group, "all"), args.errors, out)
            elapsed = time.monotonic() - started
            genres = sorted({d.group for d in docs}) if args.genres else []
            print_table("GUM (%.1f s through the ABI, JSON included)" % elapsed, counts,
                        ["news", "interview", "news+interview", "all"] + genres, out)

    if args.only in (None, "conll"):
        path = os.path.join(data, "conll2003", "valid.txt")
        if not os.path.exists(path):
            print("CoNLL-2003: SKIP: no %s" % path, file=out)
        else:
            counts = {}
            for variant in ("spaces", "lines"):
                docs = read_conll2003(path, variant)
                counts.update(score(annotator, docs, lambda d: (d.group,), args.errors, out))
            print("CoNLL-2003 data: %s (%d documents); conll-spaces: all tokens and sentences joined by "
                  "one space; conll-lines: one gold sentence per line" % (path, len(docs)), file=out)
            print_table("CoNLL-2003 valid", counts, ["conll-spaces", "conll-lines"], out)
    annotator.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
