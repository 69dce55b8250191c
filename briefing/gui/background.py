"""Background calls of services for pages and dialogs (feeds, entities, stories, brief
preview, revisions).

A :class:`CallJob` runs ``fn(lib, job)`` on the worker's own :class:`Library` (the reader's
:class:`~briefing.gui.workers.Job` turns typed errors into messages and logs bugs) and emits
an :class:`Outcome` tagged with what the caller asked for, so a page can drop a result that
arrives for something it no longer shows. :class:`PageJobs` is a one-thread pool owned by a
page or dialog: it keeps each job alive until it finishes and waits for them on shutdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from briefing.gui.workers import Job

Call = Callable[[Any, "CallJob"], object]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A job's return value and the tag the page gave the job."""

    tag: object
    value: Any


class CallJob(Job):
    """Runs ``fn(lib, job)`` in a worker thread; ``fn`` may report progress through
    ``job.signals.progress`` and should stop early when ``job.is_cancelled()``."""

    def __init__(
        self,
        label: str,
        fn: Call,
        tag: object = None,
        *,
        skippable: bool = False,
        quiet_when_cancelled: bool = False,
    ) -> None:
        super().__init__()
        self.label = label
        self.fn = fn
        self.tag = tag
        self.skippable = skippable  # cancelled before it started: do nothing, report nothing
        self.quiet_when_cancelled = quiet_when_cancelled  # cancelled meanwhile: no result

    def work(self, lib: object) -> None:
        if self.skippable and self.is_cancelled():
            return
        value = self.fn(lib, self)
        if self.quiet_when_cancelled and self.is_cancelled():
            return
        self.signals.result.emit(Outcome(self.tag, value))


class PageJobs(QObject):
    """A page's own single-thread pool; ``busy_changed(bool)`` drives its indicators."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._jobs: dict[int, CallJob] = {}

    def start(
        self,
        label: str,
        fn: Call,
        on_result: Callable[[Outcome], None],
        on_error: Callable[[str], None],
        *,
        tag: object = None,
        skippable: bool = False,
        quiet_when_cancelled: bool = False,
    ) -> CallJob:
        """Queue ``fn``; connect bound methods of a QObject so that a destroyed page is
        disconnected by Qt instead of being called. A ``skippable`` job cancelled while
        queued never runs (for reads superseded by a newer request); a
        ``quiet_when_cancelled`` one reports nothing once cancelled (a closing dialog)."""
        job = CallJob(label, fn, tag, skippable=skippable,
                      quiet_when_cancelled=quiet_when_cancelled)
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

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            job.cancel()

    def shutdown(self, msecs: int = 10000) -> bool:
        """Cancel what is queued or running and wait for the worker to come back."""
        self.cancel_all()
        return self.pool.waitForDone(msecs)
