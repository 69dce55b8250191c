"""Analysing texts in a child process, so that the reader's GUI thread never waits for the
interpreter lock while the engine runs (Qt-free).

The built-in engine is Python-heavy: importing it, loading its models and analysing a text
hold the interpreter lock for long stretches, and a worker *thread* doing that makes the GUI
thread wait (stalls of 100-250 ms at 100,000 articles). :class:`AnalysisProcess` runs it in
one persistent child process instead (``concurrent.futures.ProcessPoolExecutor``, *spawn*
context: a process holding Qt is never forked), started when first needed, never during
start-up, at a lower priority (niceness +10: on two busy cores the GUI thread gets one
first). The worker thread that asks only waits on a future (the lock released), checking
its cancel flag; cancelling a running analysis stops the child (a new one starts when next
needed), and so do two minutes without work (the engine's memory is given back).
The analysis comes back as an :class:`~briefing.domain.Analysis`; storing it stays with the
caller (the reader's own connection: its commits are not mistaken for another process's).

Engines registered only in this process (tests, plug-ins) and any failure to start or reach
the child fall back to analysing in the calling thread. ``BRIEFING_ANALYSIS_PROCESS=0`` turns
the child off (analysis in the thread, as the command line does).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from briefing.services.child_process import (
    CHILD_ERRORS,
    ENV_SWITCH,
    LOWER_PRIORITY,
    ChildCancelled,
    enabled,
    processes,
    spawn_pool,
    terminate,
    wait,
)

if TYPE_CHECKING:
    from briefing.domain import Analysis

log = logging.getLogger(__name__)

__all__ = ["ENV_SWITCH", "AnalysisCancelled", "AnalysisProcess", "runs_in_child", "shared"]
IDLE_S = 120.0  # a child without work this long is stopped (its ~170 MB given back)


AnalysisCancelled = ChildCancelled
"""The caller's cancel flag was raised while its text was being analysed."""


def _analyse_in_child(engine_name: str, text: str) -> Analysis:
    """The engine (built once per process) on ``text``: run in the child, or in the calling
    thread when the child cannot."""
    from briefing.analysis import get_engine

    return get_engine(engine_name).analyse(text)


def _leave_running() -> None:
    """A cancelled analysis left to end in the child (its result dropped)."""


def _child_pid() -> int:
    return os.getpid()


def runs_in_child(engine_name: str) -> bool:
    """Whether the child can build ``engine_name`` as this process would: the built-in engine,
    not replaced here (an engine registered in this process only is not known there)."""
    if not enabled() or engine_name != "builtin":
        return False
    from briefing.analysis import engine_info
    from briefing.analysis.builtin_info import NAME, VERSION

    info = engine_info(engine_name)
    return (info.name, info.version) == (NAME, VERSION)


class AnalysisProcess:
    """One child process analysing texts, started on first use and stopped after
    ``idle_s`` seconds without work (its memory given back; the next analysis starts a new
    one); thread-safe."""

    def __init__(self, idle_s: float = IDLE_S) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._busy = 0  # analyses waiting on the child now
        self._last_used = 0.0
        self._timer: threading.Timer | None = None
        self.idle_s = idle_s
        self.closed = False  # after close(): analyses run in the calling thread

    def _executor(self, busy: bool) -> ProcessPoolExecutor | None:
        """The pool (made if needed); ``busy``: counted as in use until :meth:`_done`."""
        with self._lock:
            if self.closed:
                return None
            if self._pool is None:
                try:
                    self._pool = spawn_pool(LOWER_PRIORITY)
                except (OSError, ValueError, RuntimeError) as exc:
                    log.warning("analysis process unavailable (%s): analysing in a thread", exc)
                    self.closed = True
                    return None
            self._busy += busy
            return self._pool

    def _done(self) -> None:
        """An analysis ended: the idle countdown starts (when none runs yet)."""
        with self._lock:
            self._busy -= 1
            self._last_used = time.monotonic()
            if self._timer is None and self._pool is not None:
                self._arm(self.idle_s)

    def _arm(self, delay: float) -> None:
        self._timer = threading.Timer(delay, self._idle_check)
        self._timer.daemon = True
        self._timer.start()

    def _idle_check(self) -> None:
        with self._lock:
            self._timer = None
            if self._pool is None:
                return
            left = self._last_used + self.idle_s - time.monotonic()
            if self._busy or left > 0:
                self._arm(max(left, 0.05))
                return
            pool, self._pool = self._pool, None
        terminate(pool)

    def analyse(self, engine_name: str, text: str,
                cancelled: Callable[[], bool] | None = None, *,
                stop_on_cancel: bool = True) -> Analysis:
        """``text`` analysed by ``engine_name`` in the child (in this thread when the child
        cannot do it); :class:`AnalysisCancelled` when ``cancelled()`` turns true first. A
        running analysis cancelled stops the child (``stop_on_cancel``), or is left to end
        there, its result dropped (the engine stays built: opening another article)."""
        pool = self._executor(busy=True) if runs_in_child(engine_name) else None
        if pool is None:
            return _analyse_in_child(engine_name, text)
        try:
            return self._analyse(pool, engine_name, text, cancelled,
                                 self.stop if stop_on_cancel else _leave_running)
        finally:
            self._done()

    def _analyse(self, pool: ProcessPoolExecutor, engine_name: str, text: str,
                 cancelled: Callable[[], bool] | None,
                 on_cancel: Callable[[], None]) -> Analysis:
        try:
            future = pool.submit(_analyse_in_child, engine_name, text)
        except CHILD_ERRORS as exc:
            log.warning("analysis process failed to start (%s): analysing in a thread", exc)
            self._forget(pool)
            return _analyse_in_child(engine_name, text)
        try:
            return wait(future, cancelled, on_cancel)
        except BrokenProcessPool as exc:  # the child died (killed, out of memory)
            self._forget(pool)
            if cancelled is not None and cancelled():
                raise AnalysisCancelled from exc
            log.warning("analysis process stopped (%s): analysing in a thread", exc)
            return _analyse_in_child(engine_name, text)

    def child_pid(self) -> int | None:
        """The child's process id, starting it if needed (None: no child can run)."""
        pool = self._executor(busy=False)
        if pool is None:
            return None
        try:
            return pool.submit(_child_pid).result(timeout=60)
        except (BrokenProcessPool, RuntimeError, OSError, FutureTimeout):
            self._forget(pool)
            return None

    def pids(self) -> list[int]:
        """The process ids of the children alive now (none started: empty)."""
        with self._lock:
            pool = self._pool
        found = processes(pool) if pool is not None else []
        return [p.pid for p in found if p.pid is not None and p.is_alive()]

    def running(self) -> bool:
        """Whether a child process is alive now."""
        return bool(self.pids())

    def _forget(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        """Stop the child now (what it was doing is dropped); a new one starts when needed."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            terminate(pool)

    def close(self) -> None:
        """Stop the child for good (the reader is closing): later analyses run in threads."""
        with self._lock:
            self.closed = True
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
        self.stop()


_shared: AnalysisProcess | None = None
_shared_lock = threading.Lock()


def shared() -> AnalysisProcess:
    """This process's analysis child (one for the reader; made, not started, on first call)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.closed:
            _shared = AnalysisProcess()
        return _shared


def close_shared() -> None:
    """Stop the shared child, if one was made (the reader's window is closing)."""
    with _shared_lock:
        found = _shared
    if found is not None:
        found.close()
