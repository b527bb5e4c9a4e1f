"""What the scorers in bench/ share: the project's own binding (python/lede)."""
import os
import sys


def import_lede(who, library=None):
    """python/lede, loading `library` when given, else what the binding finds
    ($LEDE_LIBRARY, the build tree, the system); exits naming `who` on failure."""
    if library:
        os.environ["LEDE_LIBRARY"] = library
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    try:
        import lede
    except ImportError as error:
        sys.exit("%s: %s" % (who, error))
    return lede
