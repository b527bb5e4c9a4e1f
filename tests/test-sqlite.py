"""Tests of the SQLite extension (hosts/lede-sqlite.c) through the real `sqlite3` shell.

Under meson: test-sqlite.py EXTENSION CLI, run with /usr/bin/python3;
LEDE_LIBRARY comes from the test environment. By hand, the same paths may come
from LEDE_SQLITE_EXTENSION and LEDE_CLI. The rows the shell prints are checked
against the text of the articles (code-point offsets) and against what the
`lede` command reports for the same articles: two hosts, one library.

LEDE_SQLITE_WRAPPER runs every sqlite3 command under a wrapper (valgrind);
LEDE_SQLITE_PRELOAD is put in LD_PRELOAD for sqlite3 only (an ASan runtime,
for an extension built with AddressSanitizer: the shell is not).
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

WRAPPER = shlex.split(os.environ.get("LEDE_SQLITE_WRAPPER", ""))
PRELOAD = os.environ.get("LEDE_SQLITE_PRELOAD", "")

# Written for this test: a dateline, titles, direct and reported speech, a
# quote broken by its attribution, dates relative to the publication date,
# and non-ASCII text (accents, an em dash, an emoji, a CJK name) so that code
# points, UTF-16 units and bytes all differ.
ARTICLES = [
    ("harbour", "2023-03-02",
     "OSLO, March 1 (Reuters) - Norway's fisheries minister Bjørnar Skjæran said on "
     "Wednesday that the harbour at Tromsø would reopen next week.\n\n"
     "\"We expect the first ferries by Monday,\" Skjæran told reporters, adding that "
     "the Norwegian Coastal Administration had inspected the piers. 🚢\n"),
    ("council", "2022-11-15",
     "The city council of Springfield voted on Tuesday to close the old library.\n\n"
     "\"It is a sad day,\" said Mayor Joan Whitaker, who opposed the plan. "
     "Council member Raúl Ortega said the building had been unsafe since 2019.\n"),
    ("summit", None,
     "Prime Minister Li Qiang — visiting Berlin — met Chancellor Olaf Scholz on Friday.\n\n"
     "\"Our trade must grow,\" Li said, \"and it will.\" The German government said "
     "talks would continue in Beijing.\n"),
    ("empty", "2023-01-01", ""),
]


@pytest.fixture(scope="module")
def extension():
    path = os.environ.get("LEDE_SQLITE_EXTENSION")
    if not path:
        pytest.skip("LEDE_SQLITE_EXTENSION is not set: run through meson test")
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 shell is not installed (Debian: sqlite3)")
    # sqlite3 adds the shared-library suffix itself
    return path[:-3] if path.endswith(".so") else path


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("sqlite") / "articles.db")
    statements = ["CREATE TABLE articles (id TEXT PRIMARY KEY, published TEXT, body TEXT);"]
    for name, date, body in ARTICLES:
        statements.append("INSERT INTO articles VALUES (%s, %s, %s);"
                          % (quote(name), quote(date), quote(body)))
    proc = subprocess.run(["sqlite3", path], input="\n".join(statements).encode(),
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return path


class Reference:
    """Lede's JSON for each article, from the `lede` command."""

    def __init__(self, cli):
        lines = "".join(json.dumps({"id": name, "text": body, "date": date}) + "\n"
                        for name, date, body in ARTICLES)
        proc = subprocess.run([cli, "annotate", "--format", "jsonl", "-j", "1"],
                              input=lines.encode(), capture_output=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        self.docs = {}
        for line in proc.stdout.decode().splitlines():
            doc = json.loads(line)
            self.docs[doc.pop("id")] = doc

    def annotate(self, body, date=None):
        return self.docs[next(name for name, d, b in ARTICLES if b == body and d == date)]


@pytest.fixture(scope="module")
def annotator():
    cli = os.environ.get("LEDE_CLI")
    if not cli:
        pytest.skip("LEDE_CLI is not set: run through meson test")
    return Reference(cli)


def quote(value):
    if value is None:
        return "NULL"
    return "'" + value.replace("'", "''") + "'"


def shell(database, extension, sql, env=None):
    """Runs sql in the sqlite3 shell with the extension loaded; JSON output mode.
    Returns (exit code, list of result sets, stderr)."""
    script = f".load {extension}\n.mode json\n{sql}\n"
    env = dict(env if env is not None else os.environ)
    if PRELOAD:
        env["LD_PRELOAD"] = PRELOAD
    proc = subprocess.run([*WRAPPER, "sqlite3", database],
                          input=script.encode(), capture_output=True, timeout=600, env=env)
    # .mode json prints one array per statement that returns rows
    results, decoder, out, pos = [], json.JSONDecoder(), proc.stdout.decode("utf-8"), 0
    while True:
        while pos < len(out) and out[pos].isspace():
            pos += 1
        if pos >= len(out):
            break
        value, pos = decoder.raw_decode(out, pos)
        results.append(value)
    return proc.returncode, results, proc.stderr.decode("utf-8", "replace")


def query(database, extension, sql):
    code, results, err = shell(database, extension, sql)
    assert code == 0, err
    assert err == ""
    return results[0] if results else []


def article(name):
    return next(a for a in ARTICLES if a[0] == name)


# ---- lede_annotate ---------------------------------------------------------

def test_annotate_equals_binding(database, extension, annotator):
    rows = query(database, extension,
                 "SELECT id, lede_annotate(body, published) AS doc FROM articles ORDER BY rowid;")
    assert [r["id"] for r in rows] == [a[0] for a in ARTICLES]
    for row, (name, date, body) in zip(rows, ARTICLES):
        doc = json.loads(row["doc"])
        assert doc == annotator.annotate(body, date=date)
        assert doc["offsets"] == "codepoint"
        assert doc["document"]["length"] == len(body)
        assert doc["document"]["date"] == date


def test_annotate_one_argument(database, extension):
    rows = query(database, extension,
                 "SELECT json_extract(lede_annotate(body), '$.document.date') IS NULL AS undated "
                 "FROM articles;")
    assert rows and all(r["undated"] == 1 for r in rows)


# ---- the table-valued functions --------------------------------------------

def test_entities_rows(database, extension, annotator):
    rows = query(database, extension,
                 "SELECT a.id AS article, e.* FROM articles AS a, "
                 "lede_entities(a.body, a.published) AS e ORDER BY a.rowid, e.rowid;")
    expected = []
    for name, date, body in ARTICLES:
        for entity in annotator.annotate(body, date=date).get("entities", []):
            for m in entity["mentions"]:
                expected.append({
                    "article": name, "entity": entity["id"], "type": entity["type"],
                    "canonical": entity["canonical"], "media": int(entity.get("media", False)),
                    "mention_type": m["type"], "text": m["text"],
                    "start": m["start"], "end": m["end"]})
    assert rows == expected
    assert {"Bjørnar Skjæran", "Olaf Scholz"} <= {r["text"] for r in rows}
    for row in rows:
        body = article(row["article"])[2]
        assert body[row["start"]:row["end"]] == row["text"]


def test_entities_join_filter_group(database, extension):
    rows = query(database, extension,
                 "SELECT a.id, count(*) AS n FROM articles AS a, lede_entities(a.body) AS e "
                 "WHERE e.type = 'PERSON' GROUP BY a.id ORDER BY a.id;")
    assert all(r["n"] >= 1 for r in rows)
    assert {"council", "summit"} <= {r["id"] for r in rows}
    assert "empty" not in {r["id"] for r in rows}


def test_offsets_are_sqlite_characters(database, extension):
    """SQLite's substr() counts code points on TEXT: every span cuts itself out."""
    for function, columns in (("lede_entities", [("text", "start", "end")]),
                              ("lede_timexes", [("text", "start", "end")]),
                              ("lede_quotes", [("source", "source_start", "source_end"),
                                               ("cue", "cue_start", "cue_end"),
                                               ("content", "content_start", "content_end")])):
        for text, start, end in columns:
            rows = query(database, extension,
                         f"SELECT t.{text} AS text, substr(a.body, t.{start} + 1, "
                         f"t.\"{end}\" - t.{start}) AS cut FROM articles AS a, "
                         f"{function}(a.body, a.published) AS t WHERE t.{start} IS NOT NULL;")
            assert rows, (function, text)
            assert all(r["text"] == r["cut"] for r in rows), (function, rows)


def test_timexes_rows(database, extension, annotator):
    rows = query(database, extension,
                 "SELECT a.id AS article, t.* FROM articles AS a, "
                 "lede_timexes(a.body, a.published) AS t ORDER BY a.rowid, t.rowid;")
    expected = [{"article": name, "type": t["type"], "text": t["text"], "start": t["start"],
                 "end": t["end"], "value": t["value"], "mod": t.get("mod"),
                 "anchor": t.get("anchor")}
                for name, date, body in ARTICLES
                for t in annotator.annotate(body, date=date).get("timexes", [])]
    assert rows == expected
    # the date argument reaches the library: "on Wednesday" is read against 2 March 2023
    wednesday = next(r for r in rows if r["text"] == "Wednesday")
    assert wednesday["article"] == "harbour" and wednesday["value"].startswith("2023-")


def test_quotes_rows(database, extension, annotator):
    rows = query(database, extension,
                 "SELECT a.id AS article, q.* FROM articles AS a, "
                 "lede_quotes(a.body, a.published) AS q ORDER BY a.rowid, q.rowid;")
    expected = []
    for name, date, body in ARTICLES:
        doc = annotator.annotate(body, date=date)
        canonical = {e["id"]: e["canonical"] for e in doc.get("entities", [])}
        for i, q in enumerate(doc.get("quotes", [])):
            row = {"article": name, "quote": i, "kind": q["kind"],
                   "entity": q.get("entity"), "canonical": canonical.get(q.get("entity")),
                   "reported_by": q.get("reported_by")}
            for part in ("source", "cue", "content"):
                span = q.get(part)
                row[part] = span["text"] if span else None
                row[part + "_start"] = span["start"] if span else None
                row[part + "_end"] = span["end"] if span else None
            expected.append(row)
    assert rows == [{k: r[k] for k in expected[0]} for r in rows]  # the same columns
    assert rows == expected
    assert any(r["kind"] == "direct" for r in rows)


def test_date_argument_from_a_later_table(database, extension, tmp_path):
    """The date may come from a table SQLite would otherwise scan after the function."""
    path = str(tmp_path / "dates.db")
    rows = query(path, extension,
                 "CREATE TABLE a (id, body); INSERT INTO a VALUES (1, 'Rain fell on Monday.');"
                 "CREATE TABLE d (id, day); INSERT INTO d VALUES (1, '2024-05-08');"
                 "SELECT a.id, t.text, t.value FROM a, lede_timexes(a.body, d.day) AS t, d "
                 "WHERE d.id = a.id;")
    # anchored on the date (without one the value would be XXXX-WXX-1)
    assert [(r["id"], r["text"], r["value"][:5]) for r in rows] == [(1, "Monday", "2024-")]


def test_hidden_argument_columns(database, extension):
    rows = query(database, extension,
                 "SELECT article, date FROM lede_timexes('Rain fell on Monday.', '2024-05-08');")
    assert rows == [{"article": "Rain fell on Monday.", "date": "2024-05-08"}]


def test_literal_and_named_arguments(database, extension):
    rows = query(database, extension,
                 "SELECT text FROM lede_entities WHERE article = 'Angela Merkel visited Paris.';")
    assert "Paris" in {r["text"] for r in rows}


def test_nul_characters_counted(database, extension):
    """A TEXT value may hold NUL: Lede counts it as a character, and so do the offsets."""
    text = "Oslo\u0000 is calm. Anna Berg still lives in Oslo."
    rows = query(database, extension,
                 "SELECT text, start FROM lede_entities(CAST(x'%s' AS TEXT)) ORDER BY start;"
                 % text.encode().hex())
    assert ("Oslo", text.rindex("Oslo")) in {(r["text"], r["start"]) for r in rows}
    assert all(text[r["start"]:r["start"] + len(r["text"])] == r["text"] for r in rows)


# ---- bad input: SQL errors, and the shell goes on ---------------------------

@pytest.mark.parametrize("call,message", [
    ("lede_annotate(NULL)", "must be TEXT, not NULL"),
    ("lede_annotate(42)", "must be TEXT, not a number"),
    ("lede_annotate(x'414243')", "must be TEXT, not a BLOB"),
    ("lede_annotate(CAST(x'476f6f64ff' AS TEXT))", "invalid UTF-8 at byte 4"),
    ("lede_annotate('Fine.', '2023-02-30')", "2023-02-30"),
    ("lede_annotate('Fine.', 20230101)", "date must be TEXT"),
    ("count(*) FROM lede_entities(NULL)", "lede_entities(): the article must be TEXT, not NULL"),
    ("count(*) FROM lede_quotes(CAST(x'c328' AS TEXT))", "invalid UTF-8 at byte 0"),
    ("count(*) FROM lede_timexes('Today.', 'yesterday')", "yesterday"),
    ("count(*) FROM lede_timexes", "needs the article's text"),
])
def test_bad_input_is_sql_error(database, extension, call, message):
    code, results, err = shell(database, extension, f"SELECT {call};\nSELECT 'after' AS next;")
    assert message in err, err
    assert "Error" in err or "error" in err
    assert code == 1  # an SQL error, not a signal
    assert results[-1] == [{"next": "after"}]


def test_bad_rows_in_a_join(database, extension, tmp_path):
    """One bad article fails the statement with its error, and nothing crashes."""
    path = str(tmp_path / "mixed.db")
    setup = ("CREATE TABLE t (id, body); INSERT INTO t VALUES (1, 'Ann met Bob in Rome.'), "
             "(2, CAST(x'ff' AS TEXT)), (3, NULL);")
    code, results, err = shell(path, extension,
                               setup + "\nSELECT t.id, e.text FROM t, lede_entities(t.body) AS e;"
                               "\nSELECT t.id, e.text FROM t, lede_entities(t.body) AS e "
                               "WHERE typeof(t.body) = 'text' AND t.id = 1;")
    assert code == 1
    assert "invalid UTF-8" in err
    assert "Rome" in {r["text"] for r in results[-1]}


def test_extension_does_not_link_lede():
    """The extension opens liblede at run time, as a third-party host would."""
    if shutil.which("readelf") is None:
        pytest.skip("readelf is not installed (binutils)")
    proc = subprocess.run(["readelf", "-d", os.environ["LEDE_SQLITE_EXTENSION"]],
                          capture_output=True, text=True, check=True)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", proc.stdout)
    assert needed and not any(n.startswith(("liblede", "libsqlite3")) for n in needed), needed


def test_library_missing_is_load_error(database, extension, tmp_path):
    env = dict(os.environ, LEDE_LIBRARY=str(tmp_path / "no-such-liblede.so"))
    code, results, err = shell(database, extension, "SELECT 1 AS one;", env=env)
    assert "no-such-liblede.so" in err and "LEDE_LIBRARY" in err
    assert results == [[{"one": 1}]]


def test_library_from_build_tree(database, extension):
    """Without LEDE_LIBRARY, a build-tree extension loads the build tree's library."""
    env = {k: v for k, v in os.environ.items() if k not in ("LEDE_LIBRARY", "LD_LIBRARY_PATH")}
    code, results, err = shell(database, extension,
                               "SELECT json_extract(lede_annotate('Hi.'), '$.schema') AS s;",
                               env=env)
    assert code == 0, err
    assert results == [[{"s": 1}]]


if __name__ == "__main__":
    for name, value in zip(("LEDE_SQLITE_EXTENSION", "LEDE_CLI"), sys.argv[1:]):
        os.environ[name] = value
    sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
    sys.exit(pytest.main([os.path.abspath(__file__), "-q", "-p", "no:cacheprovider"]))
