"""Tests of the GObject face of Lede through GObject-Introspection (PyGObject and
the Lede-1.0 typelib): typed accessors agree with the JSON output, and spans
read back with get_span_text() are the JSON's texts.
"""

import json
import os

import pytest

gi = pytest.importorskip("gi", reason="PyGObject (python3-gi) is not installed")
try:
    gi.require_version("Lede", "1.0")
    from gi.repository import GLib, Lede  # noqa: E402
except (ValueError, ImportError) as error:
    pytest.skip("the Lede-1.0 typelib is not available (GI_TYPELIB_PATH=%s): %s"
                % (os.environ.get("GI_TYPELIB_PATH"), error), allow_module_level=True)

DATE_META = json.dumps({"date": "2022-12-22"})

# A text of our own: several paragraphs with non-ASCII and astral characters.
OWN_TEXT = (
    "Zürich café prices rise 😀\n"
    "\n"
    "ZÜRICH (Reuters) - Café owners in Zürich said on Monday that prices rose 5% in "
    "December. “We didn’t expect it,” said José Müller, who runs a shop near the 中文 school.\n"
    "\n"
    "Müller added that sales fell last week 📉 and that the 21st was the busiest day; "
    "e\u0301te\u0301 and 👍🏽 are here too.\n"
    "\n"
    "Analysts said on 3 January 2023 that prices would rise again next year.\n"
)

UNITS = {
    "codepoint": Lede.OffsetUnit.CODEPOINT,
    "utf16": Lede.OffsetUnit.UTF16,
    "byte": Lede.OffsetUnit.BYTE,
}


def sample_article():
    base = os.environ.get("LEDE_SHARED_DATA")
    if not base:
        pytest.skip("LEDE_SHARED_DATA is not set (meson test sets it to ../shared/data)")
    path = os.path.join(base, "sample-article.txt")
    if not os.path.isfile(path):
        pytest.skip("%s is absent: the shared data is not checked out here" % path)
    with open(path, encoding="utf-8") as f:
        return f.read()


def cut(text, unit, start, end):
    if unit == "codepoint":
        return text[start:end]
    if unit == "utf16":
        return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")
    return text.encode("utf-8")[start:end].decode("utf-8")


def nick(value):
    return value.value_nick


def require_borrowed_out_string(method, name):
    """Fails (rather than crash) when a static string out-parameter is annotated
    transfer full in the typelib: PyGObject would g_free() Lede's static string."""
    for arg in method.get_arguments():
        if arg.get_name() == name:
            if arg.get_ownership_transfer() != 0:  # GI_TRANSFER_NOTHING
                pytest.fail("Lede-1.0 typelib: %s(%s) is annotated transfer full, but Lede "
                            "returns a static string; PyGObject would free it and crash. "
                            "Annotate it (out) (optional) (transfer none)."
                            % (method.get_name(), name))
            return
    pytest.fail("%s has no parameter %s" % (method.get_name(), name))


def test_typelib_string_ownership():
    """Strings Lede lends (transfer none) must be annotated so; those it gives, transfer full."""
    require_borrowed_out_string(Lede.Document.get_timex, "type")
    assert Lede.Document.get_timex.get_caller_owns() == 0   # the value: borrowed
    require_borrowed_out_string(Lede.Document.get_entity, "type")
    assert Lede.Document.get_text.get_caller_owns() == 0
    assert Lede.Document.get_mention.get_caller_owns() == 0
    assert Lede.Document.get_quote.get_caller_owns() == 0
    for method in (Lede.Document.get_date, Lede.Document.get_span_text, Lede.Document.to_json,
                   Lede.Document.get_warnings, Lede.Document.get_entity):
        assert method.get_caller_owns() == 2, method.get_name()  # GI_TRANSFER_EVERYTHING


def check_document(doc, text, unit):
    data = json.loads(doc.to_json(False))
    assert data["schema"] == 1
    assert data["offsets"] == unit
    assert doc.get_offset_unit() == UNITS[unit]
    assert doc.get_text() == text
    assert doc.get_repaired() is False
    warnings = doc.get_warnings()
    assert isinstance(warnings, list) and warnings == data["document"]["warnings"]
    assert json.loads(doc.to_json(True)) == data

    blocks = data["document"]["structure"]
    assert doc.get_n_blocks() == len(blocks)
    for i, block in enumerate(blocks):
        kind, start, end = doc.get_block(i)
        assert isinstance(kind, Lede.StructureKind)
        assert nick(kind) == block["kind"]
        assert (start, end) == (block["start"], block["end"])
        assert doc.get_span_text(start, end) == block["text"]
        assert cut(text, unit, start, end) == block["text"]

    sentences = data["sentences"]
    assert doc.get_n_sentences() == len(sentences)
    for i, sentence in enumerate(sentences):
        start, end = doc.get_sentence(i)
        assert (start, end) == (sentence["start"], sentence["end"])
        assert doc.get_span_text(start, end) == cut(text, unit, start, end)

    tokens = data.get("tokens")
    if tokens is not None:
        assert doc.get_n_tokens() == len(tokens)
        for i, token in enumerate(tokens):
            kind, start, end = doc.get_token(i)
            assert isinstance(kind, Lede.TokenKind)
            assert (start, end) == (token["start"], token["end"])
            if "kind" in token:
                assert nick(kind) == token["kind"]
            assert doc.get_span_text(start, end) == cut(text, unit, start, end)

    timexes = data["timexes"]
    assert doc.get_n_timexes() == len(timexes)
    if timexes:
        require_borrowed_out_string(Lede.Document.get_timex, "type")
    for i, timex in enumerate(timexes):
        value, start, end, kind = doc.get_timex(i)
        assert (start, end) == (timex["start"], timex["end"])
        assert value == timex["value"]
        assert kind == timex["type"]
        assert doc.get_span_text(start, end) == timex["text"]

    entities = data["entities"]
    assert doc.get_n_entities() == len(entities)
    mentions, references = [], []
    for i, entity in enumerate(entities):
        canonical, kind, media = doc.get_entity(i)
        assert (canonical, kind, media) == (entity["canonical"], entity["type"], entity["media"])
        mentions += [(m["start"], m["end"], m["type"], i) for m in entity["mentions"]
                     if m["kind"] == "name"]
        references += [(m["start"], m["end"], m["kind"], i) for m in entity["mentions"]
                       if m["kind"] != "name"]
        assert abs(doc.get_entity_salience(i) - entity["salience"]) < 0.001
    assert doc.get_n_mentions() == len(mentions)
    seen = []
    for i in range(doc.get_n_mentions()):
        kind, start, end, entity = doc.get_mention(i)
        assert doc.get_span_text(start, end) == cut(text, unit, start, end)
        seen.append((start, end, kind, entity))
    assert sorted(seen) == sorted(mentions)
    assert doc.get_n_references() == len(references)
    seen = []
    for i in range(doc.get_n_references()):
        kind, start, end, entity = doc.get_reference(i)
        assert doc.get_span_text(start, end) == cut(text, unit, start, end)
        seen.append((start, end, kind, entity))
    assert sorted(seen) == sorted(references)

    quotes = data["quotes"]
    assert doc.get_n_quotes() == len(quotes)
    for i, quote in enumerate(quotes):
        kind, content_start, content_end, source_start, source_end, entity = doc.get_quote(i)
        assert kind == quote["kind"]
        assert (content_start, content_end) == (quote["content"]["start"], quote["content"]["end"])
        source = quote["source"]
        assert (source_start, source_end) == ((source["start"], source["end"]) if source else (-1, -1))
        assert ("E%d" % (entity + 1) if entity >= 0 else None) == quote["entity"]
    return data


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "byte"])
def test_own_text(unit):
    annotator = Lede.Annotator.new_from_json(json.dumps({"offsets": unit, "tokens": True}))
    doc = annotator.annotate(OWN_TEXT.encode("utf-8"), DATE_META)
    assert doc.get_date() == "2022-12-22"
    data = check_document(doc, OWN_TEXT, unit)
    assert data["document"]["structure"], "no blocks in a four-paragraph text"


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "byte"])
def test_sample_article(unit):
    text = sample_article()
    annotator = Lede.Annotator.new_from_json(json.dumps({"offsets": unit, "tokens": True}))
    doc = annotator.annotate(text.encode("utf-8"), DATE_META)
    assert doc.get_date() == "2022-12-22"
    data = check_document(doc, text, unit)
    assert data["document"]["date"] == "2022-12-22"
    assert data["document"]["structure"], "no blocks found in the example article"
    # "Medvedev said he and Xi ...": a pronoun the coref layer resolved
    assert any(doc.get_reference(i)[0] == "pronoun" for i in range(doc.get_n_references()))


def test_defaults_and_no_metadata():
    annotator = Lede.Annotator.new_from_json(None)
    doc = annotator.annotate(OWN_TEXT.encode("utf-8"), None)
    assert doc.get_date() is None
    assert doc.get_offset_unit() == Lede.OffsetUnit.CODEPOINT
    check_document(doc, OWN_TEXT, "codepoint")


def test_empty_text():
    doc = Lede.Annotator.new_from_json("{}").annotate(b"", None)
    assert doc.get_n_blocks() == 0
    assert doc.get_n_sentences() == 0
    assert doc.get_n_tokens() == 0
    assert doc.get_n_timexes() == 0
    assert json.loads(doc.to_json(False))["document"]["length"] == 0


def test_invalid_utf8_raises():
    annotator = Lede.Annotator.new_from_json(None)
    with pytest.raises(GLib.Error) as info:
        annotator.annotate(b"Good text, then \xff bad.", None)
    error = info.value
    assert error.domain == "lede-error-quark"
    assert error.code == 2 == int(Lede.Error.INVALID_UTF8)
    assert error.matches(Lede.error_quark(), Lede.Error.INVALID_UTF8)
    assert "byte 16" in error.message


def test_invalid_utf8_repaired():
    annotator = Lede.Annotator.new_from_json('{"repair": true}')
    doc = annotator.annotate(b"Caf\xc3\xa9 \xff ok.", None)
    assert doc.get_repaired() is True
    assert doc.get_warnings()
    assert doc.get_text() == "Café \ufffd ok."


def test_bad_options_and_metadata_raise():
    with pytest.raises(GLib.Error) as info:
        Lede.Annotator.new_from_json('{"bogus": true}')
    assert info.value.domain == "lede-error-quark"
    assert info.value.code == int(Lede.Error.INVALID_OPTIONS) == 3

    annotator = Lede.Annotator.new_from_json(None)
    with pytest.raises(GLib.Error) as info:
        annotator.annotate(b"Text.", '{"date": "2022-13-45"}')
    assert info.value.code == int(Lede.Error.INVALID_METADATA) == 4
