"""Batch annotation in the ctypes binding: Annotator.annotate_many().

The results of a batch on a pool of threads must equal one-by-one results, in
input order; failures come back as LedeError subclasses that say which article
failed. That the threads run Lede in parallel rests on ctypes releasing the GIL
around calls into a CDLL: the GIL tests show that Lede's functions are CDLL
functions, and that a CDLL call lets another thread run Python while it is
inside C (seen through /proc). The speed-up itself is measured in bench/bench_threads.py
(figures in bench/RESULTS.md), never asserted here.
"""

import ctypes
import os
import platform
import threading
import time

import pytest

import lede

# Written for these tests.
ARTICLES = [
    "Prime Minister Anna Lind said on Friday that the budget would pass. "
    "\"It is a good budget,\" she told reporters in Stockholm.",
    "OSLO (Reuters) - Talks between Norway and the European Union resumed on Tuesday, "
    "officials said.\n\nThe last round ended in March.",
    "Zürich café owners 😀 said prices rose 5% last week, according to José Müller.",
    "",
    "Shares of Acme Corp. rose on Wall Street on the 3rd, analysts at Example Bank wrote.",
    "By Maria Gomez\n\nA fire destroyed a warehouse in Lyon two days ago. Nobody was hurt.",
]
DATE = "2023-05-16"


def batch():
    """30 articles: plain texts, bytes and mappings with their own date and id."""
    items = []
    for n in range(5):
        for i, text in enumerate(ARTICLES):
            if i % 3 == 0:
                items.append(text)
            elif i % 3 == 1:
                items.append(text.encode("utf-8"))
            else:
                items.append({"text": text, "date": "2022-12-%02d" % (n + 1), "id": "a%d-%d" % (n, i)})
    return items


def one_by_one(annotator, items, as_json=False):
    out = []
    for item in items:
        call = annotator.annotate_json if as_json else annotator.annotate
        if isinstance(item, dict):
            out.append(call(item["text"], item.get("date", DATE), id=item["id"]))
        else:
            out.append(call(item, DATE))
    return out


@pytest.fixture(scope="module")
def annotator():
    with lede.Annotator() as a:
        yield a


@pytest.mark.parametrize("threads", [1, 2, 4, 8])
def test_batch_equals_one_by_one(annotator, threads):
    items = batch()
    assert annotator.annotate_many(items, threads=threads, date=DATE) == one_by_one(annotator, items)


def test_batch_json_and_ids(annotator):
    items = batch()
    got = annotator.annotate_many(items, threads=3, date=DATE, as_json=True)
    assert got == one_by_one(annotator, items, as_json=True)
    assert all(isinstance(doc, str) for doc in got)
    docs = annotator.annotate_many(iter(items), threads=2, date=DATE)   # any iterable
    assert [d.get("id") for d in docs] == [i["id"] if isinstance(i, dict) else None for i in items]


def test_batch_offsets_slice_the_callers_text():
    texts = [a for a in ARTICLES if a]
    with lede.Annotator(offsets="codepoint") as annotator:
        for text, doc in zip(texts, annotator.annotate_many(texts, threads=4)):
            for entity in doc["entities"]:
                for m in entity["mentions"]:
                    assert text[m["start"]:m["end"]] == m["text"]


def test_batch_default_threads(annotator):
    assert annotator.annotate_many(ARTICLES, date=DATE) == one_by_one(annotator, ARTICLES)


def test_batch_errors_raise_the_first_failure(annotator):
    items = batch()
    items[7] = b"caf\xe9 au lait"                 # Latin-1, not UTF-8
    items[12] = {"text": "A text.", "date": "16/05/2023", "id": "bad-date"}
    with pytest.raises(lede.InvalidUTF8Error) as info:
        annotator.annotate_many(items, threads=4, date=DATE)
    assert info.value.batch_index == 7
    assert info.value.position == 3


def test_batch_errors_return(annotator):
    items = batch()
    items[7] = b"caf\xe9 au lait"
    items[12] = {"text": "A text.", "date": "16/05/2023", "id": "bad-date"}
    got = annotator.annotate_many(items, threads=4, date=DATE, errors="return")
    assert isinstance(got[7], lede.InvalidUTF8Error) and got[7].batch_index == 7
    assert isinstance(got[12], lede.InvalidMetadataError) and got[12].batch_index == 12
    good = [i for i in range(len(items)) if i not in (7, 12)]
    assert [got[i] for i in good] == one_by_one(annotator, [items[i] for i in good])


def test_batch_bad_arguments(annotator):
    with pytest.raises(ValueError):
        annotator.annotate_many(ARTICLES, threads=0)
    with pytest.raises(ValueError):
        annotator.annotate_many(ARTICLES, threads=True)
    with pytest.raises(ValueError):
        annotator.annotate_many(ARTICLES, errors="ignore")
    with pytest.raises(TypeError):
        annotator.annotate_many([{"id": "x"}], threads=2)
    with pytest.raises(TypeError):
        annotator.annotate_many(["ok", None], threads=2)
    assert annotator.annotate_many([], threads=4) == []


def test_errors_survive_pickling():
    import pickle

    error = lede.InvalidUTF8Error("bad byte", 2, 17, index=5)
    error.batch_index = 3
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is lede.InvalidUTF8Error
    assert (copy.message, copy.code, copy.position, copy.index, copy.batch_index) == \
        ("bad byte", 2, 17, 5, 3)


# --- the GIL --------------------------------------------------------------


def test_lede_functions_are_cdll_functions():
    """PyDLL functions keep the GIL; CDLL functions (flag clear) release it."""
    for name in ("lede_annotate", "lede_annotator_new", "lede_free"):
        assert getattr(lede._lib, name)._flags_ & ctypes._FUNCFLAG_PYTHONAPI == 0
    assert not isinstance(lede._lib, ctypes.PyDLL)


READ_SYSCALL = {"x86_64": 0, "aarch64": 63}.get(platform.machine())


def blocked_in_read(tid, fd):
    """Whether thread tid sits in the read() system call on fd, per /proc."""
    try:
        with open("/proc/self/task/%d/syscall" % tid) as f:
            fields = f.read().split()
    except OSError:
        pytest.skip("/proc/self/task/TID/syscall is not readable here")
    return len(fields) > 1 and fields[0] == str(READ_SYSCALL) and int(fields[1], 16) == fd


@pytest.mark.skipif(READ_SYSCALL is None, reason="read()'s syscall number is not known here")
def test_cdll_calls_release_the_gil():
    """A thread calls libc read() through a CDLL, as the binding calls Lede, on an
    empty pipe. This thread then sees, in /proc, that thread blocked inside read()
    while it runs Python itself: only possible if the call released the GIL. Then
    it writes the byte that lets read() return. The waits are bounded, and they
    guard against hangs; nothing is timed."""
    libc = ctypes.CDLL(None)
    libc.read.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]
    libc.read.restype = ctypes.c_ssize_t
    assert libc.read._flags_ == lede._lib.lede_annotate._flags_
    read_end, write_end = os.pipe()
    buffer = ctypes.create_string_buffer(1)
    got = []
    tid = []
    started = threading.Event()

    def reader():
        tid.append(threading.get_native_id())
        started.set()
        got.append(libc.read(read_end, buffer, 1))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        assert started.wait(30)
        for _ in range(3000):
            if blocked_in_read(tid[0], read_end):
                break
            time.sleep(0.01)
        else:
            pytest.fail("the reader never blocked in read()")
        assert not got                   # still inside the call, and we ran meanwhile
        os.write(write_end, b"x")
        thread.join(30)
        assert not thread.is_alive(), "the reader never returned"
        assert got == [1] and buffer.raw == b"x"
    finally:
        os.close(write_end)
        os.close(read_end)
