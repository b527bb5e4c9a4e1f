"""Annotating Dask collections of articles with Lede, on one machine or a cluster.

::

    import dask.bag as db
    from dask.distributed import Client
    import lede.dask

    client = Client("scheduler:8786")        # or Client(LocalCluster(...)), or none
    articles = db.from_sequence([{"id": "a1", "text": "...", "date": "2023-05-16"}, ...])
    docs = lede.dask.annotate_bag(articles).compute()

Each partition is annotated by :meth:`lede.Annotator.annotate_many` in the worker
that holds it, with one annotator per worker process and set of options, made the
first time the process needs it (an annotator holds a native handle, so it is never
pickled). Workers import this package and load the library themselves: on every
worker machine ``python/`` (or an installed ``lede``) must be importable and the
library findable, e.g. through ``LEDE_LIBRARY`` (see the package docstring).

An article Lede refuses raises its :class:`lede.LedeError` subclass where the result is
computed, with ``.batch_index`` its position in its partition, and the worker goes on
serving; with ``errors="return"`` the error takes the place of the article's result.
"""

import threading

import lede

__all__ = ["annotate_bag", "annotate_dataframe", "annotate_partition"]

# One annotator per worker process and set of options.
_annotators = {}
_annotators_lock = threading.Lock()


def _annotator(options):
    key = tuple(sorted(options.items()))
    with _annotators_lock:
        annotator = _annotators.get(key)
        if annotator is None:
            annotator = _annotators[key] = lede.Annotator(**options)
        return annotator


def annotate_partition(items, options=None, threads=1, errors="raise", as_json=False,
                       date=None):
    """Annotates one partition (a list of articles, as :meth:`lede.Annotator.annotate_many`
    takes them) with this process's annotator for ``options``; the building block of
    :func:`annotate_bag` and :func:`annotate_dataframe`."""
    return _annotator(dict(options or {})).annotate_many(
        list(items), threads=threads, date=date, errors=errors, as_json=as_json)


def annotate_bag(bag, threads=1, errors="raise", as_json=False, date=None, **options):
    """A :class:`dask.bag.Bag` of Lede's documents (dicts, or JSON strings with
    ``as_json=True``) for a bag of articles: ``str``/``bytes``, or dicts with ``"text"``
    and optionally ``"date"`` and ``"id"``. ``options`` are :class:`lede.Annotator`'s
    (``offsets``, ``tokens``, ``repair``); ``threads`` is how many threads annotate each
    partition (leave it at 1 when each worker already runs one task per core)."""
    return bag.map_partitions(annotate_partition, options=options, threads=threads,
                              errors=errors, as_json=as_json, date=date)


def _annotate_frame(frame, text, date, id_column, column, threads, errors, options):
    import pandas

    items = []
    for row in range(len(frame)):
        item = {"text": frame[text].iat[row]}
        if date is not None and not pandas.isna(frame[date].iat[row]):
            item["date"] = frame[date].iat[row]
        if id_column is not None:
            value = frame[id_column].iat[row]
            item["id"] = value.item() if hasattr(value, "item") else value   # numpy → JSON
        items.append(item)
    results = annotate_partition(items, options, threads=threads, errors=errors, as_json=True)
    out = frame.copy()
    out[column] = pandas.Series([None if isinstance(r, lede.LedeError) else r for r in results],
                                index=frame.index, dtype=object)
    if errors == "return":
        out[column + "_error"] = pandas.Series(
            [str(r) if isinstance(r, lede.LedeError) else None for r in results],
            index=frame.index, dtype=object)
    return out


def annotate_dataframe(frame, text="text", date=None, id=None, column="lede", threads=1,
                       errors="raise", **options):
    """A :class:`dask.dataframe.DataFrame` like ``frame`` with a column ``column`` holding
    Lede's JSON (a string) for the article in column ``text``; ``date`` and ``id`` name
    optional columns of publication dates (``"YYYY-MM-DD"``) and ids. With
    ``errors="return"`` a failed article gets ``None`` there and Lede's message in
    ``column + "_error"``; with ``errors="raise"`` the first failure raises."""
    import pandas

    added = [column] + ([column + "_error"] if errors == "return" else [])
    meta = frame._meta.assign(**{name: pandas.Series(dtype=object) for name in added})
    return frame.map_partitions(_annotate_frame, text, date, id, column, threads, errors,
                                options, meta=meta)
