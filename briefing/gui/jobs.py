"""Starts background jobs on the global QThreadPool and keeps them alive until they finish.

Exposes one aggregate state for the status bar: whether anything runs, its label and progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

if TYPE_CHECKING:
    from briefing.gui.workers import Job


class JobTracker(QObject):
    changed = Signal()  # running set or progress changed
    error = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, Job] = {}
        self._progress: dict[int, tuple[int, int, str]] = {}
        self._held: list[Job] | None = None
        self.pool = QThreadPool.globalInstance()

    def hold(self) -> None:
        """Queue new jobs instead of starting them (until :meth:`release`), so that worker
        threads do not compete for the GIL with the window's first paint."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        held, self._held = self._held or [], None
        for job in held:
            if not job.is_cancelled():
                self.pool.start(job)
            else:
                job.signals.finished.emit()

    def start(self, job: Job) -> Job:
        self._jobs[job.id] = job
        self._progress[job.id] = (0, 0, "")
        # Bound methods of this QObject (the job found through sender()), not lambdas: Qt
        # drops the connections when the tracker is gone, however late a job reports.
        job.signals.job_id = job.id  # type: ignore[attr-defined]
        job.signals.progress.connect(self._on_progress)
        job.signals.error.connect(self.error)
        job.signals.finished.connect(self._on_finished)
        if self._held is not None:
            self._held.append(job)
        else:
            self.pool.start(job)
        self.changed.emit()
        return job

    def _sending_job(self) -> int | None:
        return getattr(self.sender(), "job_id", None)

    def _on_progress(self, done: int, total: int, what: str) -> None:
        job_id = self._sending_job()
        if job_id in self._jobs:
            self._progress[job_id] = (done, total, what)
            self.changed.emit()

    def _on_finished(self) -> None:
        job_id = self._sending_job()
        self._jobs.pop(job_id, None)  # type: ignore[arg-type]
        self._progress.pop(job_id, None)  # type: ignore[arg-type]
        self.changed.emit()

    def running(self) -> list[Job]:
        return list(self._jobs.values())

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def summary(self) -> tuple[str, int, int]:
        """(label, done, total) over running jobs; total 0 means indeterminate."""
        if not self._jobs:
            return "", 0, 0
        done = sum(p[0] for p in self._progress.values())
        total = sum(p[1] for p in self._progress.values())
        first = next(iter(self._jobs.values()))
        label = first.label if len(self._jobs) == 1 else f"{len(self._jobs)} tasks"
        return label, done, total

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            job.cancel()

    def wait(self, msecs: int = 5000) -> bool:
        """Cancel everything and wait for the pool (used on close)."""
        self.cancel_all()
        self.release()
        return self.pool.waitForDone(msecs)
