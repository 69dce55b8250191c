"""Background threads lower their own scheduling priority (Linux), the GUI thread keeps its."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from briefing.gui.thread_priority import WORKER_NICENESS, lower_current_thread

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="per-thread niceness is a Linux feature")


def _niceness_in_thread(work: object) -> tuple[int, int]:
    """(niceness seen in a new thread after ``work()``, the calling thread's afterwards)."""
    seen: list[int] = []

    def run() -> None:
        work()  # type: ignore[operator]
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return seen[0], os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_a_worker_thread_lowers_only_itself() -> None:
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    worker, caller = _niceness_in_thread(lower_current_thread)
    assert worker == max(before, WORKER_NICENESS)
    assert caller == before


def test_a_thread_already_lower_is_left_as_it_is() -> None:
    worker, _ = _niceness_in_thread(lambda: (lower_current_thread(15), lower_current_thread()))
    assert worker == max(15, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))


def test_library_jobs_run_lowered(qtbot: object) -> None:
    """A job on the reader's pool runs at the workers' niceness."""
    from PySide6.QtCore import QThreadPool

    from briefing.gui.library.library_tasks import Task

    seen: list[int] = []
    task = Task(lambda: seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id())),
                "probe")
    pool = QThreadPool()
    pool.start(task)
    assert pool.waitForDone(10_000)
    assert seen and seen[0] >= WORKER_NICENESS
