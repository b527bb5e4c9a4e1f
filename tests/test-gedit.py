#!/usr/bin/env python3
"""gedit with the Lede plugin, for real, under Xvfb.

The outer run makes a private HOME (XDG dirs, keyfile GSettings with the plugin
enabled and the side panel open on the Lede page), installs the built plugin
into $XDG_DATA_HOME/gedit/plugins, starts its own Xvfb (on a display number
Xvfb picks and reports with -displayfd) and runs itself again (--inner) under
`dbus-run-session`, inside `timeout`. The inner run starts
`gedit --standalone` on the example article and three texts written here
(non-ASCII with astral characters, an empty one, a hostile one) and checks,
through the file the plugin writes when $LEDE_GEDIT_DUMP is set (the ranges of
each Lede tag, read back from the buffer's tags):

1. every document is annotated, gedit is alive, and no plugin warnings appear;
2. each tag (lede-person, -organization, -place, -date, -quote) covers exactly
   the union of the spans Lede's own JSON (the Python binding, offsets in code
   points) gives for the buffer's text; on the example article each kind is
   present, on the non-ASCII text spans lie after astral characters;
3. a screenshot is taken (kept at --screenshot);
4. text typed with xdotool is annotated again after the debounce, and the tags
   then match Lede's result on the new text;
5. a click (xdotool) on a person's row in the side panel selects that span, and
   Ctrl+Alt+L (the "Annotate with Lede" action) annotates again at once;
6. Ctrl+S, Ctrl+Q: gedit saves, deactivates the plugin and exits with status 0.

With LEDE_GEDIT_VALGRIND=1 gedit runs under valgrind memcheck, and any memory
error or definite leak whose stack passes through the plugin or liblede fails
the test (gedit's and GTK's own are not the plugin's to fix).

Exit 77 (skip) when Xvfb, dbus-run-session, xdotool, import or gedit is
missing. Every wait is bounded.
"""

import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import time

SKIP = 77
PLUGIN_MODULE = "lede-gedit"
TOOLS = ("gedit", "gsettings", "Xvfb", "dbus-run-session", "xdotool", "import")
# LEDE_GEDIT_VALGRIND=1 runs gedit under valgrind memcheck (tools/dev.sh does),
# which makes everything about five times slower.
VALGRIND = os.environ.get("LEDE_GEDIT_VALGRIND") == "1"
SLOWDOWN = 5 if VALGRIND else 1
OUTER_TIMEOUT = 180 * SLOWDOWN  # seconds for the whole inner run
WAIT = 60 * SLOWDOWN            # seconds for any one thing to show up in the dump

ENTITY_CATEGORY = {
    "PERSON": "lede-person",
    "ORG": "lede-organization",
    "GPE": "lede-place",
    "LOC": "lede-place",
    "FAC": "lede-place",
}
TAGS = ("lede-person", "lede-organization", "lede-place", "lede-date", "lede-quote")

# Written for this test: accents, CJK, emoji and a flag (astral characters,
# which are two UTF-16 units and four UTF-8 bytes each) before and between the
# names, so that only code-point offsets land on the right characters.
NON_ASCII = (
    "Café talks 😀🇫🇷 in Zürich — a report\n"
    "\n"
    "ZÜRICH (Reuters) - José Müller, the mayor of Zürich, said on Monday that "
    "the bridge 🌉 would open in March 2024. “We are ready,” Müller told "
    "reporters from the Neue Zürcher Zeitung.\n"
    "\n"
    "Anna Lind 👍🏽 of the European Commission met him in Geneva last week, "
    "the Commission said.\n"
)
# Unbalanced quotes and brackets, a long line with no space: nothing to find,
# but nothing may break.
HOSTILE = '"' * 3000 + "(" * 3000 + "\n" + "“" * 2000 + "x" * 20000 + "\n" + "]" * 3000 + "\n"
TYPED = "Anna Lind said on Monday that the talks in Oslo would resume."


def log(*parts):
    print(*parts, flush=True)


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--plugin-file", required=True)
    parser.add_argument("--article", required=True)
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--inner", action="store_true")
    return parser.parse_args()


# ---------------------------------------------------------------------------
# outer: a private desktop session


def gsettings(env, schema, key, value):
    subprocess.run(["gsettings", "set", schema, key, value], env=env, check=True, timeout=30)


def outer(args):
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        log("SKIP: not installed: " + ", ".join(missing) + " (tools/dev.sh installs them)")
        return SKIP

    work = os.path.abspath(args.workdir)
    shutil.rmtree(work, ignore_errors=True)
    env = dict(os.environ)
    env.pop("G_DEBUG", None)    # fatal-warnings is for Lede's tests, not for gedit's own noise
    for name, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                      ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "runtime")):
        env[name] = os.path.join(work, sub)
        os.makedirs(env[name], exist_ok=True)
    os.chmod(env["XDG_RUNTIME_DIR"], 0o700)
    env["GSETTINGS_BACKEND"] = "keyfile"
    env["NO_AT_BRIDGE"] = "1"
    env["LEDE_GEDIT_DUMP"] = os.path.join(work, "dump.json")

    plugins = os.path.join(env["XDG_DATA_HOME"], "gedit", "plugins")
    os.makedirs(plugins)
    shutil.copy(args.plugin, plugins)
    shutil.copy(args.plugin_file, plugins)

    gsettings(env, "org.gnome.gedit.plugins", "active-plugins", "['%s']" % PLUGIN_MODULE)
    gsettings(env, "org.gnome.gedit.preferences.ui", "side-panel-visible", "true")
    gsettings(env, "org.gnome.gedit.state.window", "side-panel-active-page", "'LedePanel'")
    gsettings(env, "org.gnome.gedit.state.window", "side-panel-size", "380")
    gsettings(env, "org.gnome.gedit.state.window", "size", "(1260, 780)")

    xvfb, display = start_xvfb(env)
    if xvfb is None:
        return 1
    env["DISPLAY"] = display
    command = ["timeout", "-k", "10", str(OUTER_TIMEOUT), "dbus-run-session", "--",
               sys.executable, "-B", os.path.abspath(__file__), "--inner",
               "--plugin", args.plugin, "--plugin-file", args.plugin_file,
               "--article", args.article, "--screenshot", args.screenshot,
               "--workdir", work]
    try:
        returncode = subprocess.run(command, env=env, timeout=OUTER_TIMEOUT + 30).returncode
    except subprocess.TimeoutExpired:
        returncode = 124
    finally:
        stop(xvfb)
    if returncode == 124:
        log("FAIL: the gedit session did not end in %d s" % OUTER_TIMEOUT)
    return returncode


def start_xvfb(env):
    """A private X server: (process, ":N"), or (None, None) when it does not start."""
    read_end, write_end = os.pipe()
    with open(os.path.join(env["HOME"], "xvfb.log"), "w") as xvfb_log:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                                 "1280x800x24", "-nolisten", "tcp"], env=env,
                                pass_fds=(write_end,), stdout=xvfb_log, stderr=xvfb_log)
    os.close(write_end)
    # Xvfb writes the number and the newline apart: read up to the newline,
    # or it dies of a closed pipe
    number = b""
    deadline = time.monotonic() + 30
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(read_end, 64) if ready else b""
        if not chunk:
            break
        number += chunk
    os.close(read_end)
    number = number.decode().strip()
    if not number.isdigit():
        log("FAIL: Xvfb did not start")
        stop(xvfb)
        return None, None
    return xvfb, ":" + number


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# ---------------------------------------------------------------------------
# inner: gedit under Xvfb


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def read_dump(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None    # not written yet (it is replaced atomically, never half-written)


def wait_for(what, predicate, dump_path, gedit):
    """The first dump for which predicate(dump) is true; fails after WAIT seconds
    or when gedit dies."""
    deadline = time.monotonic() + WAIT
    dump = None
    while time.monotonic() < deadline:
        check(gedit.poll() is None, "gedit exited (status %s) while waiting for %s"
              % (gedit.returncode, what))
        dump = read_dump(dump_path) or dump
        if dump is not None and predicate(dump):
            return dump
        time.sleep(0.2)
    raise Failure("timed out after %d s waiting for %s; last dump: %s"
                  % (WAIT, what, json.dumps(dump)[:2000] if dump else "none"))


def merged(spans):
    """The union of [start, end) spans as sorted, disjoint, non-touching ranges:
    what a GtkTextTag applied to each span covers."""
    out = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def expected_tags(annotator, text):
    """Each tag's ranges from Lede's own JSON for text (code-point offsets)."""
    doc = annotator.annotate(text)
    spans = {tag: [] for tag in TAGS}
    for entity in doc.get("entities", []):
        for mention in entity["mentions"]:
            # the plugin highlights names; pronouns and titles standing for them stay plain
            if mention.get("kind", "name") != "name":
                continue
            tag = ENTITY_CATEGORY.get(mention.get("type", entity["type"]))
            if tag:
                spans[tag].append((mention["start"], mention["end"]))
    for timex in doc.get("timexes", []):
        spans["lede-date"].append((timex["start"], timex["end"]))
    for quote in doc.get("quotes", []):
        spans["lede-quote"].append((quote["content"]["start"], quote["content"]["end"]))
    return {tag: merged(found) for tag, found in spans.items()}


def document(dump, path):
    for doc in dump["documents"]:
        if doc["path"] == path:
            return doc
    return None


def buffer_text(path, chars):
    """The file's text as gedit holds it: gedit drops one final newline."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.endswith("\n") and len(text) - 1 == chars:
        text = text[:-1]
    check(len(text) == chars, "%s: the buffer has %d characters, the file %d"
          % (path, chars, len(text)))
    return text


def check_tags(name, doc, expected, text):
    for tag in TAGS:
        got = doc["tags"].get(tag)
        check(got == expected[tag], "%s: %s covers %s in the buffer, Lede gives %s"
              % (name, tag, got, expected[tag]))
        for start, end in got:
            check(0 <= start < end <= len(text), "%s: %s range %d-%d outside the text"
                  % (name, tag, start, end))


def run_checks(args, work, dump_path, gedit, files, annotator):
    article, non_ascii, empty, hostile = files

    def all_annotated(dump):
        docs = [document(dump, path) for path in files]
        return all(d is not None and (d["annotated"] or d["error"]) for d in docs)

    dump = wait_for("all four documents to be annotated", all_annotated, dump_path, gedit)
    for path in files:
        doc = document(dump, path)
        check(doc["error"] is None, "%s: the plugin reports an error: %s" % (path, doc["error"]))

    # 2. tags against Lede's JSON
    doc = document(dump, article)
    check(doc["active"], "the article (opened first) is not the active document")
    text = buffer_text(article, doc["chars"])
    expected = expected_tags(annotator, text)
    for tag in TAGS:
        check(expected[tag], "Lede finds no %s span in the example article: the check "
              "would be empty" % tag)
    check_tags("article", doc, expected, text)
    log("ok - article: %s" % ", ".join("%d %s" % (len(expected[t]), t) for t in TAGS))

    doc = document(dump, non_ascii)
    text = buffer_text(non_ascii, doc["chars"])
    expected = expected_tags(annotator, text)
    check_tags("non-ASCII", doc, expected, text)
    first_astral = min(i for i, c in enumerate(text) if ord(c) > 0xFFFF)
    after = [r for tag in TAGS for r in expected[tag] if r[0] > first_astral]
    check(after, "no span after the first astral character: offsets are not tested")
    log("ok - non-ASCII: %d ranges after the first astral character match" % len(after))

    doc = document(dump, empty)
    check(doc["chars"] == 0 and all(not doc["tags"][t] for t in TAGS),
          "the empty document has tags: %s" % doc)
    doc = document(dump, hostile)
    check_tags("hostile", doc, expected_tags(annotator, buffer_text(hostile, doc["chars"])),
               buffer_text(hostile, doc["chars"]))
    log("ok - empty and hostile documents annotated without errors")

    # 3. the screenshot
    check(dump["panel_mapped"], "the Lede side panel is not on screen")
    os.makedirs(os.path.dirname(os.path.abspath(args.screenshot)), exist_ok=True)
    subprocess.run(["import", "-window", "root", args.screenshot], check=True, timeout=30)
    check(os.path.getsize(args.screenshot) > 10000, "the screenshot is suspiciously small")
    log("ok - screenshot: %s" % args.screenshot)

    # 4. typing: the text view has the focus; Ctrl+End, Return, then a sentence
    serial = dump["serial"]
    results_before = document(dump, article)["n_results"]
    article_text = buffer_text(article, document(dump, article)["chars"])
    new_text = article_text + "\n" + TYPED
    new_expected = expected_tags(annotator, new_text)
    check(new_expected != expected_tags(annotator, article_text),
          "the typed sentence changes nothing Lede finds: the check would be empty")
    subprocess.run(["xdotool", "key", "ctrl+End", "Return"], check=True, timeout=30)
    subprocess.run(["xdotool", "type", "--delay", "15", TYPED], check=True, timeout=60)

    def retagged(d):
        doc = document(d, article)
        return d["serial"] > serial and doc["chars"] == len(new_text) and doc["annotated"] \
            and doc["tags"] == new_expected
    dump = wait_for("the typed text to be annotated", retagged, dump_path, gedit)
    log("ok - typed text re-annotated after the debounce (%d annotation(s) for %d keystrokes): "
        "tags match Lede on the new text"
        % (document(dump, article)["n_results"] - results_before, len(TYPED) + 1))

    # 5. a click on a person's row selects its span
    rows = dump["panel_rows"]
    people = [i for i, r in enumerate(rows) if r["depth"] == 1 and r["label"].startswith("People")]
    check(people, "the panel lists no people: %s" % [r["label"] for r in rows])
    row = rows[people[0] + 1]
    check(row["depth"] == 2 and row["start"] >= 0, "no entity row under People: %s" % row)
    check(0 < row["x"] < 1280 and 0 < row["y"] < 800, "the row is off screen: %s" % row)
    subprocess.run(["xdotool", "mousemove", str(row["x"]), str(row["y"]), "click", "1"],
                   check=True, timeout=30)
    dump = wait_for("the click to select %r" % row["label"],
                    lambda d: document(d, article)["selection"] == [row["start"], row["end"]],
                    dump_path, gedit)
    selected = new_text[row["start"]:row["end"]]
    check(row["label"].startswith(selected) or selected in row["label"],
          "the selection %r is not the row's entity %r" % (selected, row["label"]))
    log("ok - clicking %r selected characters %d-%d (%r)"
        % (row["label"], row["start"], row["end"], selected))

    # the shortcut of "Annotate with Lede" annotates the active document at once
    results = document(dump, article)["n_results"]
    subprocess.run(["xdotool", "key", "ctrl+alt+l"], check=True, timeout=30)
    dump = wait_for("Ctrl+Alt+L to annotate again",
                    lambda d: document(d, article)["n_results"] > results
                    and document(d, article)["tags"] == new_expected,
                    dump_path, gedit)
    log("ok - Ctrl+Alt+L (win.lede-annotate) annotated the document again")

    # 6. save (the typed text would otherwise ask) and quit
    subprocess.run(["xdotool", "key", "ctrl+s"], check=True, timeout=30)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        with open(article, encoding="utf-8") as f:
            if f.read().rstrip("\n") == new_text:
                break
        time.sleep(0.2)
    else:
        raise Failure("Ctrl+S did not save the article")
    # a second Ctrl+Q if the first came while gedit was still busy saving
    status = None
    for _ in range(2):
        subprocess.run(["xdotool", "key", "ctrl+q"], check=True, timeout=30)
        try:
            status = gedit.wait(timeout=WAIT / 2)
            break
        except subprocess.TimeoutExpired:
            pass
    if status is None:
        shot = os.path.join(work, "quit-failure.png")
        subprocess.run(["import", "-window", "root", shot], timeout=30)
        raise Failure("gedit did not quit on Ctrl+Q (screen: %s)" % shot)
    check(status == 0, "gedit exited with status %d" % status)
    log("ok - saved and quit: gedit exited with status 0")


def inner(args):
    import lede    # PYTHONPATH points at python/ (tests/meson.build)

    work = args.workdir
    dump_path = os.environ["LEDE_GEDIT_DUMP"]
    files = [os.path.join(work, name) for name in
             ("article.txt", "non-ascii.txt", "empty.txt", "hostile.txt")]
    shutil.copy(args.article, files[0])
    for path, text in zip(files[1:], (NON_ASCII, "", HOSTILE)):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    gedit_log = os.path.join(work, "gedit.log")
    valgrind_log = os.path.join(work, "valgrind.log")
    command = ["gedit", "--standalone"] + files      # gedit shows the first file: the article
    env = dict(os.environ)
    if VALGRIND:
        command = valgrind_command(valgrind_log) + command
        env["G_SLICE"] = "always-malloc"
    with open(gedit_log, "w") as log_file:
        gedit = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env)
    try:
        with lede.Annotator(offsets="codepoint") as annotator:
            run_checks(args, work, dump_path, gedit, files, annotator)
        status = 0
    except Failure as failure:
        log("FAIL: %s" % failure)
        status = 1
    finally:
        stop(gedit)

    with open(gedit_log, encoding="utf-8", errors="replace") as f:
        output = f.read()
    bad = [line for line in output.splitlines()
           if ("lede-gedit" in line or "Lede" in line)
           and ("CRITICAL" in line or "WARNING" in line)]
    if bad:
        log("FAIL: the plugin or Lede warned:\n  " + "\n  ".join(bad[:20]))
        status = 1
    if VALGRIND:
        found = valgrind_findings(valgrind_log)
        if found:
            log("FAIL: valgrind found %d error(s) through the plugin or Lede:\n%s"
                % (len(found), "\n\n".join(found[:5])))
            status = 1
        else:
            log("ok - valgrind: no memory error or definite leak through the plugin or Lede")
    if status != 0:
        log("gedit's output (last 40 lines):\n" + "\n".join(output.splitlines()[-40:]))
    else:
        log("ok - no warnings from the plugin or Lede in gedit's output")
    return status


def valgrind_command(log_path):
    command = ["valgrind", "--log-file=" + log_path, "--leak-check=full",
               "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite",
               "--num-callers=40",
               "--suppressions=" + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                "valgrind.supp")]
    if os.path.exists("/usr/share/glib-2.0/valgrind/glib.supp"):
        command.append("--suppressions=/usr/share/glib-2.0/valgrind/glib.supp")
    return command


def valgrind_findings(log_path):
    """valgrind's error and definite-leak records whose stack passes through the
    plugin (liblede-gedit) or the library (liblede-1): a frame in one of their
    objects, a lede_ function, or one of their source files (lede-*.c)."""
    try:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return ["no valgrind log at %s" % log_path]
    if "ERROR SUMMARY" not in text:
        return ["valgrind's log has no summary: gedit did not end normally"]
    records, record = [], []
    for line in text.splitlines():
        body = line.split("== ", 1)[-1] if line.startswith("==") else line
        if body.strip():
            record.append(body)
        elif record:
            records.append(record)
            record = []
    if record:
        records.append(record)
    kinds = ("Invalid ", "Conditional jump", "Use of uninitialised", "Syscall param",
             "Mismatched free", "definitely lost", "Source and destination overlap")
    return ["\n".join(r) for r in records
            if r[0].startswith(kinds) or "definitely lost in loss record" in r[0]
            if any(mark in line for line in r for mark in ("liblede", " lede_", "(lede-"))]


def main():
    args = parse_args()
    return inner(args) if args.inner else outer(args)


if __name__ == "__main__":
    sys.exit(main())
