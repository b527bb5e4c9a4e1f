"""Tests of `lede annotate` on batches: the progress line, bad articles among
good ones, and --resume.

Under meson: test-cli-batch.py CLI, run with /usr/bin/python3. By hand, the
path may come from LEDE_CLI. LEDE_CLI_WRAPPER runs the CLI under a wrapper.
"""

import json
import os
import pty
import re
import select
import shlex
import subprocess
import sys
import threading

import pytest

WRAPPER = shlex.split(os.environ.get("LEDE_CLI_WRAPPER", ""))
QUICK = bool(os.environ.get("LEDE_TEST_QUICK"))
EXIT_OK, EXIT_FAILED, EXIT_INVALID_UTF8 = 0, 1, 5

TOWNS = ["Oslo", "Bergen", "Lyon", "Porto", "Gdansk", "Turku", "Cork", "Ghent"]


@pytest.fixture(scope="module")
def cli():
    path = os.environ.get("LEDE_CLI")
    if not path:
        pytest.skip("LEDE_CLI is not set: run through meson test, or set it by hand")
    return path


def run(cli, *args, stdin=b""):
    proc = subprocess.run([*WRAPPER, cli, *args], input=stdin, capture_output=True, timeout=600)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")


def article(i):
    town = TOWNS[i % len(TOWNS)]
    return (f"The mayor of {town}, Maria Jensen, said on Monday that article {i} "
            f"would be the last. \"We are done,\" she told reporters in {town}.\n")


def jsonl(n, bad=()):
    """n articles as JSON Lines; the indexes in bad get a date Lede refuses."""
    lines = []
    for i in range(n):
        record = {"id": f"a{i:05d}", "text": article(i), "date": "2023-03-06"}
        if i in bad:
            record["date"] = "2023-02-30"
        lines.append(json.dumps(record) + "\n")
    return "".join(lines)


def ids(out):
    return [json.loads(line)["id"] for line in out.splitlines()]


# ---- the progress line -----------------------------------------------------

PROGRESS = re.compile(r"\r\[[#.]{20}\] (\d+)/(\d+) articles  \d+\.\d articles/s  "
                      r"(?:ETA|elapsed) \d+:\d\d:\d\d")


def test_progress_forced_into_a_pipe(cli, tmp_path):
    for i in range(12):
        (tmp_path / f"{i:02d}.txt").write_text(article(i))
    code, out, err = run(cli, "annotate", "--progress", "-j", "2", str(tmp_path))
    assert code == EXIT_OK, err
    assert len(ids(out)) == 12
    draws = PROGRESS.findall(err)
    assert draws and draws[-1] == ("12", "12")
    assert err.endswith("\n") and "ETA" in err  # the first draw, at 1 of 12


def test_no_progress_when_piped(cli, tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(article(i))
    code, out, err = run(cli, "annotate", str(tmp_path))
    assert code == EXIT_OK
    assert err == ""


def run_on_terminal(cli, *args, stdin=b"", stdout_too=False):
    """Runs the CLI with stderr (and stdout, if stdout_too) on a pseudo-terminal;
    returns (code, stdout, terminal text)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*WRAPPER, cli, *args], stdin=subprocess.PIPE,
                            stdout=slave if stdout_too else subprocess.PIPE, stderr=slave)
    os.close(slave)

    def feed():
        proc.stdin.write(stdin)
        proc.stdin.close()

    # fed from a thread: the CLI writes while it reads, and a full stdout
    # pipe would otherwise stop both sides
    feeder = threading.Thread(target=feed)
    feeder.start()
    screen = b""
    out = b""
    streams = [master] if stdout_too else [master, proc.stdout]
    while True:
        ready, _, _ = select.select(streams, [], [], 60)
        assert ready, "the CLI hangs"
        if proc.stdout in ready:
            chunk = proc.stdout.read1(65536)
            out += chunk
        if master in ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: the CLI has exited
                chunk = b""
            if not chunk:
                break
            screen += chunk
    if not stdout_too:
        out += proc.stdout.read()
        proc.stdout.close()
    os.close(master)
    feeder.join()
    return proc.wait(timeout=60), out.decode(), screen.decode("utf-8", "replace")


def test_progress_on_a_terminal(cli):
    n = 300 if QUICK else 3000
    code, out, screen = run_on_terminal(cli, "annotate", "--format", "jsonl",
                                        stdin=jsonl(n).encode())
    assert code == EXIT_OK
    assert len(ids(out)) == n
    # standard input is a pipe: its length is unknown, so no bar and no ETA
    assert f"{n} articles" in screen and "articles/s" in screen
    assert "\x1b[K" in screen


def test_no_progress_over_results_on_the_same_terminal(cli):
    code, out, screen = run_on_terminal(cli, "annotate", "--format", "jsonl",
                                        stdin=jsonl(5).encode(), stdout_too=True)
    assert code == EXIT_OK
    assert screen.count('"schema"') == 5
    assert "articles/s" not in screen


def test_no_progress_option_on_a_terminal(cli):
    code, out, screen = run_on_terminal(cli, "annotate", "--format", "jsonl", "--no-progress",
                                        stdin=jsonl(5).encode())
    assert code == EXIT_OK
    assert screen == ""


def test_progress_of_a_jsonl_file_has_eta(cli, tmp_path):
    n = 300 if QUICK else 3000
    path = tmp_path / "articles.jsonl"
    path.write_text(jsonl(n))
    code, out, err = run(cli, "annotate", "--input", "jsonl", "--progress", str(path))
    assert code == EXIT_OK, err
    assert len(ids(out)) == n
    assert re.search(r"\r\[[#.]{20}\] \d+ articles \(\d+%\)  \d+\.\d articles/s  ETA ", err)
    assert re.search(rf"\r\[#{{20}}\] {n} articles \(100%\)", err)


# ---- bad articles among good ones -------------------------------------------

def test_bad_articles_are_reported_and_the_rest_written(cli):
    n, bad = 400, {3, 150, 399}
    code, out, err = run(cli, "annotate", "--format", "jsonl", "-j", "2", "--progress",
                         stdin=jsonl(n, bad).encode())
    assert code == EXIT_FAILED
    assert ids(out) == [f"a{i:05d}" for i in range(n) if i not in bad]
    messages = [line for line in err.replace("\r\x1b[K", "\n").split("\n") if line.startswith("lede: ")]
    assert len(messages) == len(bad)
    for i, message in zip(sorted(bad), messages):
        assert f'(id "a{i:05d}")' in message and "2023-02-30" in message
    assert "3 failed" in err


def test_invalid_utf8_file_among_many(cli, tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(article(i))
    (tmp_path / "3.txt").write_bytes(b"Bad \xc3 byte.\n")
    code, out, err = run(cli, "annotate", str(tmp_path))
    assert code == EXIT_INVALID_UTF8
    assert [os.path.basename(i) for i in ids(out)] == ["0.txt", "1.txt", "2.txt", "4.txt", "5.txt"]
    assert "3.txt" in err and "byte 4" in err


# ---- --resume ----------------------------------------------------------------

def test_resume_after_an_interrupted_run(cli, tmp_path):
    source = tmp_path / "articles.jsonl"
    source.write_text(jsonl(20))
    output = tmp_path / "out.jsonl"
    code, out, err = run(cli, "annotate", "--input", "jsonl", str(source), "-o", str(output))
    assert code == EXIT_OK, err
    full = output.read_text().splitlines(keepends=True)
    assert ids("".join(full)) == [f"a{i:05d}" for i in range(20)]

    # as if killed while writing the eighth document
    output.write_text("".join(full[:7]) + full[7][:50])
    code, out, err = run(cli, "annotate", "--input", "jsonl", str(source), "-o", str(output),
                         "--resume", "--progress")
    assert code == EXIT_OK, err
    assert "incomplete last line" in err
    assert "7 skipped" in err
    assert output.read_text().splitlines(keepends=True) == full

    # nothing left to do
    code, out, err = run(cli, "annotate", "--input", "jsonl", str(source), "-o", str(output),
                         "--resume")
    assert code == EXIT_OK, err
    assert output.read_text().splitlines(keepends=True) == full


def test_resume_retries_failed_articles(cli, tmp_path):
    output = tmp_path / "out.jsonl"
    code, out, err = run(cli, "annotate", "--format", "jsonl", "-o", str(output),
                         stdin=jsonl(5, bad={2}).encode())
    assert code == EXIT_FAILED
    assert ids(output.read_text()) == ["a00000", "a00001", "a00003", "a00004"]
    code, out, err = run(cli, "annotate", "--format", "jsonl", "-o", str(output), "--resume",
                         stdin=jsonl(5).encode())
    assert code == EXIT_OK, err
    assert ids(output.read_text()) == ["a00000", "a00001", "a00003", "a00004", "a00002"]


def test_resume_directory_by_file_name(cli, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(4):
        (articles / f"{i}.txt").write_text(article(i))
    output = tmp_path / "out.jsonl"
    code, out, err = run(cli, "annotate", str(articles), "-o", str(output))
    assert code == EXIT_OK, err
    (articles / "4.txt").write_text(article(4))
    code, out, err = run(cli, "annotate", str(articles), "-o", str(output), "--resume")
    assert code == EXIT_OK, err
    assert [os.path.basename(i) for i in ids(output.read_text())] == [f"{i}.txt" for i in range(5)]


def test_resume_brat(cli, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(4):
        (articles / f"{i}.txt").write_text(article(i))
    out_dir = tmp_path / "brat"
    code, out, err = run(cli, "annotate", str(articles), "--format", "brat", "-o", str(out_dir))
    assert code == EXIT_OK, err
    kept = (out_dir / "0.ann").stat().st_mtime_ns
    (out_dir / "2.ann").unlink()
    code, out, err = run(cli, "annotate", str(articles), "--format", "brat", "-o", str(out_dir),
                         "--resume", "--progress")
    assert code == EXIT_OK, err
    assert "3 skipped" in err
    assert (out_dir / "2.ann").read_text().startswith("T1\t")
    assert (out_dir / "0.ann").stat().st_mtime_ns == kept


@pytest.mark.parametrize("args", [
    ["--resume"],                                     # no --output
    ["--resume", "-o", "x.json", "--format", "json"],  # not a resumable format
    ["--progress", "--no-progress"],
    ["--input", "csv"],
])
def test_batch_usage_errors(cli, args):
    code, out, err = run(cli, "annotate", *args, stdin=b"Text.")
    assert code == 2, err
    assert out == ""


if __name__ == "__main__":
    if len(sys.argv) > 1:
        os.environ["LEDE_CLI"] = sys.argv[1]
    sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
    sys.exit(pytest.main([os.path.abspath(__file__), "-q", "-p", "no:cacheprovider"]))
