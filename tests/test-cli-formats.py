"""Tests of `lede annotate --format webanno|brat|conll`: each output is read
back by a parser written here from the format's own rules, not from Lede's
code, and compared with Lede's JSON for the same article.

Under meson: test-cli-formats.py CLI, run with /usr/bin/python3. By hand,
the path may come from LEDE_CLI. LEDE_CLI_WRAPPER runs the CLI under a
wrapper (valgrind), as in test-cli.py.
"""

import json
import os
import re
import shlex
import subprocess
import sys

import pytest

WRAPPER = shlex.split(os.environ.get("LEDE_CLI_WRAPPER", ""))

# Written for these tests: a quote broken by its attribution and running over
# two paragraphs (a discontinuous span over line breaks), a report by a news
# outlet, relative dates, and non-ASCII letters, a dash and an emoji so that
# code points, UTF-16 units and bytes differ.
ARTICLES = {
    "pier.txt":
        "Zoë Lindqvist, the mayor of Tromsø, spoke on Tuesday. \"We will rebuild the "
        "pier,\" Lindqvist said, \"and we will do it before the winter storms arrive.\"\n\n"
        "\"The ferry company has promised two new boats.\n"
        "\"They will arrive in March,\" she added.\n",
    "summit.txt":
        "GENEVA, June 3 (Reuters) - Foreign ministers from Chile and Kenya met in Geneva "
        "on Friday, Reuters reported. Chilean Foreign Minister Ana Beltrán said the talks "
        "had been \"open and useful\" — and that a second round would follow in August. 🤝\n",
    "budget.txt":
        "The city council of Springfield approved the 2024 budget on Monday.\n\n"
        "Council member Raúl Ortega said the vote was long overdue. "
        "\"We have waited three years,\" he told the Springfield Gazette.\n",
}
DATE = "2023-06-05"


@pytest.fixture(scope="module")
def cli():
    path = os.environ.get("LEDE_CLI")
    if not path:
        pytest.skip("LEDE_CLI is not set: run through meson test, or set it by hand")
    return path


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    directory = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(cli, *args, stdin=b""):
    proc = subprocess.run([*WRAPPER, cli, *args], input=stdin, capture_output=True, timeout=600)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def lede_json(cli, articles):
    """Lede's own JSON for each article, keyed by file name."""
    code, out, err = run(cli, "annotate", "--date", DATE, "--tokens", "--format", "jsonl",
                         *sorted(str(articles / n) for n in ARTICLES))
    assert code == 0, err
    return {os.path.basename(d["id"]): d for d in map(json.loads, out.splitlines())}


def mentions_of(doc):
    return {(m["start"], m["end"], m["type"]) for e in doc.get("entities", []) for m in e["mentions"]}


# ---- brat standoff ---------------------------------------------------------
# https://brat.nlplab.org/standoff.html: one annotation per line, tab-separated
# ID, type-and-offsets (or arguments) and text; offsets are character offsets
# into the .txt, discontinuous spans join "START END" pairs with ';', and the
# text field holds the fragments' text joined by single spaces.

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
E_LINE = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \S+:[TE]\d+)*)$")
A_LINE = re.compile(r"^(A\d+)\t(\S+) ([TE]\d+)(?: (\S+))?$")
NOTE_LINE = re.compile(r"^(#\d+)\tAnnotatorNotes ([TE]\d+)\t(.*)$")
EQUIV_LINE = re.compile(r"^\*\tEquiv((?: T\d+)+)$")


def parse_brat(ann, text):
    """Parses a .ann, checking brat's rules against the text; returns its annotations."""
    spans, events, attributes, notes, equivs = {}, {}, {}, {}, []
    seen = set()
    assert ann == "" or ann.endswith("\n")
    for line in ann.split("\n")[:-1]:
        assert "\r" not in line
        if m := T_LINE.match(line):
            tid, type_, offsets, words = m.groups()
            fragments = [tuple(map(int, pair.split())) for pair in offsets.split(";")]
            last_end = 0
            for start, end in fragments:
                assert last_end <= start < end <= len(text), (line, fragments)
                assert "\n" not in text[start:end]
                last_end = end
            assert words == " ".join(text[s:e] for s, e in fragments), line
            spans[tid] = (type_, fragments)
            ident = tid
        elif m := E_LINE.match(line):
            eid, type_, trigger, rest = m.groups()
            roles = [tuple(arg.split(":")) for arg in rest.split()]
            events[eid] = (type_, trigger, roles)
            ident = eid
        elif m := A_LINE.match(line):
            aid, name, target, value = m.groups()
            attributes[aid] = (name, target, value)
            ident = aid
        elif m := NOTE_LINE.match(line):
            nid, target, note = m.groups()
            notes[nid] = (target, note)
            ident = nid
        elif m := EQUIV_LINE.match(line):
            equivs.append(m.group(1).split())
            continue
        else:
            pytest.fail(f"not a brat standoff line: {line!r}")
        assert ident not in seen, f"duplicate id {ident}"
        seen.add(ident)
    # every reference resolves, to the right kind of annotation
    for type_, trigger, roles in events.values():
        assert spans[trigger][0] == type_
        for role, target in roles:
            assert spans[target][0] == role
    for name, target, value in attributes.values():
        assert target in spans or target in events
    for target, note in notes.values():
        assert target in spans or target in events
    for ids in equivs:
        assert len(ids) >= 2 and all(i in spans for i in ids)
    return spans, events, attributes, notes, equivs


def read_conf(path):
    sections, current = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            current.append(line.split("\t")[0])
    return sections


def fragments_of(span, text):
    """A span cut at line breaks, as a brat text-bound annotation holds it."""
    pieces, start = [], span["start"]
    for i in range(span["start"], span["end"] + 1):
        if i == span["end"] or text[i] in "\r\n":
            if i > start:
                pieces.append((start, i))
            start = i + 1
    return pieces


def test_brat_directory(cli, articles, lede_json, tmp_path):
    out = tmp_path / "brat"
    code, stdout, err = run(cli, "annotate", "--date", DATE, "--format", "brat", "-o", str(out),
                            str(articles))
    assert code == 0, err
    assert stdout == ""
    conf = read_conf(out / "annotation.conf")
    for name, text in ARTICLES.items():
        stem = name[:-4]
        # the .txt is the article, byte for byte: brat's offsets refer to it
        assert (out / f"{stem}.txt").read_bytes() == text.encode("utf-8")
        ann = (out / f"{stem}.ann").read_text(encoding="utf-8")
        spans, events, attributes, notes, equivs = parse_brat(ann, text)
        doc = lede_json[name]

        used = {t for t, _ in spans.values()} - {"Attribution"}
        assert used <= set(conf["entities"]), used - set(conf["entities"])
        assert {e[0] for e in events.values()} <= set(conf["events"])
        assert {a[0] for a in attributes.values()} <= set(conf["attributes"])

        entity_types = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC"}
        got = {(f[0][0], f[-1][1], t) for t, f in spans.values() if t in entity_types}
        assert got == mentions_of(doc)
        # one Equiv line per entity with several mentions
        assert len(equivs) == sum(len(e["mentions"]) > 1 for e in doc.get("entities", []))

        timexes = {(f[0][0], f[-1][1], t) for t, f in spans.values()
                   if t in {"DATE", "TIME", "DURATION", "SET"}}
        assert timexes == {(t["start"], t["end"], t["type"]) for t in doc.get("timexes", [])}
        assert sorted(n for _, n in notes.values()) == sorted(t["value"] for t in doc["timexes"])

        # one event per attribution, its roles the quote's parts
        quotes = doc.get("quotes", [])
        assert len(events) == len(quotes)
        for (type_, trigger, roles), quote in zip(
                sorted(events.values(), key=lambda e: int(e[1][1:])), quotes):
            roles = dict(roles)
            for part in ("source", "cue"):
                if quote[part] is None:
                    assert part.capitalize() not in roles
                else:
                    assert spans[roles[part.capitalize()]][1] == fragments_of(quote[part], text)
            pieces = quote.get("content_parts") or [quote["content"]]
            expected = [f for piece in pieces for f in fragments_of(piece, text)]
            assert spans[roles["Content"]][1] == expected
        kinds = sorted(v for n, t, v in attributes.values() if n == "Kind")
        assert kinds == sorted(q["kind"] for q in quotes)
    # the broken, two-paragraph quote is one discontinuous Content
    pier_ann = (out / "pier.ann").read_text(encoding="utf-8")
    assert re.search(r"\tContent \d+ \d+;\d+ \d+;\d+ \d+", pier_ann)


def test_brat_single_article_to_stdout(cli, articles):
    code, out, err = run(cli, "annotate", "--format", "brat", str(articles / "summit.txt"))
    assert code == 0, err
    spans, events, *_ = parse_brat(out, ARTICLES["summit.txt"])
    assert spans and events


def test_brat_names_from_jsonl_ids(cli, tmp_path):
    lines = [{"id": "a/b", "text": "Ann Lee met Bob Stone in Oslo."},
             {"id": 7, "text": "Paris is calm."},
             {"id": ".hidden", "text": "Rome sleeps."}]
    out = tmp_path / "brat"
    code, stdout, err = run(cli, "annotate", "--input", "jsonl", "--format", "brat",
                            "-o", str(out), stdin="".join(json.dumps(l) + "\n" for l in lines).encode())
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["%2Ehidden.ann", "%2Ehidden.txt", "7.ann", "7.txt", "a%2Fb.ann", "a%2Fb.txt",
                     "annotation.conf"]
    assert (out / "a%2Fb.txt").read_text() == lines[0]["text"]


def test_brat_needs_directory_for_several(cli, articles):
    code, out, err = run(cli, "annotate", "--format", "brat", str(articles))
    assert code == 2 and "--output" in err


# ---- W3C Web Annotation ----------------------------------------------------
# https://www.w3.org/TR/annotation-model/ and annotation-vocab: the keys an
# Annotation and its parts must have, and what TextPositionSelector (code-point
# start/end) and TextQuoteSelector (exact, prefix, suffix) mean.

MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
               "highlighting", "identifying", "linking", "moderating", "questioning",
               "replying", "tagging"}


def is_iri(value):
    return isinstance(value, str) and re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value)


def check_selectors(selectors, text):
    assert isinstance(selectors, list)
    by_type = {s["type"]: s for s in selectors}
    assert set(by_type) == {"TextPositionSelector", "TextQuoteSelector"}
    position, quote = by_type["TextPositionSelector"], by_type["TextQuoteSelector"]
    start, end = position["start"], position["end"]
    assert isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
    assert quote["exact"] == text[start:end]
    assert text[:start].endswith(quote["prefix"]) and len(quote["prefix"]) <= 32
    assert text[end:].startswith(quote["suffix"]) and len(quote["suffix"]) <= 32
    # the quote with its context finds the segment again
    assert quote["prefix"] + quote["exact"] + quote["suffix"] in text
    return start, end


def check_page(page, text):
    assert page["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert page["type"] == "AnnotationPage" and is_iri(page["id"])
    ids = set()
    tagged, classified = set(), []
    for item in page["items"]:
        assert item["type"] == "Annotation" and is_iri(item["id"]) and item["id"] not in ids
        ids.add(item["id"])
        assert item["motivation"] in MOTIVATIONS
        target = item["target"]
        assert is_iri(target["source"])
        span = check_selectors(target["selector"], text)
        assert isinstance(item["body"], list) and item["body"]
        for body in item["body"]:
            assert body.get("purpose") in MOTIVATIONS
            if body["type"] == "TextualBody":
                assert isinstance(body["value"], str) and body["format"] == "text/plain"
            else:
                assert body["type"] == "SpecificResource" and body["source"] == target["source"]
                check_selectors(body["selector"], text)
        tags = [b["value"] for b in item["body"] if b.get("purpose") == "tagging"]
        if item["motivation"] == "tagging":
            tagged.add(span + (tags[0],))
        elif item["motivation"] == "classifying":
            classified.append((span, item["body"]))
    return tagged, classified


def test_webanno(cli, articles, lede_json):
    paths = sorted(str(articles / n) for n in ARTICLES)
    code, out, err = run(cli, "annotate", "--date", DATE, "--format", "webanno", *paths)
    assert code == 0, err
    pages = [json.loads(line) for line in out.splitlines()]
    assert len(pages) == len(paths)
    for page, path in zip(pages, paths):
        name = os.path.basename(path)
        text, doc = ARTICLES[name], lede_json[name]
        tagged, classified = check_page(page, text)
        assert page["items"][0]["target"]["source"] == "file://" + os.path.realpath(path)
        expected = {(s, e, t) for s, e, t in mentions_of(doc)}
        expected |= {(t["start"], t["end"], t["type"]) for t in doc.get("timexes", [])}
        assert tagged == expected
        assert len(classified) == len(doc.get("quotes", []))
        for (span, bodies), quote in zip(classified, doc.get("quotes", [])):
            assert span == (quote["content"]["start"], quote["content"]["end"])
            assert bodies[0]["value"] == quote["kind"]
            segments = {b["purpose"]: b for b in bodies if b["type"] == "SpecificResource"}
            for part, purpose in (("source", "identifying"), ("cue", "describing")):
                if quote[part] is None:
                    assert purpose not in segments
                else:
                    position = segments[purpose]["selector"][0]
                    assert (position["start"], position["end"]) == (quote[part]["start"],
                                                                    quote[part]["end"])


def test_webanno_jsonl_ids_and_nul(cli):
    """An id becomes a URN; a NUL character survives into the quote selectors."""
    text = "Ann Lee\u0000 visited Oslo on Monday."
    code, out, err = run(cli, "annotate", "--format", "webanno", "--", "-",
                         stdin=text.encode())
    assert code == 0, err
    page = json.loads(out)
    check_page(page, text)
    assert page["id"].startswith("urn:x-lede:article:")
    code, out, err = run(cli, "annotate", "--input", "jsonl", "--format", "webanno",
                         stdin=b'{"id": "x y/1", "text": "Oslo."}\n')
    assert code == 0, err
    assert json.loads(out)["id"] == "urn:x-lede:article:x%20y%2F1#lede"


# ---- CoNLL BIO, read as conlleval reads it ----------------------------------

def read_conll(out):
    """Documents of sentences of (token, start, end, label) from the output."""
    docs, sentence = [], []
    for line in out.split("\n"):
        if line == "":
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            continue
        fields = line.split()
        assert len(fields) == 4, line
        if fields[0] == "-DOCSTART-":
            assert not sentence
            docs.append([])
            continue
        token, start, end, label = fields
        sentence.append((token, int(start), int(end), label))
    assert not sentence, "the last sentence is not closed by a blank line"
    return docs


def chunks(sentence):
    """conlleval's chunks, with a strict BIO check: I-X only continues X."""
    found, current = [], None
    for token, start, end, label in sentence:
        assert label == "O" or re.match(r"^[BI]-\S+$", label), label
        if label.startswith("I-"):
            assert current is not None and current[2] == label[2:], \
                f"invalid transition to {label} at {start}"
            current[1] = end
            continue
        if current:
            found.append(tuple(current))
        current = [start, end, label[2:]] if label.startswith("B-") else None
    if current:
        found.append(tuple(current))
    return found


def test_conll(cli, articles, lede_json):
    paths = sorted(str(articles / n) for n in ARTICLES)
    code, out, err = run(cli, "annotate", "--date", DATE, "--format", "conll", *paths)
    assert code == 0, err
    docs = read_conll(out)
    assert len(docs) == len(paths)
    for sentences, path in zip(docs, paths):
        name = os.path.basename(path)
        text, doc = ARTICLES[name], lede_json[name]
        tokens = [t for s in sentences for t in s]
        # the tokens are Lede's, cut from the text by their offsets
        assert [(t[1], t[2]) for t in tokens] == [(t["start"], t["end"]) for t in doc["tokens"]]
        for token, start, end, label in tokens:
            assert token == re.sub(r"\s", "_", text[start:end])
        # sentences are Lede's sentences
        for sentence in sentences:
            assert any(s["start"] <= sentence[0][1] and sentence[-1][2] <= s["end"]
                       for s in doc["sentences"])
        assert len(sentences) == sum(
            any(s["start"] <= t["start"] < s["end"] for t in doc["tokens"]) for s in doc["sentences"])
        # the chunks are the entity mentions that have tokens
        got = {c for s in sentences for c in chunks(s)}
        covered = {m for m in mentions_of(doc)
                   if any(t["start"] < m[1] and m[0] < t["end"] for t in doc["tokens"])}
        assert got == covered
        assert got  # the articles do name people and places


def test_too_many_annotations_to_read_back(cli, articles, tmp_path):
    """An article whose JSON is over the hosts' 16 MB limit fails alone, with a message."""
    big = tmp_path / "big.txt"
    big.write_text("Ann Lee met Bob Stone in Oslo on Monday. " * 30000)
    code, out, err = run(cli, "annotate", "--format", "conll", str(big), str(articles / "pier.txt"))
    assert code == 1
    assert f"{big}: --format conll: the article has too many annotations" in err
    assert len(read_conll(out)) == 1  # pier.txt


def test_format_usage_errors(cli, articles):
    path = str(articles / "pier.txt")
    for args in (["--format", "webanno", "--offsets", "utf16"],
                 ["--format", "conll", "--repair"],
                 ["--format", "brat", "--pretty"],
                 ["--format", "xml"]):
        code, out, err = run(cli, "annotate", path, *args)
        assert code == 2, (args, err)
        assert out == ""


if __name__ == "__main__":
    if len(sys.argv) > 1:
        os.environ["LEDE_CLI"] = sys.argv[1]
    sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
    sys.exit(pytest.main([os.path.abspath(__file__), "-q", "-p", "no:cacheprovider"]))
