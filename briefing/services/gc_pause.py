"""Pausing Python's cyclic garbage collector while a worker builds a large, long-lived
structure (the library list's rows, the filters' index): each full collection it would
trigger stops every thread, the GUI thread too, for up to a few hundred milliseconds at
100,000 articles. Qt-free.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_PAUSE_LOCK = threading.Lock()
_PAUSED = [0]


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Nested and concurrent uses are
    counted; after the last, what was built is frozen out of the collector's sight (it is
    long-lived) and collection resumes."""
    with _PAUSE_LOCK:
        _PAUSED[0] += 1
        gc.disable()
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSED[0] -= 1
            if _PAUSED[0] == 0:
                # what was built meanwhile is long-lived (rows, indexes): out of the
                # collector's sight, so that its first collection does not scan it all
                gc.freeze()
                gc.enable()
