"""Tests of the ctypes binding (python/lede) and, through it, of the flat C ABI.

The offsets tests are the DESIGN's offsets contract: every span of the output,
in each of the three units, slices the caller's own text (a Python str, its
UTF-16 encoding, its UTF-8 bytes) back to the span's text, on text with
non-ASCII characters.
"""

import datetime
import gc
import os
import random
import subprocess
import sys
import threading

import pytest

import lede

# Texts written for these tests. Several paragraphs, with accented Latin letters,
# CJK, astral characters (emoji, a skin-tone modifier, a flag pair), combining
# marks, curly quotes, dashes and a non-breaking space.
NON_ASCII = (
    "Zürich café prices rise 😀 — a headline\n"
    "\n"
    "ZÜRICH (Reuters) - Café owners in Zürich said on Monday that prices rose 5% "
    "in December, the first rise since 2019. “We didn’t expect it,” said José Müller, "
    "42, who runs a shop near the 中文 school.\n"
    "\n"
    "Müller added that sales fell last week 📉 and that the 21st was the busiest day. "
    "Reporters from Le Monde wrote: «Ça va mieux» on 3 January 2023.\n"
    "\n"
    "Combining marks stay put: e\u0301te\u0301, n\u0303, and a\u0332\u0333 in one word. "
    "The emoji 👍🏽 and the flag 🇫🇷 are astral characters; 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 is too.\n"
    "\n"
    "Please read on... 北京\u00a0(Beijing) hosted the talks on Tuesday.\n"
)

ENGLISH = [
    "Prime Minister Anna Lind said on Friday that the budget would pass. "
    "\"It is a good budget,\" she told reporters in Stockholm.\n\n"
    "The opposition disagreed. Its leader, Per Olsson, said last week that the plan "
    "was \"reckless\".",
    "WASHINGTON (AP) - The Senate voted 52-48 on Tuesday to confirm the nominee.\n\n"
    "Senators from both parties spoke for three hours before the vote.",
    "By Maria Gomez\n\nA fire destroyed a warehouse in Lyon on the 3rd, officials said. "
    "Nobody was hurt. The cause is not yet known, according to the fire service.",
    "Shares of Acme Corp. rose 3.5% to $12.40 in early trading on Wall Street. "
    "Analysts at Example Bank said in a note on Wednesday that the rise was overdue.\n\n"
    "Read more at https://example.com/news or write to desk@example.com.",
    "The U.S. and Canada signed the agreement in Ottawa on June 1, 2021. "
    "Mr. Smith, the U.S. envoy, called it \"historic\".\n\nIt takes effect next year.",
    "",
    "Ünïcödé tëxt 中文 😀 with no sentence end",
    "One line only.",
]

DATE = "2022-12-22"


# ---------------------------------------------------------------------------
# helpers


def encode_unit(text, unit):
    """The caller's own string in the unit of the offsets, and how to slice it."""
    if unit == "codepoint":
        return text, lambda s, e: text[s:e]
    if unit == "utf16":
        data = text.encode("utf-16-le", "surrogatepass")
        return data, lambda s, e: data[2 * s:2 * e].decode("utf-16-le")
    data = text.encode("utf-8")
    return data, lambda s, e: data[s:e].decode("utf-8")


def unit_length(text, unit):
    if unit == "codepoint":
        return len(text)
    if unit == "utf16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8"))


def text_spans(node, path="$"):
    """Every span object with a "text" anywhere in the output: (path, span)."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) \
                and isinstance(node.get("text"), str):
            yield path, node
        for key, value in node.items():
            yield from text_spans(value, "%s.%s" % (path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from text_spans(value, "%s[%d]" % (path, i))


def check_spans(doc, text, unit):
    """Checks every span of doc against text in unit; returns how many spans it checked."""
    assert doc["schema"] == 1
    assert doc["offsets"] == unit
    length = unit_length(text, unit)
    assert doc["document"]["length"] == length
    _, cut = encode_unit(text, unit)
    checked = 0
    for path, span in text_spans(doc):
        start, end = span["start"], span["end"]
        assert 0 <= start <= end <= length, (path, span)
        assert cut(start, end) == span["text"], (path, span)
        checked += 1
    # sentences and tokens have no "text": their offsets must still fall on
    # character boundaries (a cut inside a character would not decode) and in order
    for table in ("sentences", "tokens"):
        previous_end = 0
        for i, span in enumerate(doc.get(table, [])):
            start, end = span["start"], span["end"]
            assert 0 <= start < end <= length, (table, i, span)
            assert start >= previous_end, (table, i, span)
            piece = cut(start, end)  # raises UnicodeDecodeError if inside a character
            assert piece.strip(), (table, i, span, piece)  # never only white space
            previous_end = end
            checked += 1
    return checked


def codepoints_to(text, unit):
    """A function mapping a code point offset in text to an offset in unit."""
    if unit == "codepoint":
        return lambda n: n
    if unit == "utf16":
        return lambda n: len(text[:n].encode("utf-16-le", "surrogatepass")) // 2
    return lambda n: len(text[:n].encode("utf-8"))


def all_offsets(node):
    """Every (start, end) pair in the output, in document order."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            yield node["start"], node["end"]
        for value in node.values():
            yield from all_offsets(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_offsets(value)


def shared_data_file(name):
    base = os.environ.get("LEDE_SHARED_DATA")
    if not base:
        pytest.skip("LEDE_SHARED_DATA is not set (meson test sets it to ../shared/data)")
    path = os.path.join(base, name)
    if not os.path.isfile(path):
        pytest.skip("%s is absent: the shared data is not checked out here" % path)
    return path


def skip_under_asan():
    """ASan keeps freed memory in quarantine, so the RSS says nothing about leaks there
    (ASan's own leak checker covers the C side in the asan suites)."""
    if "asan" in os.environ.get("LD_PRELOAD", ""):
        pytest.skip("RSS is meaningless under AddressSanitizer (freed memory is quarantined)")


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# ---------------------------------------------------------------------------
# the library and its descriptor


def test_plugin_info():
    info = lede.plugin_info()
    assert info["struct_size"] >= 16
    assert info["abi_major"] == 1
    assert info["name"] == "lede"
    assert info["schema_version"] == 1
    assert info["version"] == lede.__version__
    assert "structure" in info["capability_names"]
    assert lede.abi_version[0] == 1
    assert os.path.isfile(lede.library_path), lede.library_path
    # a copy: changing it does not change the module's
    info["name"] = "changed"
    assert lede.plugin_info()["name"] == "lede"


def test_library_env_override_is_strict(tmp_path):
    """LEDE_LIBRARY names the library; when it cannot be loaded nothing else is tried."""
    env = dict(os.environ, LEDE_LIBRARY=str(tmp_path / "missing" / "liblede-1.so"))
    result = subprocess.run([sys.executable, "-B", "-c", "import lede"], env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImportError" in result.stderr and "LEDE_LIBRARY" in result.stderr, result.stderr


def test_library_found_in_build_tree():
    """Without LEDE_LIBRARY the binding finds the library of the build tree it sits in."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(lede.__file__)))
    root = os.path.dirname(root)
    if not any(os.path.isfile(os.path.join(root, d, "plugin", "liblede-1.so"))
               for d in os.listdir(root) if d.startswith("build")):
        pytest.skip("no build*/plugin/liblede-1.so under %s" % root)
    env = {k: v for k, v in os.environ.items() if k not in ("LEDE_LIBRARY", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(lede.__file__)))
    result = subprocess.run(
        [sys.executable, "-B", "-c", "import lede; print(lede.library_path)"],
        env=env, capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    path = os.path.realpath(result.stdout.strip())
    assert path.startswith(os.path.realpath(root) + os.sep), path
    assert os.sep + "plugin" + os.sep + "liblede-1.so" in path, path


# ---------------------------------------------------------------------------
# offsets: the contract, in all three units, on non-ASCII text


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "byte"])
def test_offsets_slice_the_callers_text(unit):
    options = {"tokens": True}
    if unit != "codepoint":
        options["offsets"] = unit
    with lede.Annotator(**options) as annotator:
        doc = annotator.annotate(NON_ASCII, date=DATE)
    blocks = doc["document"]["structure"]
    assert blocks, "the structure layer found no blocks in a five-paragraph text"
    assert len([b for b in blocks if b["kind"] == "paragraph"]) >= 2, blocks
    assert check_spans(doc, NON_ASCII, unit) >= len(blocks)


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "byte"])
def test_per_call_offsets(unit):
    """"offsets" given per call overrides the annotator's unit."""
    with lede.Annotator(offsets="byte" if unit != "byte" else "utf16") as annotator:
        doc = annotator.annotate(NON_ASCII, offsets=unit, tokens=True)
    assert doc["offsets"] == unit
    check_spans(doc, NON_ASCII, unit)


def test_units_agree():
    """The three units describe the same spans: converting code points gives the others."""
    results = {}
    for unit in ("codepoint", "utf16", "byte"):
        with lede.Annotator(offsets=unit, tokens=True) as annotator:
            results[unit] = annotator.annotate(NON_ASCII, date=DATE)
    base = list(all_offsets(results["codepoint"]))
    assert base, "no spans at all"
    for unit in ("utf16", "byte"):
        convert = codepoints_to(NON_ASCII, unit)
        assert list(all_offsets(results[unit])) == [(convert(s), convert(e)) for s, e in base]


def test_bytes_and_str_give_the_same_result():
    with lede.Annotator(tokens=True) as annotator:
        assert annotator.annotate(NON_ASCII.encode("utf-8"), date=DATE) == \
            annotator.annotate(NON_ASCII, date=DATE)
        assert annotator.annotate(bytearray(NON_ASCII.encode("utf-8"))) == \
            annotator.annotate(memoryview(NON_ASCII.encode("utf-8")))


@pytest.mark.parametrize("text", ENGLISH)
def test_english_texts_round_trip(text):
    with lede.Annotator(tokens=True) as annotator:
        for unit in ("codepoint", "utf16", "byte"):
            check_spans(annotator.annotate(text, date=DATE, offsets=unit), text, unit)


# ---------------------------------------------------------------------------
# bad input


@pytest.mark.parametrize("data, position", [
    (b"abc\xffdef", 3),                          # a byte that never occurs in UTF-8
    ("caf\u00e9 ".encode() + b"\xc3(", 6),       # a lead byte without its continuation
    (b"ok \xe2\x82", 3),                          # a sequence cut by the end of the text
    (b"\xed\xa0\x80 surrogate", 0),              # an encoded UTF-16 surrogate
    (b"a\xc0\xafb", 1),                           # an overlong encoding of "/"
    (b"para one.\n\npara \x80two", 16),          # a stray continuation byte
    ("中文😀".encode() + b"\xf8\x88\x80\x80\x80", 10),  # a five-byte form
])
def test_invalid_utf8_raises_with_position(data, position):
    with lede.Annotator() as annotator:
        with pytest.raises(lede.InvalidUTF8Error) as info:
            annotator.annotate(data)
    error = info.value
    assert isinstance(error, lede.LedeError) and isinstance(error, ValueError)
    assert error.code == 2
    assert error.position == position
    assert error.index is None
    assert "byte %d" % position in error.message and str(error) == error.message


def test_invalid_utf8_repaired():
    data = "Café\n\nSecond paragraph, \u00e9t\u00e9.".encode() + b"\xff bad \xe2\x82 end."
    repaired_text = data.decode("utf-8", "replace")
    with lede.Annotator(repair=True, tokens=True) as annotator:
        docs = [annotator.annotate(data)]                 # the annotator's option
    with lede.Annotator(tokens=True) as annotator:
        docs.append(annotator.annotate(data, repair=True))  # or per call
    for doc in docs:
        assert doc["document"]["repaired"] is True
        assert any("U+FFFD" in w for w in doc["document"]["warnings"]), doc["document"]
        # offsets refer to the repaired text, which Python's "replace" reproduces
        check_spans(doc, repaired_text, "codepoint")
    assert docs[0] == docs[1]


def test_valid_text_is_not_marked_repaired():
    with lede.Annotator(repair=True) as annotator:
        doc = annotator.annotate(NON_ASCII)
    assert doc["document"]["repaired"] is False
    assert doc["document"]["warnings"] == []


def test_lone_surrogate_in_str():
    text = "Before \ud83d after.\n\nNext \udc00 paragraph."
    with lede.Annotator() as annotator:
        with pytest.raises(lede.InvalidUTF8Error) as info:
            annotator.annotate(text)
        assert info.value.index == 7
        assert info.value.position == 7
        assert info.value.code == 2
        assert "surrogate" in info.value.message
        doc = annotator.annotate(text, repair=True)
    assert doc["document"]["repaired"] is True
    assert any("surrogate" in w for w in doc["document"]["warnings"])
    # one U+FFFD per surrogate: code-point offsets still slice the original's positions
    check_spans(doc, text.replace("\ud83d", "\ufffd").replace("\udc00", "\ufffd"), "codepoint")
    assert doc["document"]["length"] == len(text)


@pytest.mark.parametrize("options", [
    {"bogus": True},
    {"offsets": "furlongs"},
    {"offsets": 3},
    {"tokens": "yes"},
    {"repair": None},
    {"date": "2022-12-22"},   # metadata, not an option
    {"tokens": {1, 2}},       # not representable as JSON
])
def test_bad_options_raise(options):
    with pytest.raises(lede.InvalidOptionsError) as info:
        lede.Annotator(**options)
    assert info.value.code == 3
    assert info.value.message


@pytest.mark.parametrize("date", ["2022-13-45", "yesterday", "22-12-2022", "2022-02-30", ""])
def test_bad_date_raises(date):
    with lede.Annotator() as annotator:
        with pytest.raises(lede.InvalidMetadataError) as info:
            annotator.annotate("Some text.", date=date)
    assert info.value.code == 4
    assert info.value.position is None


def test_bad_metadata_value_raises():
    with lede.Annotator() as annotator:
        with pytest.raises(lede.InvalidMetadataError):
            annotator.annotate("Some text.", offsets="furlongs")
        with pytest.raises(lede.InvalidMetadataError):
            annotator.annotate("Some text.", tokens="yes")


def test_wrong_python_types_raise_type_error():
    with lede.Annotator() as annotator:
        with pytest.raises(TypeError):
            annotator.annotate(12345)
        with pytest.raises(TypeError):
            annotator.annotate("Some text.", date=20221222)


@pytest.mark.parametrize("date", [
    "2022-12-22",
    datetime.date(2022, 12, 22),
    datetime.datetime(2022, 12, 22, 8, 30),
    "2022-12-22T08:30:00Z",
])
def test_dates(date):
    with lede.Annotator() as annotator:
        assert annotator.annotate("Some text.", date=date)["document"]["date"] == "2022-12-22"


def test_no_date_is_null():
    with lede.Annotator() as annotator:
        assert annotator.annotate("Some text.")["document"]["date"] is None


@pytest.mark.parametrize("text", ["", b""])
def test_empty_text(text):
    with lede.Annotator(tokens=True) as annotator:
        doc = annotator.annotate(text, date=DATE)
    assert doc["schema"] == 1
    assert doc["document"]["length"] == 0
    assert doc["document"]["date"] == DATE
    assert doc["document"]["structure"] == []
    assert doc["sentences"] == []
    assert doc["tokens"] == []
    assert doc["timexes"] == []


def test_nul_characters_are_kept():
    text = "First para\x00graph, caf\u00e9.\x00\n\nSecond \x00 paragraph 😀 here.\x00"
    for unit in ("codepoint", "utf16", "byte"):
        with lede.Annotator(offsets=unit, tokens=True) as annotator:
            doc = annotator.annotate(text)
        assert doc["document"]["length"] == unit_length(text, unit)
        assert any("NUL" in w for w in doc["document"]["warnings"]), doc["document"]
        check_spans(doc, text, unit)
        # no text is lost at a NUL: the block holding "para\0graph" runs across it
        nul = unit_length(text[:text.index("\x00")], unit)
        blocks = doc["document"]["structure"]
        if blocks:
            assert any(b["start"] <= nul < b["end"] for b in blocks), blocks


def test_id_and_extra_metadata():
    with lede.Annotator() as annotator:
        doc = annotator.annotate("Some text.", id="article-7", url="https://example.com/7")
        assert doc["id"] == "article-7"
        assert "url" not in doc
        assert annotator.annotate("Some text.", id=42)["id"] == "42"


def test_annotate_json():
    import json

    with lede.Annotator(tokens=True) as annotator:
        raw = annotator.annotate_json(NON_ASCII, date=DATE)
        assert isinstance(raw, str)
        assert json.loads(raw) == annotator.annotate(NON_ASCII, date=DATE)
        pretty = annotator.annotate_json(NON_ASCII, date=DATE, pretty=True)
        assert "\n  " in pretty and json.loads(pretty) == json.loads(raw)


# ---------------------------------------------------------------------------
# the annotator's life


def test_close_and_context_manager():
    annotator = lede.Annotator()
    assert not annotator.closed
    with annotator as same:
        assert same is annotator
        same.annotate("Text.")
    assert annotator.closed
    with pytest.raises(ValueError):
        annotator.annotate("Text.")
    annotator.close()  # twice is fine
    with pytest.raises(ValueError):
        with annotator:
            pass
    assert "closed" in repr(annotator)


def test_garbage_collected_annotators_are_freed(monkeypatch):
    calls = []
    real = lede._lib.lede_annotator_free

    def counting(handle):
        calls.append(handle)
        real(handle)

    monkeypatch.setattr(lede._lib, "lede_annotator_free", counting)
    for _ in range(5):
        annotator = lede.Annotator(tokens=True)
        annotator.annotate("Text.")
        del annotator
    gc.collect()
    assert len(calls) == 5 and all(calls)


def test_every_allocation_is_freed(monkeypatch):
    """Each lede_annotate call hands back exactly one allocation (the JSON or an
    error block) and the binding lede_free()s exactly that."""
    freed = []
    real_free = lede._lib.lede_free

    def counting_free(ptr):
        freed.append(ptr)
        real_free(ptr)

    monkeypatch.setattr(lede._lib, "lede_free", counting_free)
    with lede.Annotator() as annotator:
        calls = 0
        for i in range(50):
            calls += 1
            annotator.annotate(ENGLISH[i % len(ENGLISH)])
            for bad in (lambda: annotator.annotate(b"\xff"),
                        lambda: annotator.annotate("x", date="bad")):
                calls += 1
                with pytest.raises(lede.LedeError):
                    bad()
    assert len(freed) == calls
    assert all(freed)
    freed.clear()
    with pytest.raises(lede.InvalidOptionsError):
        lede.Annotator(bogus=1)
    assert len(freed) == 1  # the error block of lede_annotator_new


def test_memory_does_not_grow():
    """2,000 calls (results, errors, repairs) leave the RSS within a few MB."""
    skip_under_asan()
    # about 10 kB of JSON per call with tokens: a leaked result would add ~20 MB
    text = NON_ASCII
    bad = text.encode("utf-8")[:100] + b"\xff" + text.encode("utf-8")[100:]
    annotator = lede.Annotator(tokens=True)

    def one(i):
        if i % 10 == 3:
            with pytest.raises(lede.InvalidUTF8Error):
                annotator.annotate(bad)
        elif i % 10 == 7:
            with pytest.raises(lede.InvalidMetadataError):
                annotator.annotate(text, date="2022-99-99")
        elif i % 10 == 5:
            annotator.annotate(bad, repair=True)
        else:
            annotator.annotate(text, date=DATE)

    for i in range(200):  # warm up: let malloc arenas and caches settle
        one(i)
    gc.collect()
    before = rss_bytes()
    for i in range(2000):
        one(i)
    gc.collect()
    grown = rss_bytes() - before
    annotator.close()
    assert grown < 4 * 1024 * 1024, "RSS grew by %d bytes over 2,000 calls" % grown


def test_error_blocks_do_not_leak():
    """Error blocks are small: many of them, so a leak would show in the RSS."""
    skip_under_asan()
    with lede.Annotator() as annotator:
        for _ in range(500):
            with pytest.raises(lede.InvalidUTF8Error):
                annotator.annotate(b"\xff")
        gc.collect()
        before = rss_bytes()
        for _ in range(20000):
            try:
                annotator.annotate(b"ok \xff")
            except lede.InvalidUTF8Error:
                pass
        gc.collect()
        grown = rss_bytes() - before
    assert grown < 2 * 1024 * 1024, "RSS grew by %d bytes over 20,000 errors" % grown


# ---------------------------------------------------------------------------
# threads


def test_threads_share_one_annotator():
    texts = ENGLISH + [NON_ASCII, NON_ASCII.encode("utf-8"), "\n\n".join(ENGLISH)]
    annotator = lede.Annotator(tokens=True)
    expected = [annotator.annotate(t, date=DATE, id=i) for i, t in enumerate(texts)]
    barrier = threading.Barrier(8)
    failures = []

    def worker(seed):
        order = list(range(len(texts))) * 5
        random.Random(seed).shuffle(order)
        try:
            barrier.wait()
            for i in order:
                if annotator.annotate(texts[i], date=DATE, id=i) != expected[i]:
                    failures.append((seed, i))
        except Exception as error:  # reported below, with the thread's seed
            failures.append((seed, repr(error)))

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    annotator.close()
    assert failures == []


def test_close_while_threads_annotate():
    """Closing an annotator in use: running calls finish, later ones raise ValueError."""
    annotator = lede.Annotator(tokens=True)
    started = threading.Barrier(5)
    outcomes = []

    def worker():
        count = 0
        started.wait()
        try:
            while True:
                annotator.annotate(NON_ASCII)
                count += 1
        except ValueError:
            outcomes.append(("closed", count))
        except Exception as error:
            outcomes.append(("error", repr(error)))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    started.wait()
    threading.Event().wait(0.05)
    annotator.close()
    for t in threads:
        t.join(timeout=30)
    assert [o[0] for o in outcomes] == ["closed"] * 4, outcomes
    assert annotator._handle is None


# ---------------------------------------------------------------------------
# the example article


def test_sample_article():
    with open(shared_data_file("sample-article.txt"), encoding="utf-8") as f:
        text = f.read()
    for unit in ("codepoint", "utf16", "byte"):
        with lede.Annotator(offsets=unit, tokens=True) as annotator:
            doc = annotator.annotate(text, date=datetime.date(2022, 12, 22))
        assert doc["document"]["date"] == "2022-12-22"
        assert doc["document"]["structure"], "no blocks found in the example article"
        assert check_spans(doc, text, unit) > 0
