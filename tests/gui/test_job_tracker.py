"""The job tracker follows each job through its own signals, and a job that reports after
the tracker (its window) is gone is simply not heard."""

from __future__ import annotations

from shiboken6 import Shiboken

from briefing.gui.jobs import JobTracker
from briefing.gui.workers import Job


class Quiet(Job):
    label = "Quiet"

    def work(self, lib: object) -> None:  # never run here: the tracker holds its jobs
        raise AssertionError("held jobs do not run")


def test_progress_and_finish_are_told_apart_per_job(qtbot) -> None:
    tracker = JobTracker()
    tracker.hold()
    first, second = tracker.start(Quiet()), tracker.start(Quiet())
    first.signals.progress.emit(1, 4, "a")
    second.signals.progress.emit(2, 6, "b")
    assert tracker.summary() == ("2 tasks", 3, 10)
    first.signals.finished.emit()
    assert [job.id for job in tracker.running()] == [second.id]
    assert tracker.summary() == ("Quiet", 2, 6)


def test_a_late_job_after_the_tracker_is_gone(qtbot) -> None:
    tracker = JobTracker()
    tracker.hold()
    job = tracker.start(Quiet())
    Shiboken.delete(tracker)  # the window closed: its tracker is gone
    with qtbot.captureExceptions() as raised:
        job.signals.progress.emit(1, 2, "late")  # no "Signal source has been deleted"
        job.signals.finished.emit()
    assert raised == []
