"""When the reader syncs (at start, shortly after each change, when the sync folder
changes, and every few minutes) and what the status bar says about it. Every pass runs on
the job pool; only small settings reads happen on the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

from briefing.services.syncing import SyncResult, reviewer_verdicts, sync_folder

if TYPE_CHECKING:
    from briefing.domain.verdicts import ReviewerVerdict
    from briefing.gui.shell.main_window import MainWindow

DEBOUNCE_MS = 2000
PERIOD_MS = 5 * 60 * 1000


def describe(result: SyncResult | None, waiting: int) -> str:
    """The status-bar text: last sync, items received, conflicts waiting."""
    if result is None:
        return "Sync: waiting"
    when = result.finished_at[11:16]
    parts = [f"Synced {when} UTC", f"{result.received} received"]
    if waiting:
        parts.append(f"{waiting} conflict{'s' if waiting != 1 else ''} waiting")
    if result.problems:
        parts.append(f"{len(result.problems)} unreadable")
    return " · ".join(parts)


class SyncController(QObject):
    synced = Signal(object)  # SyncResult

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.running = False
        self.again = False
        self.last: SyncResult | None = None
        self.folder: Path | None = None
        self.button = QToolButton(text="Sync off")
        self.button.setAccessibleName("Sync state")
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.open_panel)
        window.status.addPermanentWidget(self.button)
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self.sync_now)
        self.period = QTimer(self, interval=PERIOD_MS)
        self.period.timeout.connect(self.schedule)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.schedule())
        self.action = QAction("S&ync…", self)
        self.action.setStatusTip("Sync this library through a folder (Syncthing, Nextcloud…)")
        self.action.triggered.connect(self.open_panel)
        window.menus["&File"].addAction(self.action)
        window.session.annotations_changed.connect(self.schedule)
        window.session.annotations_changed.connect(self.show_reviewers)
        window.session.article_changed.connect(self.show_reviewers)
        window.panel_built.connect(lambda name: name == "claims" and self.show_reviewers())
        window.installEventFilter(self)
        self.configure()
        self.show_reviewers()

    def show_reviewers(self) -> None:
        """Other reviewers' verdicts in the claims panel (one small query, this article)."""
        panel = self.w.built_panel("claims")
        article = self.w.session.article
        if panel is None:
            return
        verdicts = reviewer_verdicts(self.w.lib, article.id) if article is not None else []
        panel.model.set_reviewers(reviewer_summaries(verdicts))  # type: ignore[attr-defined]

    # -------------------------------------------------------------------------- schedule
    def configure(self) -> None:
        """Follow the settings: watch the folder and sync now, or show that sync is off."""
        folder = self.folder = sync_folder(self.w.lib)
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        if folder is None:
            self.period.stop()
            self.button.setText("Sync off")
            self.button.setToolTip("Choose a sync folder to use this library on two computers")
            return
        self._watch(folder)
        self.period.start()
        self.button.setToolTip(f"Sync folder: {folder}")
        self.schedule(0)

    def _watch(self, folder: Path) -> None:
        devices = folder / "devices"
        paths = [str(folder), str(devices)]
        if devices.is_dir():
            paths += [str(p) for p in devices.iterdir() if p.is_dir()]
        present = set(self.watcher.directories())
        wanted = [p for p in paths if p not in present and Path(p).is_dir()]
        if wanted:
            self.watcher.addPaths(wanted)

    def schedule(self, delay: int = DEBOUNCE_MS) -> None:
        if self.folder is not None:
            self.debounce.start(delay)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.w and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        """The window closes: no more passes (one running finishes on its own)."""
        self.folder = None
        self.debounce.stop()
        self.period.stop()
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())

    def sync_now(self, keep: tuple[str, str] | None = None) -> None:
        if self.running:
            self.again = True
            return
        from briefing.gui.sync.jobs import SyncJob

        self.running = True
        self.button.setText("Syncing…")
        job = SyncJob(keep)
        job.signals.result.connect(self._done)
        job.signals.finished.connect(self._finished)
        self.w.tracker.start(job)

    def _done(self, result: SyncResult) -> None:
        if self.folder is None:  # shut down (or switched off) while the pass ran
            return
        self.last = result
        self.button.setText(describe(result, result.conflicts))
        tip = [f"Sync folder: {self.folder}", result.summary(), *result.problems]
        self.button.setToolTip("\n".join(tip))
        if self.folder is not None:
            self._watch(self.folder)
        if result.received:
            self.w.session.reload_annotations()
            if self.w.is_complete:
                self.w.library.refresh()
        self.synced.emit(result)

    def _finished(self) -> None:
        self.running = False
        if self.last is None:
            self.button.setText("Sync failed")
        if self.again:
            self.again = False
            self.schedule()

    # ---------------------------------------------------------------------------- dialogs
    def open_panel(self) -> None:
        from briefing.gui.sync.dialogs import SyncDialog

        dialog = SyncDialog(self.w.lib, self.last, self.w)
        dialog.keep_version.connect(lambda entity, version: self.sync_now((entity, version)))
        dialog.exec()
        self.configure()


def reviewer_summaries(
    verdicts: list[ReviewerVerdict],
) -> dict[tuple[int, int], tuple[str, list[str]]]:
    """Per claim span with another reviewer's verdict: the card's summary ("2 reviewers:
    supported / false") and one line per reviewer."""
    spans: dict[tuple[int, int], list[ReviewerVerdict]] = {}
    for verdict in verdicts:
        spans.setdefault((verdict.start, verdict.end), []).append(verdict)
    found = {}
    for span, panel in spans.items():
        if not any(v.reviewer for v in panel):
            continue
        count = f"{len(panel)} reviewer{'s' if len(panel) > 1 else ''}"
        summary = f"{count}: {' / '.join(v.verdict for v in panel)}"
        lines = [
            f"{v.reviewer_name or v.reviewer}: {v.verdict}" + (f" — {v.note}" if v.note else "")
            for v in panel
        ]
        found[span] = (summary, lines)
    return found
