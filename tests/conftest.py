"""pytest set-up for Lede's Python tests.

Under `meson test` the environment already has PYTHONPATH (the python/ folder),
LEDE_LIBRARY, LD_LIBRARY_PATH and GI_TYPELIB_PATH. Run by hand from the source
tree (`/usr/bin/python3 -m pytest tests/test_python_binding.py`), the binding is
found through python/ and the library through the build tree.
"""

import os
import sys

_PYTHON_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python")
if os.path.isdir(os.path.join(_PYTHON_DIR, "lede")) and _PYTHON_DIR not in sys.path:
    sys.path.insert(0, _PYTHON_DIR)
