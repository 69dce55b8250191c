"""A cheaper answer for PySide6's import hook (Qt-bound, no widgets).

Once ``PySide6.QtCore`` is imported, PySide6 calls ``shibokensupport.feature.feature_imported``
after every import in the process, to note whether the new module's source mentions
"PySide6" (its ``from __feature__ import ...`` switches apply per module). It finds out with
``inspect.getsource``: ``linecache`` reads, decodes and keeps the whole file, and ``inspect``
looks the module up among all loaded ones. For the reader's ~350 start-up modules that cost
30-50 ms of CPU before the first paint, and later imports pay it again on whichever thread
runs them. :func:`lighten` puts in a function that gives the same answer from the file's
bytes (the needle is ASCII, so any ASCII-compatible source encoding agrees) and leaves every
module without a plain ``.py`` file to PySide's own. Briefing uses no ``__feature__`` switch;
the answers are kept exactly all the same.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the hook this module lightens)

_MARK = "_briefing_light"


def _reads_bytes(original: object) -> object:
    """PySide's test, answered from the module file's bytes where it has a ``.py`` file."""

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))  # type: ignore[operator]

    setattr(mod_uses_pyside, _MARK, True)
    mod_uses_pyside.original = original  # type: ignore[attr-defined]
    return mod_uses_pyside


def lighten() -> bool:
    """Replace PySide6's per-import source test by :func:`_reads_bytes`'s (once); False when
    this PySide6 has no such test (nothing changed)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if not getattr(original, _MARK, False):
        feature._mod_uses_pyside = _reads_bytes(original)  # type: ignore[attr-defined]
    return True
