"""Tests of `lede`, the command-line host: its own behaviour (inputs, order,
formats, exit codes, library loading), not the quality of the annotation.

Under meson: test-cli.py CLI FAKE_BAD_ABI FAKE_NO_ANNOTATE, run with
/usr/bin/python3. By hand, the same paths may come from LEDE_CLI,
LEDE_FAKE_BAD_ABI and LEDE_FAKE_NO_ANNOTATE:
  /usr/bin/python3 -m pytest tests/test-cli.py

LEDE_CLI_WRAPPER runs every CLI command under a wrapper, e.g. valgrind
(a test setup's exe_wrapper only reaches this script's interpreter):
  LEDE_CLI_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite" LEDE_TEST_QUICK=1 meson test --suite cli
LEDE_TEST_QUICK=1 makes the big-input test 2 MB instead of 50 MB.
"""

import json
import os
import re
import select
import shlex
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "cli")
ARTICLE = os.path.join(FIXTURES, "article.txt")
ARTICLES_JSONL = os.path.join(FIXTURES, "articles.jsonl")

WRAPPER = shlex.split(os.environ.get("LEDE_CLI_WRAPPER", ""))
QUICK = bool(os.environ.get("LEDE_TEST_QUICK"))

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_IO, EXIT_LIBRARY, EXIT_INVALID_UTF8 = 0, 1, 2, 3, 4, 5


def _path(name):
    path = os.environ.get(name)
    if not path:
        pytest.skip(f"{name} is not set: run through meson test, or set it by hand")
    return path


@pytest.fixture(scope="module")
def cli():
    return _path("LEDE_CLI")


def command(cli, *args):
    return [*WRAPPER, cli, *args]


def run(cli, *args, stdin=None, env=None):
    """Runs the CLI; returns (exit code, stdout text, stderr text)."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    proc = subprocess.run(command(cli, *args), input=stdin if stdin is not None else b"",
                          capture_output=True, env=env, timeout=600)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def json_lines(out):
    return [json.loads(line) for line in out.splitlines()]


# ---- single inputs ---------------------------------------------------------

def test_annotate_file(cli):
    code, out, err = run(cli, "annotate", ARTICLE, "--date", "2023-03-02")
    assert code == EXIT_OK, err
    doc = json.loads(out)
    assert out.endswith("}\n") and out.count("\n") == 1  # compact, one line
    assert doc["schema"] == 1
    assert doc["offsets"] == "codepoint"
    assert doc["id"] == ARTICLE
    assert doc["document"]["date"] == "2023-03-02"
    assert doc["document"]["length"] == len(read_text(ARTICLE))


def test_pretty(cli):
    code, out, err = run(cli, "annotate", ARTICLE, "--pretty")
    assert code == EXIT_OK, err
    assert out.count("\n") > 5 and "\n  " in out
    assert json.loads(out)["document"]["length"] == len(read_text(ARTICLE))


def test_stdin(cli):
    text = read_text(ARTICLE)
    for args in ([], ["-"]):
        code, out, err = run(cli, "annotate", *args, stdin=text)
        assert code == EXIT_OK, err
        doc = json.loads(out)
        assert "id" not in doc
        assert doc["document"]["length"] == len(text)


def test_empty_stdin(cli):
    code, out, err = run(cli, "annotate", stdin=b"")
    assert code == EXIT_OK, err
    assert json.loads(out)["document"]["length"] == 0


def test_tokens(cli):
    code, out, err = run(cli, "annotate", ARTICLE)
    assert code == EXIT_OK, err
    assert "tokens" not in json.loads(out)
    code, out, err = run(cli, "annotate", ARTICLE, "--tokens")
    assert code == EXIT_OK, err
    assert "tokens" in json.loads(out)


@pytest.mark.parametrize("unit,measure", [
    ("codepoint", len),
    ("utf16", utf16_len),
    ("byte", lambda s: len(s.encode("utf-8"))),
])
def test_offsets(cli, unit, measure):
    text = read_text(ARTICLE)
    code, out, err = run(cli, "annotate", ARTICLE, "--offsets", unit)
    assert code == EXIT_OK, err
    doc = json.loads(out)
    assert doc["offsets"] == unit
    assert doc["document"]["length"] == measure(text)
    # every structure span slices the caller's text in the unit asked for
    if unit == "codepoint":
        units = text
    elif unit == "utf16":
        units = text.encode("utf-16-le")
    else:
        units = text.encode("utf-8")
    for span in doc["document"]["structure"]:
        if unit == "codepoint":
            piece = units[span["start"]:span["end"]]
        elif unit == "utf16":
            piece = units[2 * span["start"]:2 * span["end"]].decode("utf-16-le")
        else:
            piece = units[span["start"]:span["end"]].decode("utf-8")
        assert piece == span["text"]


def test_offsets_differ_between_units(cli):
    lengths = set()
    for unit in ("codepoint", "utf16", "byte"):
        code, out, err = run(cli, "annotate", ARTICLE, "--offsets", unit)
        assert code == EXIT_OK, err
        lengths.add(json.loads(out)["document"]["length"])
    assert len(lengths) == 3  # the fixture has non-ASCII and an astral character


def test_nul_bytes(cli, tmp_path):
    path = tmp_path / "nul.txt"
    data = b"Before\x00after the NUL.\n"
    path.write_bytes(data)
    code, out, err = run(cli, "annotate", str(path))
    assert code == EXIT_OK, err
    assert json.loads(out)["document"]["length"] == len(data)


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_big_input(cli, tmp_path, via):
    """A 50 MB article goes through whole, read from a file or a pipe.

    The lines are one repeated letter: this tests the CLI's reading and
    writing of big texts, not the layers' speed on prose."""
    data = b"A short opening sentence.\n" + (b"x" * 999 + b"\n") * (2 if QUICK else 50) * 1024
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    if via == "file":
        proc = subprocess.run(command(cli, "annotate", str(path)), capture_output=True, timeout=600)
    else:
        proc = subprocess.run(command(cli, "annotate"), input=data, capture_output=True, timeout=600)
    assert proc.returncode == EXIT_OK, proc.stderr.decode()
    # only the header is needed: the full document is large
    assert b'"length":%d,' % len(data) in proc.stdout[:2000]
    assert proc.stdout.endswith(b"}\n")


# ---- several inputs --------------------------------------------------------

def write_articles(directory, n):
    """n small files of very different sizes, so that the threads finish out of order."""
    paths = []
    for i in range(n):
        size = 400 if i % 3 == 0 else 1
        text = f"Article {i:02d} was filed on Monday. " * size + "\n"
        path = directory / f"article-{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_many_files_in_order(cli, tmp_path):
    paths = write_articles(tmp_path, 20)
    code, out, err = run(cli, "annotate", "--threads", "4", *paths)
    assert code == EXIT_OK, err
    docs = json_lines(out)
    assert [d["id"] for d in docs] == paths
    for doc, path in zip(docs, paths):
        assert doc["document"]["length"] == len(read_text(path))


def test_many_files_one_thread(cli, tmp_path):
    paths = write_articles(tmp_path, 5)
    code, out, err = run(cli, "annotate", "-j", "1", *paths)
    assert code == EXIT_OK, err
    assert [d["id"] for d in json_lines(out)] == paths


def test_directory(cli, tmp_path):
    paths = write_articles(tmp_path, 12)
    (tmp_path / "notes.md").write_text("not an article\n")
    code, out, err = run(cli, "annotate", "--threads", "3", str(tmp_path))
    assert code == EXIT_OK, err
    assert [d["id"] for d in json_lines(out)] == sorted(paths)


def test_several_inputs_as_json_stream(cli, tmp_path):
    paths = write_articles(tmp_path, 3)
    code, out, err = run(cli, "annotate", "--format", "json", "--pretty", *paths)
    assert code == EXIT_OK, err
    decoder = json.JSONDecoder()
    ids, pos = [], 0
    while pos < len(out.rstrip()):
        doc, end = decoder.raw_decode(out, pos)
        ids.append(doc["id"])
        pos = end + 1
    assert ids == paths


def test_unreadable_file_among_others(cli, tmp_path):
    paths = write_articles(tmp_path, 3)
    missing = str(tmp_path / "missing.txt")
    code, out, err = run(cli, "annotate", paths[0], missing, paths[1], paths[2])
    assert code == EXIT_IO
    assert missing in err
    assert [d["id"] for d in json_lines(out)] == paths


# ---- JSON Lines input ------------------------------------------------------

def test_jsonl_input_with_bad_line(cli):
    with open(ARTICLES_JSONL, "rb") as f:
        data = f.read()
    code, out, err = run(cli, "annotate", "--format", "jsonl", "--threads", "2",
                         "--date", "2023-01-01", stdin=data)
    assert code == EXIT_FAILED
    assert "<stdin>:3" in err and "not valid JSON" in err
    assert err.count("\n") == 1
    docs = json_lines(out)
    assert [d["id"] for d in docs] == ["first", "second", "fourth", "5"]
    assert docs[0]["document"]["date"] == "2023-01-01"
    assert docs[1]["document"]["date"] == "2023-04-05"  # the line's own date wins
    fourth = "Résumés were due by Friday — none arrived. 🎉"
    assert docs[2]["document"]["length"] == len(fourth)


def test_jsonl_input_line_errors(cli):
    lines = [
        {"id": "ok", "text": "Fine."},
        {"id": "no-text"},
        {"id": "bad-date", "text": "Dated.", "date": "2023-02-30"},
        {"id": "null-date", "text": "Undated.", "date": None},
        [1, 2],
    ]
    data = "".join(json.dumps(line) + "\n" for line in lines) + "\n   \n"
    code, out, err = run(cli, "annotate", "--format", "jsonl", "--date", "2023-01-01", stdin=data)
    assert code == EXIT_FAILED
    assert [d["id"] for d in json_lines(out)] == ["ok", "null-date"]
    assert json_lines(out)[1]["document"]["date"] is None
    assert '<stdin>:2 (id "no-text")' in err and '"text"' in err
    assert '<stdin>:3 (id "bad-date")' in err and "2023-02-30" in err
    assert "<stdin>:5" in err and "not a JSON object" in err


def test_jsonl_input_nul_escape_refused(cli):
    code, out, err = run(cli, "annotate", "--format", "jsonl",
                         stdin='{"id": "n", "text": "a\\u0000b"}\n{"id": "k", "text": "a\\\\u0000b"}\n')
    assert code == EXIT_FAILED
    assert "\\u0000" in err and '(id "n")' in err
    docs = json_lines(out)
    assert [d["id"] for d in docs] == ["k"]  # an escaped backslash is plain text


def test_jsonl_input_answers_each_line_at_once(cli):
    """A host may feed one line and wait for its answer before the next."""
    proc = subprocess.Popen(command(cli, "annotate", "--format", "jsonl", "--threads", "2"),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for i in range(3):
            proc.stdin.write(json.dumps({"id": f"q{i}", "text": f"Question {i}."}).encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, "no answer before the next line"
            assert json.loads(proc.stdout.readline())["id"] == f"q{i}"
        proc.stdin.close()
        assert proc.wait(timeout=60) == EXIT_OK
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_jsonl_output_of_plain_stdin_with_files(cli, tmp_path):
    """'-' among files is a plain-text article, not JSON Lines."""
    paths = write_articles(tmp_path, 2)
    code, out, err = run(cli, "annotate", paths[0], "-", paths[1], stdin="From standard input.")
    assert code == EXIT_OK, err
    docs = json_lines(out)
    assert [d.get("id") for d in docs] == [paths[0], None, paths[1]]
    assert docs[1]["document"]["length"] == len("From standard input.")


# ---- invalid UTF-8 ---------------------------------------------------------

def write_bad_utf8(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Good text. \xff then more.\n")  # the bad byte is byte 11
    return str(path)


def test_invalid_utf8(cli, tmp_path):
    path = write_bad_utf8(tmp_path)
    code, out, err = run(cli, "annotate", path)
    assert code == EXIT_INVALID_UTF8
    assert out == ""
    assert path in err and "byte 11" in err and "--repair" in err


def test_repair(cli, tmp_path):
    path = write_bad_utf8(tmp_path)
    code, out, err = run(cli, "annotate", "--repair", path)
    assert code == EXIT_OK, err
    doc = json.loads(out)
    assert doc["document"]["repaired"] is True
    assert doc["document"]["warnings"]


def test_exit_code_precedence(cli, tmp_path):
    """Invalid UTF-8 outranks an unreadable file, which outranks other failures."""
    bad = write_bad_utf8(tmp_path)
    good = write_articles(tmp_path, 1)[0]
    missing = str(tmp_path / "missing.txt")
    code, out, err = run(cli, "annotate", missing, bad, good)
    assert code == EXIT_INVALID_UTF8
    assert [d["id"] for d in json_lines(out)] == [good]
    assert err.index(missing) < err.index(bad)  # errors come in input order too


# ---- command line ----------------------------------------------------------

def test_version(cli):
    code, out, err = run(cli, "--version")
    assert code == EXIT_OK, err
    assert out.startswith("lede ") and "ABI 1." in out
    assert os.environ["LEDE_LIBRARY"] in out


def test_help(cli):
    code, out, err = run(cli, "--help")
    assert code == EXIT_OK
    for needle in ("annotate", "info", "--offsets", "--threads", "Exit codes", "Examples"):
        assert needle in out


def test_info(cli):
    code, out, err = run(cli, "info")
    assert code == EXIT_OK, err
    info = json.loads(out)
    assert info["abi_major"] == 1
    assert info["name"] and info["version"]
    assert "structure" in info["capabilities"]
    assert info["path"] == os.environ["LEDE_LIBRARY"]


@pytest.mark.parametrize("args", [
    ["annotate", "--no-such-option"],
    [],
    ["frobnicate"],
    ["info", "extra"],
    ["annotate", "--threads", "0"],
    ["annotate", "--format", "xml"],
    ["annotate", "--format", "jsonl", "--pretty"],
    ["annotate", "-", "-"],
])
def test_usage_errors(cli, args):
    code, out, err = run(cli, *args)
    assert code == EXIT_USAGE
    assert err.startswith("lede: ") and "--help" in err
    assert out == ""


def test_bad_date_is_usage_error_with_library_message(cli):
    code, out, err = run(cli, "annotate", ARTICLE, "--date", "2023-13-45")
    assert code == EXIT_USAGE
    assert '"date"' in err and "2023-13-45" in err
    code, out, err = run(cli, "annotate", ARTICLE, "--offsets", "words")
    assert code == EXIT_USAGE
    assert '"offsets"' in err


# ---- finding and checking the library --------------------------------------

def env_with(**changes):
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def test_library_not_found(cli, tmp_path):
    missing = str(tmp_path / "no-such-liblede.so")
    code, out, err = run(cli, "annotate", ARTICLE, env=env_with(LEDE_LIBRARY=missing))
    assert code == EXIT_LIBRARY
    assert missing in err and "LEDE_LIBRARY" in err and "cannot load" in err
    assert out == ""


def test_library_option_wins_over_env(cli, tmp_path):
    missing = str(tmp_path / "no-such-liblede.so")
    code, out, err = run(cli, "--library", os.environ["LEDE_LIBRARY"], "info",
                         env=env_with(LEDE_LIBRARY=missing))
    assert code == EXIT_OK, err
    code, out, err = run(cli, "--library", missing, "info")
    assert code == EXIT_LIBRARY and "--library" in err


def test_build_tree_library_by_default(cli):
    code, out, err = run(cli, "info", env=env_with(LEDE_LIBRARY=None, LD_LIBRARY_PATH=None))
    assert code == EXIT_OK, err
    assert os.path.realpath(json.loads(out)["path"]) == os.path.realpath(os.environ["LEDE_LIBRARY"])


def test_version_names_cli_even_without_library(cli, tmp_path):
    code, out, err = run(cli, "--version", env=env_with(LEDE_LIBRARY=str(tmp_path / "none.so")))
    assert code == EXIT_LIBRARY
    assert out.startswith("lede ")


def test_wrong_abi_refused(cli):
    fake = _path("LEDE_FAKE_BAD_ABI")
    code, out, err = run(cli, "--library", fake, "annotate", ARTICLE)
    assert code == EXIT_LIBRARY
    # the version it was built against, whatever the current minor
    assert fake in err and "ABI 99.0" in err and re.search(r"built against ABI 1\.\d+", err)
    assert out == ""


def test_missing_symbol_refused(cli):
    fake = _path("LEDE_FAKE_NO_ANNOTATE")
    code, out, err = run(cli, "info", env=env_with(LEDE_LIBRARY=fake))
    assert code == EXIT_LIBRARY
    assert fake in err and "missing symbol lede_annotate" in err


if __name__ == "__main__":
    for name, value in zip(("LEDE_CLI", "LEDE_FAKE_BAD_ABI", "LEDE_FAKE_NO_ANNOTATE"), sys.argv[1:]):
        os.environ[name] = value
    sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
    sys.exit(pytest.main([os.path.abspath(__file__), "-q", "-p", "no:cacheprovider"]))
