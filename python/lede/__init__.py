"""Lede: annotates English news articles (structure, tokens, sentences, dates, ...).

A pure-Python ctypes binding of Lede's flat C ABI (``include/lede/lede.h``); there is
nothing to build. Use::

    import lede

    with lede.Annotator(tokens=True) as annotator:
        doc = annotator.annotate(text, date="2022-12-22")
    for block in doc["document"]["structure"]:
        assert text[block["start"]:block["end"]] == block["text"]

The result is the JSON document of ``docs/schema.md`` as a dict.

Finding the library
    1. the environment variable ``LEDE_LIBRARY`` (a path; when it is set nothing else is
       tried);
    2. the build tree this package sits in: ``<project>/build/plugin/liblede-1.so`` first,
       then any other ``<project>/build*/plugin/liblede-1.so``, most recently built first;
    3. the system: ``ctypes.util.find_library("lede-1")``, then ``liblede-1.so.0``.

    The library's ABI major must be 1. ``lede.library_path`` says which file was loaded,
    ``lede.__version__`` its version and ``lede.plugin_info()`` its descriptor.

Offsets
    ``offsets="codepoint"`` (the default) counts code points, so spans slice the Python
    ``str`` passed in: ``text[start:end] == span["text"]``. ``"utf16"`` counts UTF-16 code
    units (slice ``text.encode("utf-16-le")`` at ``2*start:2*end``), ``"byte"`` counts
    UTF-8 bytes (slice ``text.encode("utf-8")``). When ``bytes`` are passed, code-point
    offsets count the characters of the decoded (and, with ``repair=True``, repaired) text.

Text
    ``str`` is encoded to UTF-8. A ``str`` holding a lone surrogate (``"\\ud83d"``, as
    ``surrogateescape`` decoding or broken JSON can make) has no UTF-8 form: Lede is not
    called and :class:`InvalidUTF8Error` is raised, with ``.index`` the code point index
    in the ``str`` and ``.position`` the byte offset in its ``surrogatepass`` encoding.
    With ``repair=True`` each lone surrogate is replaced by one U+FFFD instead, so every
    code-point and UTF-16 offset still slices the original ``str``; the result then says
    ``"repaired": true`` and carries a warning. ``bytes`` (or any bytes-like object) are
    passed to Lede as they are: invalid UTF-8 raises :class:`InvalidUTF8Error` with Lede's
    byte ``.position``, unless ``repair=True``, when Lede replaces each maximal ill-formed
    subpart with U+FFFD (as ``bytes.decode("utf-8", "replace")`` does).

Errors
    Every error Lede reports is raised as a :class:`LedeError` subclass carrying Lede's
    ``.code``, ``.message`` and ``.position`` (a byte offset, or ``None``).

Threads
    An :class:`Annotator` never changes after it is made, and Lede has no global mutable
    state: any number of threads may share one annotator and call :meth:`Annotator.annotate`
    at once. ctypes releases the GIL for the duration of every call into Lede (the library
    is loaded as a ``ctypes.CDLL``, not a ``PyDLL``), so those threads annotate in
    parallel; :meth:`Annotator.annotate_many` runs a batch on a pool of threads that way.
    Only the JSON parsing of each result holds the GIL. Closing an annotator while other threads use it is safe:
    calls already running finish, later calls raise ``ValueError``, and the native
    annotator is released when the last running call returns.

Memory
    Everything Lede allocates (the JSON string, error blocks) is released with
    ``lede_free()`` before :meth:`Annotator.annotate` returns or raises; the native
    annotator is released by :meth:`Annotator.close`, by leaving a ``with`` block, or when
    the object is garbage-collected.
"""

import collections.abc as _abc
import concurrent.futures as _futures
import ctypes
import datetime as _datetime
import json as _json
import os as _os
import re as _re
import threading as _threading

from . import _native

__all__ = [
    "Annotator",
    "LedeError",
    "InvalidArgumentError",
    "InvalidUTF8Error",
    "InvalidOptionsError",
    "InvalidMetadataError",
    "TooLargeError",
    "InternalError",
    "plugin_info",
    "library_path",
    "abi_version",
    "OFFSET_UNITS",
]

OFFSET_UNITS = ("codepoint", "utf16", "byte")


# ---------------------------------------------------------------------------
# Errors


class LedeError(Exception):
    """An error Lede reported. ``code`` is Lede's ``lede_status`` (see docs/abi.md),
    ``message`` its message, ``position`` the byte offset in the input the error is
    about, or ``None``."""

    code = None

    def __init__(self, message, code=None, position=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.position = position

    def __str__(self):
        return self.message

    def __reduce__(self):
        # keeps code, position and the subclass's own attributes across pickling,
        # which is how errors come back from other processes (lede.dask)
        return (type(self), (self.message, self.code, self.position), dict(self.__dict__))


class InvalidArgumentError(LedeError, ValueError):
    """Code 1: an impossible argument (a NULL handle, NULL text with a length)."""

    code = 1


class InvalidUTF8Error(LedeError, ValueError):
    """Code 2: the text is not UTF-8. ``position`` is the byte offset of the first bad
    byte; ``index`` is the code point index when the text was a ``str`` holding a lone
    surrogate, else ``None``."""

    code = 2

    def __init__(self, message, code=None, position=None, index=None):
        super().__init__(message, code, position)
        self.index = index


class InvalidOptionsError(LedeError, ValueError):
    """Code 3: an unknown annotator option, or a bad value for one."""

    code = 3


class InvalidMetadataError(LedeError, ValueError):
    """Code 4: bad per-article metadata: a date that is not YYYY-MM-DD, a bad value."""

    code = 4


class TooLargeError(LedeError, ValueError):
    """Code 5: the text is longer than Lede can address (2**31 - 1 bytes)."""

    code = 5


class InternalError(LedeError):
    """Code 6: a bug in Lede; please report it."""

    code = 6


_ERROR_CLASSES = {
    cls.code: cls
    for cls in (
        InvalidArgumentError,
        InvalidUTF8Error,
        InvalidOptionsError,
        InvalidMetadataError,
        TooLargeError,
        InternalError,
    )
}


def _error_from_struct(error):
    """A LedeError from a lede_error block (which the caller then lede_free()s)."""
    e = error.contents
    size = e.struct_size
    code = e.code if size >= _native.ErrorStruct.code.offset + 4 else 6
    position = e.position if size >= _native.ErrorStruct.position.offset + 8 else -1
    message = None
    if size >= _native.ErrorStruct.message.offset + ctypes.sizeof(ctypes.c_char_p) and e.message:
        message = e.message.decode("utf-8", "replace")
    if not message:
        message = "Lede reported error %d" % code
    cls = _ERROR_CLASSES.get(code, LedeError)
    return cls(message, code, position if position >= 0 else None)


# ---------------------------------------------------------------------------
# The library

_lib, library_path = _native.load()

_abi = _lib.lede_abi_version()
abi_version = (_abi >> 16, _abi & 0xFFFF)
if abi_version[0] != _native.ABI_MAJOR or abi_version[1] < _native.ABI_MINOR:
    raise ImportError(
        "lede: %s has ABI %d.%d; this binding needs %d.x with x >= %d"
        % (library_path, abi_version[0], abi_version[1], _native.ABI_MAJOR, _native.ABI_MINOR)
    )

_info = _native.plugin_info(_lib)
__version__ = _info.get("version", "0")


def plugin_info():
    """The loaded library's descriptor (``lede_plugin_info()``) as a new dict: struct_size,
    abi_major, abi_minor, capabilities (the LEDE_CAP_* bits), capability_names,
    schema_version, name, version, description, license."""
    info = dict(_info)
    if "capability_names" in info:
        info["capability_names"] = list(info["capability_names"])
    return info


def _free(ptr):
    """lede_free() through the library object, so tests can count what is released."""
    if ptr:
        _lib.lede_free(ptr)


# ---------------------------------------------------------------------------
# Text and metadata

_SURROGATE = _re.compile("[\ud800-\udfff]")


def _encode_text(text, repair):
    """(UTF-8 bytes, note) for text; note is a warning when lone surrogates were replaced."""
    if isinstance(text, str):
        try:
            return text.encode("utf-8"), None
        except UnicodeEncodeError as error:
            index = error.start
        if not repair:
            position = len(text[:index].encode("utf-8", "surrogatepass"))
            raise InvalidUTF8Error(
                "the str holds a lone surrogate U+%04X at index %d (byte %d of its UTF-8 "
                "encoding), which is not valid UTF-8; pass repair=True to replace it with "
                "U+FFFD" % (ord(text[index]), index, position),
                InvalidUTF8Error.code,
                position,
                index,
            )
        repaired, count = _SURROGATE.subn("\ufffd", text)
        note = (
            "replaced %d lone surrogate(s) in the str with U+FFFD, the first at index %d; "
            "offsets are unchanged" % (count, index)
        )
        return repaired.encode("utf-8"), note
    if isinstance(text, bytes):
        return text, None
    if isinstance(text, (bytearray, memoryview)):
        return bytes(text), None
    raise TypeError("text must be str or bytes, not %s" % type(text).__name__)


def _date_string(date):
    if isinstance(date, _datetime.datetime):
        date = date.date()
    if isinstance(date, _datetime.date):
        return date.isoformat()
    if isinstance(date, str):
        return date
    raise TypeError(
        "date must be a str 'YYYY-MM-DD' or a datetime.date, not %s" % type(date).__name__
    )


def _to_json(obj, error_class, what):
    try:
        return _json.dumps(obj, ensure_ascii=True, allow_nan=False).encode("ascii")
    except (TypeError, ValueError) as error:
        raise error_class("%s are not representable as JSON: %s" % (what, error)) from None


# ---------------------------------------------------------------------------
# The annotator


class Annotator:
    """Annotates news articles. Options (all optional):

    ``offsets``
        ``"codepoint"`` (default), ``"utf16"`` or ``"byte"``: the unit of output offsets.
    ``tokens``
        ``True`` to list tokens in the output (default ``False``).
    ``repair``
        ``True`` to replace invalid UTF-8 with U+FFFD instead of raising (default ``False``).
    ``pretty``
        ``True`` to indent the JSON of :meth:`annotate_json`.

    An unknown option or a bad value raises :class:`InvalidOptionsError`. An annotator is
    immutable and may be shared by any number of threads.
    """

    def __init__(self, **options):
        # set first so that close()/__del__ work even if construction fails
        self._handle = None
        self._lock = _threading.Lock()
        self._users = 0
        self._closed = True
        self._annotator_free = _lib.lede_annotator_free
        self.options = dict(options)

        options_json = _to_json(options, InvalidOptionsError, "options") if options else None
        error = _native.ErrorPointer()
        handle = _lib.lede_annotator_new(options_json, ctypes.byref(error))
        try:
            if not handle:
                if error:
                    raise _error_from_struct(error)
                raise InternalError("lede_annotator_new() failed without an error", 6)
        finally:
            _free(ctypes.cast(error, ctypes.c_void_p).value)
        self._handle = handle
        self._closed = False

    # options as properties, for code that wants to know what it asked for
    @property
    def offsets(self):
        return self.options.get("offsets", "codepoint")

    @property
    def tokens(self):
        return self.options.get("tokens", False)

    @property
    def repair(self):
        return self.options.get("repair", False)

    @property
    def closed(self):
        return self._closed

    def _acquire(self):
        with self._lock:
            if self._closed:
                raise ValueError("annotate() on a closed lede.Annotator")
            self._users += 1
            return self._handle

    def _release(self):
        with self._lock:
            self._users -= 1
            if self._closed and self._users == 0:
                self._free_handle()

    def _free_handle(self):
        handle, self._handle = self._handle, None
        if handle:
            self._annotator_free(handle)

    def close(self):
        """Releases the native annotator. Calls running in other threads finish first;
        later calls raise ``ValueError``. Closing twice is fine."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            self._closed = True
            if self._users == 0:
                self._free_handle()

    def __enter__(self):
        if self._closed:
            raise ValueError("lede.Annotator is closed")
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self):
        state = "closed" if self._closed else "open"
        options = ", ".join("%s=%r" % item for item in sorted(self.options.items()))
        return "<lede.Annotator(%s) %s>" % (options, state)

    def _run(self, text, date, meta):
        repair = meta.get("repair", self.repair) is True
        data, note = _encode_text(text, repair)
        if date is not None:
            meta = dict(meta, date=_date_string(date))
        meta_json = _to_json(meta, InvalidMetadataError, "metadata") if meta else None

        handle = self._acquire()
        try:
            error = _native.ErrorPointer()
            result = _lib.lede_annotate(handle, data, len(data), meta_json, ctypes.byref(error))
            try:
                if not result:
                    if error:
                        raise _error_from_struct(error)
                    raise InternalError("lede_annotate() failed without an error", 6)
                return ctypes.string_at(result).decode("utf-8"), note
            finally:
                _free(result)
                _free(ctypes.cast(error, ctypes.c_void_p).value)
        finally:
            self._release()

    def annotate(self, text, date=None, **meta):
        """Annotates one article and returns Lede's JSON document (docs/schema.md) as a dict.

        ``text`` is a ``str`` or UTF-8 ``bytes``. ``date`` is the publication date, a
        ``"YYYY-MM-DD"`` string or a :class:`datetime.date`; relative dates ("on the 21st",
        "last week") are resolved against it. Other keyword arguments are metadata: ``id``
        (echoed back), per-call ``offsets``, ``tokens``, ``repair``, and any key of your
        own (ignored by Lede).

        Raises :class:`InvalidUTF8Error`, :class:`InvalidMetadataError`,
        :class:`TooLargeError` (or another :class:`LedeError`), or ``TypeError`` for a
        text or date of the wrong Python type.
        """
        output, note = self._run(text, date, meta)
        doc = _json.loads(output)
        if note is not None:
            _add_repair_note(doc, note)
        return doc

    def annotate_json(self, text, date=None, **meta):
        """Like :meth:`annotate`, but returns the JSON text itself (a ``str``), for
        pipelines that store or forward it; ``pretty=True`` indents it."""
        output, note = self._run(text, date, meta)
        if note is None:
            return output
        doc = _json.loads(output)
        _add_repair_note(doc, note)
        pretty = meta.get("pretty", self.options.get("pretty", False)) is True
        return _json.dumps(doc, ensure_ascii=False, indent=2 if pretty else None,
                           separators=None if pretty else (",", ":"))


    def annotate_many(self, texts, threads=None, date=None, errors="raise", as_json=False,
                      **meta):
        """Annotates many articles on a pool of ``threads`` threads (default: the number
        of CPUs) sharing this annotator, and returns a list of their documents in input
        order: dicts, or JSON strings with ``as_json=True`` (as :meth:`annotate_json`).

        Each item of ``texts`` is a ``str`` or ``bytes`` article, or a mapping with
        ``"text"`` and optionally ``"date"`` and ``"id"``; ``date`` and the other keyword
        arguments apply to every article (a mapping's ``"date"`` wins). Lede works with
        the GIL released, so the threads annotate in parallel.

        ``errors="raise"`` (the default) raises the :class:`LedeError` of the first
        article (in input order) that failed, after every article is done; its
        ``batch_index`` says which article it was. ``errors="return"`` puts the
        :class:`LedeError` in the list in place of that article's document instead.
        A text or date of the wrong Python type raises ``TypeError`` either way.
        """
        if errors not in ("raise", "return"):
            raise ValueError('errors must be "raise" or "return", not %r' % (errors,))
        if threads is None:
            threads = _os.cpu_count() or 1
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise ValueError("threads must be a positive int, not %r" % (threads,))
        annotate = self.annotate_json if as_json else self.annotate

        def one(indexed):
            index, item = indexed
            text, item_date, item_meta = _batch_item(item, date, meta)
            try:
                return annotate(text, item_date, **item_meta)
            except LedeError as error:
                error.batch_index = index
                return error

        items = enumerate(texts)
        if threads == 1:
            results = [one(item) for item in items]
        else:
            with _futures.ThreadPoolExecutor(max_workers=threads,
                                             thread_name_prefix="lede") as pool:
                results = list(pool.map(one, items))
        if errors == "raise":
            for result in results:
                if isinstance(result, LedeError):
                    raise result
        return results


def _batch_item(item, date, meta):
    """(text, date, metadata) of one item of Annotator.annotate_many()."""
    if isinstance(item, _abc.Mapping):
        if "text" not in item:
            raise TypeError("an article given as a mapping needs a \"text\" key")
        if "id" in item:
            meta = dict(meta, id=item["id"])
        return item["text"], item.get("date", date), meta
    return item, date, meta


def _add_repair_note(doc, note):
    document = doc.setdefault("document", {})
    document["repaired"] = True
    document.setdefault("warnings", []).append(note)
