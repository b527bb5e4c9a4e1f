"""lede.dask on a dask.distributed LocalCluster of 2 worker processes.

Results computed on the cluster must equal those of one process annotating
the same articles with lede.Annotator; each worker process must load Lede and
annotate by itself; a bad article must come back as its LedeError subclass,
with the workers still up (the same processes) afterwards. Skipped when Debian's
python3-dask, python3-distributed or python3-pandas is missing.
"""

import json
import logging
import os

import pytest

import lede
import lede.dask

# Skipped test by test, not at collection: pytest exits 5 (a failure for meson)
# when a module-level skip leaves it no test at all.
try:
    import dask.bag as db
    import dask.dataframe as dd
    import distributed
    import pandas
    MISSING = None
except ImportError as error:
    MISSING = str(error)
pytestmark = pytest.mark.skipif(MISSING is not None,
                                reason="python3-dask/-distributed/-pandas: %s" % MISSING)

# Written for these tests.
TEXTS = [
    "Prime Minister Anna Lind said on Friday that the budget would pass. "
    "\"It is a good budget,\" she told reporters in Stockholm.",
    "OSLO (Reuters) - Talks between Norway and the European Union resumed on Tuesday, "
    "officials said.\n\nThe last round ended in March.",
    "Zürich café owners 😀 said prices rose 5% last week, according to José Müller.",
    "Shares of Acme Corp. rose on Wall Street on the 3rd, analysts at Example Bank wrote.",
    "By Maria Gomez\n\nA fire destroyed a warehouse in Lyon two days ago. Nobody was hurt.",
    "",
]
ARTICLES = [
    {"id": "a%02d" % i, "text": TEXTS[i % len(TEXTS)], "date": "2023-05-%02d" % (1 + i % 28)}
    for i in range(36)
]


def single_process(articles, **options):
    with lede.Annotator(**options) as annotator:
        return [annotator.annotate(a["text"], a["date"], id=a["id"]) for a in articles]


@pytest.fixture(scope="module")
def client():
    # worker processes start afresh: they find python/ through PYTHONPATH
    python_dir = os.path.dirname(os.path.dirname(os.path.abspath(lede.__file__)))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [python_dir] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    os.environ["LEDE_LIBRARY"] = lede.library_path
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR,
                                  timeout="60s") as cluster, \
            distributed.Client(cluster, timeout="60s") as c:
        c.wait_for_workers(2, timeout=60)
        yield c


def worker_pids(client):
    return client.run(os.getpid)


def test_bag_equals_single_process(client):
    bag = db.from_sequence(ARTICLES, npartitions=6)
    got = lede.dask.annotate_bag(bag).compute()
    assert got == single_process(ARTICLES)


def test_bag_options_and_json(client):
    bag = db.from_sequence([a["text"] for a in ARTICLES], npartitions=4)
    got = lede.dask.annotate_bag(bag, as_json=True, threads=2, date="2022-12-22",
                                 offsets="utf16").compute()
    with lede.Annotator(offsets="utf16") as annotator:
        assert got == [annotator.annotate_json(a["text"], "2022-12-22") for a in ARTICLES]


def test_each_worker_process_annotates(client):
    """Both worker processes, pinned one at a time, load Lede and give the
    single-process results."""
    pids = worker_pids(client)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    expected = single_process(ARTICLES[:6])
    for address in pids:
        future = client.submit(lede.dask.annotate_partition, ARTICLES[:6], workers=[address],
                               allow_other_workers=False, pure=False)
        assert future.result(timeout=60) == expected


def test_dataframe_equals_single_process(client):
    frame = pandas.DataFrame(ARTICLES)
    ddf = dd.from_pandas(frame, npartitions=5)
    out = lede.dask.annotate_dataframe(ddf, text="text", date="date", id="id").compute()
    assert list(out["id"]) == [a["id"] for a in ARTICLES]
    assert [json.loads(doc) for doc in out["lede"]] == single_process(ARTICLES)


def test_bad_article_raises_and_workers_survive(client):
    before = worker_pids(client)
    articles = list(ARTICLES)
    articles[5] = {"id": "latin1", "text": b"caf\xe9 au lait", "date": "2023-05-16"}
    with pytest.raises(lede.InvalidUTF8Error) as info:
        lede.dask.annotate_bag(db.from_sequence(articles, npartitions=3)).compute()
    assert info.value.position == 3 and info.value.batch_index == 5
    # the same worker processes go on serving
    assert worker_pids(client) == before
    assert lede.dask.annotate_bag(db.from_sequence(ARTICLES, npartitions=3)).compute() == \
        single_process(ARTICLES)


def test_dataframe_errors_return(client):
    articles = [dict(a) for a in ARTICLES]
    articles[4]["date"] = "16/05/2023"
    ddf = dd.from_pandas(pandas.DataFrame(articles), npartitions=4)
    out = lede.dask.annotate_dataframe(ddf, date="date", id="id", errors="return").compute()
    assert out["lede"].iloc[4] is None
    assert "date" in out["lede_error"].iloc[4]
    good = [i for i in range(len(articles)) if i != 4]
    assert [json.loads(out["lede"].iloc[i]) for i in good] == \
        single_process([articles[i] for i in good])
    assert all(out["lede_error"].iloc[i] is None for i in good)
