"""The reader and the other processes sharing its library: changes made elsewhere (the
command line, cron's ``feeds refresh``, scripts) shown within about two seconds, and the
library's integrity checked now and then in the background.

:class:`LibraryWatch` polls ``PRAGMA data_version`` on the window's open connection twice a
second (one pragma, no file work: cheap on the GUI thread). The value changes when any other
connection commits; commits of this process's own workers are told apart by
:class:`briefing.services.maintenance.ChangeProbe`, so the reader's own analyses do not rebuild
the library list. Changes are coalesced: one refresh per tick at most.

:class:`Upkeep` records the reader's session in the library (so that the next reader can
tell an unclean shutdown), and starts :class:`IntegrityJob` when a check is due.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from briefing.domain import BriefingError
from briefing.gui.workers import Job
from briefing.services.maintenance import ChangeProbe

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow
    from briefing.services import Library

log = logging.getLogger(__name__)

POLL_MS = 500


class LibraryWatch(QObject):
    """``changed(full)`` when the library changed under the reader since the last tick.

    ``full`` is True when another process surely wrote. When this process's workers also
    committed in the same tick (their commits move ``data_version`` too), ``full`` is True
    only if the articles changed, else False: the cheap views (annotations, review queue,
    briefs) are refreshed either way. The probing itself is :class:`ChangeProbe`'s."""

    changed = Signal(bool)

    def __init__(self, conn: Callable[[], Any], parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._probe = ChangeProbe(conn)
        self.elsewhere = False  # the last change surely came from another process
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        """Check now; True (and ``changed`` emitted) when the library changed."""
        full = self._probe.poll()
        if full is None:
            return False
        self.elsewhere = self._probe.elsewhere
        self.changed.emit(full)
        return True


class IntegrityJob(Job):
    """The full integrity check, off the GUI thread; cancelling interrupts SQLite."""

    label = "Checking the library"

    def __init__(self) -> None:
        super().__init__()
        self._lib: Library | None = None

    def cancel(self) -> None:
        super().cancel()
        if self._lib is not None:
            self._lib.conn.interrupt()

    def work(self, lib: object) -> None:
        from briefing.services import maintenance
        from briefing.services.child_process import ChildCancelled

        self._lib = lib  # type: ignore[assignment]
        if self.is_cancelled():
            return
        try:  # the file read in a low-priority child: the GUI thread keeps its core
            report = maintenance.check_integrity(
                lib, in_child=True, cancelled=self.is_cancelled)  # type: ignore[arg-type]
        except ChildCancelled:
            return
        except Exception:
            if self.is_cancelled():
                return  # interrupted on purpose
            raise
        finally:
            self._lib = None
        self.signals.result.emit(report)


class Upkeep(QObject):
    """The window's link with the shared library: the watch, the session, the checks."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.watch = LibraryWatch(lambda: window.lib.conn, self)
        self.watch.changed.connect(self.refresh_from_elsewhere)
        self.refreshes = 0  # how many times other processes' changes were brought in
        self._session = False
        self.reason: str | None = None

    def start(self) -> None:
        """Record the session; start the integrity check in a worker if one is due."""
        from briefing.services import maintenance

        try:
            unclean = maintenance.begin_session(self.w.lib)
            self._session = True
            self.reason = maintenance.integrity_due(self.w.lib, unclean=unclean)
        except BriefingError as exc:
            log.warning("library upkeep skipped: %s", exc)
            return
        if self.reason is not None:
            log.info("checking the library's integrity (%s)", self.reason)
            job = IntegrityJob()
            job.signals.result.connect(self._checked)
            self.w.tracker.start(job)

    def _checked(self, report: object) -> None:
        problems = getattr(report, "problems", ())
        if problems:
            self.w.banner.show_message(
                f"{self.w.lib.database} failed its integrity check ({problems[0]}). Your data "
                "is still there; quit Briefing and start it again: the damaged file is then "
                "kept aside and a new library started.")

    def refresh_from_elsewhere(self, full: bool = True) -> None:
        """Bring in what another process changed: the open article's annotations and
        verdicts, the briefs, the review queue and (``full``) the library list, each
        through its own refresh entry point."""
        self.refreshes += 1
        w = self.w
        steps: list[Callable[[], object]] = [w.session.reload_annotations]
        if full:  # this process's own workers added articles: the new ones are enough
            own = not self.watch.elsewhere and hasattr(w.library, "refresh_new")
            steps.insert(0, w.library.refresh_new if own else w.library.refresh)
        integrations = getattr(w, "integrations", None)
        briefs = getattr(integrations, "briefs", None)
        if briefs is not None:
            steps.append(briefs.refresh)
        review = getattr(integrations, "review", None)
        if review is not None and review.isVisible():
            steps.append(review.reload)
        for step in steps:
            try:
                step()
            except BriefingError as exc:  # busy for too long, disk trouble: say so once
                log.warning("refreshing after another process's change: %s", exc)
                w.banner.show_message(str(exc))
                return

    def stop(self) -> None:
        """The reader quits cleanly: stop watching and end the session."""
        from briefing.services import maintenance

        self.watch.timer.stop()
        if self._session:
            self._session = False
            try:
                maintenance.end_session(self.w.lib)
            except BriefingError as exc:
                log.warning("could not end the reader's session: %s", exc)
