"""Finding and declaring Lede's flat C ABI (include/lede/lede.h) for ctypes.

Nothing here is public: use the :mod:`lede` package. Every function of the ABI
gets its argtypes and restype here, so ctypes never guesses an int where a
pointer is meant (which would cut 64-bit pointers in half).
"""

import ctypes
import ctypes.util
import glob
import os

ABI_MAJOR = 1  # the major this binding was written against: the library's must equal it
ABI_MINOR = 0  # the minor it needs at least

LIBRARY_NAME = "liblede-1.so"
SONAME = "liblede-1.so.0"

# LEDE_CAP_* bits of lede_plugin_descriptor.capabilities, by name.
CAPABILITIES = (
    ("structure", 1 << 0),
    ("tokens", 1 << 1),
    ("sentences", 1 << 2),
    ("entities", 1 << 3),
    ("time", 1 << 4),
    ("quotes", 1 << 5),
    ("coref", 1 << 6),
    ("events", 1 << 7),
    ("utf8_repair", 1 << 8),
)


class ErrorStruct(ctypes.Structure):
    """lede_error: one block (struct + message) released with lede_free()."""

    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("code", ctypes.c_int32),
        ("position", ctypes.c_int64),
        ("message", ctypes.c_char_p),
    ]


class PluginDescriptor(ctypes.Structure):
    """lede_plugin_descriptor: static; fields are only appended, read struct_size first."""

    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("abi_major", ctypes.c_uint16),
        ("abi_minor", ctypes.c_uint16),
        ("capabilities", ctypes.c_uint64),
        ("schema_version", ctypes.c_uint32),
        ("reserved", ctypes.c_uint32),
        ("name", ctypes.c_char_p),
        ("version", ctypes.c_char_p),
        ("description", ctypes.c_char_p),
        ("license", ctypes.c_char_p),
    ]


ErrorPointer = ctypes.POINTER(ErrorStruct)


def _declare(lib):
    lib.lede_abi_version.argtypes = []
    lib.lede_abi_version.restype = ctypes.c_uint32

    lib.lede_plugin_info.argtypes = []
    lib.lede_plugin_info.restype = ctypes.c_void_p

    lib.lede_annotator_new.argtypes = [ctypes.c_char_p, ctypes.POINTER(ErrorPointer)]
    lib.lede_annotator_new.restype = ctypes.c_void_p

    lib.lede_annotator_free.argtypes = [ctypes.c_void_p]
    lib.lede_annotator_free.restype = None

    # The result is a c_void_p, not a c_char_p: ctypes would copy a c_char_p
    # into bytes and drop the pointer, which then could never be lede_free()d.
    lib.lede_annotate.argtypes = [
        ctypes.c_void_p,  # const lede_annotator *
        ctypes.c_char_p,  # const char *text (may hold NULs: the length says where it ends)
        ctypes.c_size_t,  # size_t len
        ctypes.c_char_p,  # const char *meta_json
        ctypes.POINTER(ErrorPointer),
    ]
    lib.lede_annotate.restype = ctypes.c_void_p

    lib.lede_free.argtypes = [ctypes.c_void_p]
    lib.lede_free.restype = None
    return lib


def _project_root(start):
    """The first directory above start that looks like Lede's source tree, or None."""
    here = os.path.abspath(start)
    while True:
        if os.path.isfile(os.path.join(here, "meson.build")) and os.path.isfile(
            os.path.join(here, "include", "lede", "lede.h")
        ):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _build_tree_candidates():
    root = _project_root(os.path.dirname(__file__))
    if root is None:
        return []
    preferred = os.path.join(root, "build", "plugin", LIBRARY_NAME)
    others = [
        path
        for path in glob.glob(os.path.join(root, "build*", "plugin", LIBRARY_NAME))
        if path != preferred
    ]
    # among other build directories, the most recently built first (one being
    # rebuilt may lose its library between the glob and the look)
    others.sort(key=_mtime_or_zero, reverse=True)
    return ([preferred] if os.path.exists(preferred) else []) + others


def _mtime_or_zero(path):
    try:
        return os.path.getmtime(path)
    except OSError:
        return 0.0


def candidates():
    """Where the library is looked for, in order: (how it was found, what to load)."""
    found = []
    env = os.environ.get("LEDE_LIBRARY")
    if env:
        found.append(("LEDE_LIBRARY", env))
        return found  # an explicit choice is never silently replaced by another library
    for path in _build_tree_candidates():
        found.append(("build tree", path))
    system = ctypes.util.find_library("lede-1")
    if system:
        found.append(("system", system))
    found.append(("system", SONAME))
    return found


def load():
    """Loads and declares the library: returns (CDLL, path or name it was loaded from)."""
    tried = []
    for how, what in candidates():
        try:
            lib = ctypes.CDLL(what)
        except OSError as error:
            tried.append("%s (%s): %s" % (what, how, error))
            continue
        return _declare(lib), _loaded_path(lib, what)
    raise ImportError(
        "lede: cannot load the Lede library; set LEDE_LIBRARY to the path of "
        "liblede-1.so, build the project (meson setup build && ninja -C build) or "
        "install it. Tried:\n  " + "\n  ".join(tried)
    )


def _loaded_path(lib, fallback):
    """The file the dynamic loader actually mapped, so library_path is never a bare soname."""
    try:
        address = ctypes.cast(lib.lede_abi_version, ctypes.c_void_p).value
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                fields = line.split(None, 5)
                if len(fields) < 6:
                    continue
                low, high = (int(x, 16) for x in fields[0].split("-"))
                if low <= address < high:
                    return fields[5].strip()
    except (OSError, ValueError, AttributeError):
        pass
    return os.path.abspath(fallback) if os.path.sep in fallback else fallback


def plugin_info(lib):
    """lede_plugin_info() as a dict, reading no field beyond the descriptor's struct_size."""
    address = lib.lede_plugin_info()
    if not address:
        raise ImportError("lede: lede_plugin_info() returned NULL")
    size = ctypes.c_uint32.from_address(address).value
    descriptor = PluginDescriptor.from_address(address)
    info = {}
    for name, _ctype in PluginDescriptor._fields_:
        field = getattr(PluginDescriptor, name)
        if field.offset + field.size > size or name == "reserved":
            continue
        value = getattr(descriptor, name)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        info[name] = value
    if "capabilities" in info:
        info["capability_names"] = [
            name for name, bit in CAPABILITIES if info["capabilities"] & bit
        ]
    return info
