"""Background calls of services for the brief dialogs, on a small pool owned by the dialog.

A :class:`CallJob` runs ``fn(lib)`` on the worker's own :class:`Library` (reusing the reader's
:class:`~briefing.gui.workers.Job`: typed errors become messages, bugs are logged). A
:class:`DialogJobs` keeps each job alive until it finishes and waits for them when the dialog
closes, so no runnable outlives the widgets it reports to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from briefing.gui.workers import Job

Call = Callable[[Any], object]


class CallJob(Job):
    """Runs ``fn(lib)`` in a worker thread and emits its return value as ``result``."""

    def __init__(self, label: str, fn: Call) -> None:
        super().__init__()
        self.label = label
        self.fn = fn

    def work(self, lib: object) -> None:
        value = self.fn(lib)
        if not self.is_cancelled():
            self.signals.result.emit(value)


class DialogJobs(QObject):
    """A one-thread pool for a dialog's jobs; ``busy_changed(bool)`` drives its indicator."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._jobs: dict[int, Job] = {}

    def start(
        self,
        label: str,
        fn: Call,
        on_result: Callable[[object], None],
        on_error: Callable[[str], None],
    ) -> CallJob:
        job = CallJob(label, fn)
        self._jobs[job.id] = job
        job.signals.result.connect(on_result)
        job.signals.error.connect(on_error)
        job.signals.finished.connect(self._finished)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self.pool.start(job)
        return job

    def _finished(self) -> None:
        signals = self.sender()
        for job_id in [i for i, job in self._jobs.items() if job.signals is signals]:
            del self._jobs[job_id]
        if not self._jobs:
            self.busy_changed.emit(False)

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def shutdown(self, msecs: int = 10000) -> bool:
        """Cancel what is queued or running and wait for the worker to come back."""
        for job in self._jobs.values():
            job.cancel()
        return self.pool.waitForDone(msecs)
