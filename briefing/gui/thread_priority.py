"""The OS scheduling priority of the reader's background threads: on Linux each worker
thread lowers its own (a per-thread niceness), so that on a busy machine the GUI thread gets a
processor core first. Qt's ``QThread.setPriority`` cannot do this on Linux: under the default
scheduling policy its priorities other than "idle" change nothing.
"""

from __future__ import annotations

import os
import sys
import threading

WORKER_NICENESS = 10
"""Background threads' niceness: the GUI thread (0) first, the work still a fair share."""


def lower_current_thread(niceness: int = WORKER_NICENESS) -> None:
    """Give the calling thread at least ``niceness`` (Linux; elsewhere nothing changes).
    Never raises: a priority is a courtesy, not a condition of the work."""
    if not sys.platform.startswith("linux"):  # thread ids are not process ids elsewhere
        return
    tid = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, tid) < niceness:
            os.setpriority(os.PRIO_PROCESS, tid, niceness)
    except OSError:
        pass
