"""Child processes for the reader's heavy background work (Qt-free): a worker thread hands
the work to a *spawned* process (never forked: the reader's process holds Qt) and only waits
on the future, checking its cancel flag, the interpreter lock released meanwhile.

:func:`spawn_pool` makes a one-process pool; :func:`wait` waits for a future until done or
cancelled; :func:`terminate` stops a pool's process at once, even mid-task;
:func:`run_in_child` runs one call in a fresh low-priority process (the integrity check: it
reads the whole file, and should yield the machine's cores to the reader's GUI thread).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
POLL_S = 0.05  # how often a waiting worker looks at its cancel flag
LOW_PRIORITY = 19  # the niceness of run_in_child's process: runs when the cores are free
LOWER_PRIORITY = 10
"""The niceness of the analysis child: on a busy machine (two cores) the GUI thread gets a
core first, the analysis the user waits for still a fair share."""
ENV_SWITCH = "BRIEFING_ANALYSIS_PROCESS"
"""``0``: no child processes (the work runs in the calling thread, as the command line does)."""

CHILD_ERRORS: tuple[type[BaseException], ...] = (BrokenProcessPool, RuntimeError, OSError)
"""What a pool that cannot start, or whose process died, raises."""


class ChildCancelled(Exception):
    """The caller's cancel flag was raised while the child worked for it."""


def enabled() -> bool:
    """Whether work may go to child processes (``BRIEFING_ANALYSIS_PROCESS`` is not 0)."""
    return os.environ.get(ENV_SWITCH, "1") != "0"


def spawn_pool(niceness: int) -> ProcessPoolExecutor:
    """A pool of one spawned process (started at the first submit) running at ``niceness``
    more than this process: more than its main thread, whichever thread starts it (a child
    inherits its starting thread's niceness, and the reader's worker threads lower theirs)."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_set_niceness,
                               initargs=(min(_process_niceness() + niceness, 19),))


def wait(future: Future[T], cancelled: Callable[[], bool] | None,
         on_cancel: Callable[[], None]) -> T:
    """The future's result; when ``cancelled()`` turns true first, a task not yet running is
    dropped (a running one: ``on_cancel()``, which stops its process) and
    :class:`ChildCancelled` raised."""
    while True:
        try:
            return future.result(timeout=POLL_S)
        except FutureTimeout:
            if cancelled is not None and cancelled():
                if not future.cancel():
                    on_cancel()
                raise ChildCancelled from None
        except CancelledError:
            raise ChildCancelled from None


def processes(pool: ProcessPoolExecutor) -> list[multiprocessing.process.BaseProcess]:
    """The pool's worker processes (``_processes``: Python < 3.14 has no public way to stop
    a worker busy with a task; 3.14's ``terminate_workers`` does this)."""
    found = getattr(pool, "_processes", None) or {}
    return list(found.values())


def terminate(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool``'s process at once, even in the middle of a task."""
    children = processes(pool)
    for child in children:  # before shutdown: it would wait for a running task
        child.terminate()
    for child in children:
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join(1)
    pool.shutdown(wait=True, cancel_futures=True)  # its queues and semaphores released


def _process_niceness() -> int:
    """This process's niceness: its main thread's (on Linux a process id names its main
    thread; other threads may have their own)."""
    try:
        return os.getpriority(os.PRIO_PROCESS, os.getpid())
    except (AttributeError, OSError):  # no getpriority (Windows)
        return 0


def _set_niceness(target: int) -> None:
    """In the child: take niceness ``target`` (where the system lets it: going back down
    from an inherited higher one needs privileges, and the child then keeps that one)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, 0, target)


def run_in_child(fn: Callable[..., T], *args: Any,
                 cancelled: Callable[[], bool] | None = None) -> T:
    """``fn(*args)`` in a fresh low-priority child process (``fn`` and its arguments
    importable and picklable), the process stopped after it; in this thread when no child can
    run. :class:`ChildCancelled` when ``cancelled()`` turns true first (the child stopped)."""
    if not enabled():
        return fn(*args)
    try:
        pool = spawn_pool(LOW_PRIORITY)
        future = pool.submit(fn, *args)
    except CHILD_ERRORS:
        return fn(*args)
    try:
        return wait(future, cancelled, lambda: None)
    except BrokenProcessPool:
        if cancelled is not None and cancelled():
            raise ChildCancelled from None
        return fn(*args)
    finally:
        terminate(pool)
