"""Review mode: a keyboard-driven triage queue of claims without a verdict and annotations
tagged to check — filters, the queue list, the detail card, decisions with undo/redo,
progress per brief and the offer to export a brief once it is fully reviewed.

Keys (while focus is inside review mode, they take precedence over window shortcuts):
J/K next/previous, 1–4 verdicts in VERDICTS order, N note, E evidence, O open in the reader,
Ctrl+Z / Ctrl+Shift+Z undo/redo. Each decision is saved at once on this widget's own
Library (GUI thread); the queue itself is loaded in a QThreadPool worker with another.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import VERDICTS
from briefing.gui.review.evidence_dialog import EvidenceDialog
from briefing.gui.review.review_card import ReviewCard
from briefing.gui.review.review_commands import DecisionCommand
from briefing.gui.review.review_delegate import ReviewDelegate
from briefing.gui.review.review_filters import FilterBar
from briefing.gui.review.review_keys import TRIAGE_HELP, TriageActions, TriageKeys
from briefing.gui.review.review_loader import PageJob, QueueJob, QueueSnapshot, ReviewProgress
from briefing.gui.review.review_model import ReviewQueueModel
from briefing.gui.review.review_status import ExportBanner, progress_details, progress_text
from briefing.gui.widgets.banner import Banner
from briefing.gui.widgets.load_state import LoadState
from briefing.gui.workers import library_opener
from briefing.services import Library
from briefing.services.library import DATABASE_ERRORS
from briefing.services.review import ReviewItem, decide, evidence_candidates
from briefing.services.review_pages import QueueIndex


def _retire(index: QueueIndex) -> None:
    """Close an index no longer shown in a pool thread (it may wait for a page being read)."""
    QThreadPool.globalInstance().start(index.close)


class ReviewMode(QWidget):
    """The review page. ``open_article(article_id, start, end)`` asks the reader to show a
    span; ``export_brief_requested(brief_id)`` asks the window to export a brief;
    ``queue_loaded`` fires each time a (re)loaded queue is shown."""

    open_article = Signal(int, int, int)
    export_brief_requested = Signal(int)
    queue_loaded = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, open_library: Callable[[], Library] | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Review mode")
        self._open_library = open_library or library_opener()
        self._lib: Library | None = None
        self.advance_after_verdict = True
        self.undo_stack = QUndoStack(self)
        self.model = ReviewQueueModel(self)
        self.model.more_wanted.connect(self._load_more)
        self.progress = ReviewProgress()
        self._titles: dict[int, str] = {}
        self._articles: list[tuple[int, str]] = []
        self._generation = 0
        self._edits = 0
        self._edits_at_start: dict[int, int] = {}
        self._jobs: dict[int, QueueJob] = {}
        self._index: QueueSnapshot | None = None  # the shown load: its index serves pages
        self._loaded_once = False
        self.evidence_dialog: EvidenceDialog | None = None
        self._build()
        self.keys = TriageKeys(TriageActions(
            step=self.step, verdict=self.set_verdict, note=self.edit_note,
            evidence=self.choose_evidence, open=self.open_current,
            undo=self.undo_stack.undo, redo=self.undo_stack.redo,
        ))

    # layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.filters = FilterBar()
        self.filters.changed.connect(lambda: self.reload(rebuild=False))
        self.filters.reload_requested.connect(self.reload)
        self.banner = Banner()
        self.export_banner = ExportBanner()
        self.export_banner.export_requested.connect(self.export_brief_requested)
        self.list = QListView()
        self.list.setAccessibleName("Review queue")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ReviewDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.installEventFilter(self)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.doubleClicked.connect(lambda _i: self.open_current())
        self.card = ReviewCard(self._titles.get, reviewers=self._desk_verdicts)
        self.card.note_submitted.connect(self._note_submitted)
        self.card.note_closed.connect(lambda: self.list.setFocus(Qt.FocusReason.OtherFocusReason))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([560, 440])
        splitter.setChildrenCollapsible(False)
        self.buttons = self._make_buttons()
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Review progress")
        self.busy = QProgressBar()
        self.busy.setAccessibleName("Loading the review queue")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.load_state = LoadState("", "Review queue status")  # a failed load, with Retry
        self.load_state.hide()
        bottom = QHBoxLayout()
        bottom.setContentsMargins(8, 4, 8, 6)
        for button in self.buttons:
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.busy)
        bottom.addWidget(self.progress_label)
        self.help_label = QLabel(TRIAGE_HELP)
        self.help_label.setAccessibleName("Review keys")
        self.help_label.setContentsMargins(8, 0, 8, 0)
        self.help_label.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.export_banner)
        layout.addWidget(self.load_state)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.help_label)
        layout.addLayout(bottom)
        chain = [*self.filters.focus_order(), self.list, *self.buttons, self.card.note_editor]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.list)

    def _make_buttons(self) -> list[QWidget]:
        buttons: list[QWidget] = []
        for number, verdict in enumerate(VERDICTS, start=1):
            buttons.append(self._button(f"&{number} {verdict.capitalize()}",
                                        f"Mark as {verdict} ({number})",
                                        partial(self.set_verdict, verdict)))
        buttons.append(self._button("Note…", "Add or edit the note (N)", self.edit_note))
        buttons.append(self._button("Evidence…", "Set the evidence (E)", self.choose_evidence))
        buttons.append(self._button("Open", "Open the article at this span (O)",
                                    self.open_current))
        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        self.redo_action = self.undo_stack.createRedoAction(self, "Redo")
        for action, name in ((self.undo_action, "Undo decision (Ctrl+Z)"),
                             (self.redo_action, "Redo decision (Ctrl+Shift+Z)")):
            tool = QToolButton()
            tool.setDefaultAction(action)
            tool.setAccessibleName(name)
            tool.setToolTip(name)
            buttons.append(tool)
        return buttons

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: slot())
        return button

    # keys --------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Claim the triage keys before window-wide shortcuts (the reader's J/K/1–5/N) see them.
        if event.type() == QEvent.Type.ShortcutOverride and self.keys.action_for(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.keys.action_for(event)
        if action is None:
            super().keyPressEvent(event)
            return
        event.accept()
        action()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            action = self.keys.action_for(event)
            if action is not None:  # before the list's type-ahead search sees the letter
                action()
                return True
        return super().eventFilter(watched, event)

    # loading -----------------------------------------------------------------------------
    def library(self) -> Library:
        """This widget's GUI-thread Library (opened on first use)."""
        if self._lib is None:
            self._lib = self._open_library()
        return self._lib

    def _desk_verdicts(self, item: ReviewItem) -> list[dict[str, str]]:
        """Every reviewer's verdict on the claim ``item`` (one indexed query)."""
        from briefing.domain import Span
        from briefing.services.syncing import claim_verdicts

        try:
            return claim_verdicts(self.library(), item.article_id, Span(item.start, item.end))
        except DATABASE_ERRORS:
            return []

    def reload(self, *, rebuild: bool = True) -> None:
        """Reload the queue with the current filters (in a worker); keeps the current item.
        Without ``rebuild`` the shown index is reused for the same entity (decisions taken
        here are noted in it): a filter change is then a few SQL queries."""
        self._generation += 1
        for job in self._jobs.values():
            job.cancel()
        filters = self.filters.filters()
        shown = self._index
        reuse = (
            shown.index
            if not rebuild and shown is not None and not shown.index.closed
            and shown.filters.entity == filters.entity
            else None
        )
        job = QueueJob(self._open_library, filters, self._generation, reuse=reuse)
        job.signals.result.connect(self._on_loaded)
        job.signals.error.connect(self._on_load_error)
        job.signals.finished.connect(lambda j=job: self._job_finished(j))
        self._jobs[id(job)] = job
        self._edits_at_start[self._generation] = self._edits
        self._loaded_once = True
        self.busy.show()
        QThreadPool.globalInstance().start(job)

    def _load_more(self, offset: int) -> None:
        """The view scrolled near the end of the loaded rows: read the next page."""
        if self._index is None:
            return
        job = PageJob(self._index.index, self._index.filters, offset, self._generation)
        job.signals.result.connect(self._on_page)
        job.signals.error.connect(self.show_error)
        QThreadPool.globalInstance().start(job)

    def _on_page(self, loaded: tuple[int, int, list[ReviewItem]]) -> None:
        generation, offset, items = loaded
        if generation == self._generation and offset == self.model.rowCount():
            self.progress.saw(items)
            self.model.append(items)

    def is_loading(self) -> bool:
        return bool(self._jobs)

    def _job_finished(self, job: QueueJob) -> None:
        self._jobs.pop(id(job), None)
        if shiboken6.isValid(self.busy):  # a job may end after the page was destroyed
            self.busy.setVisible(bool(self._jobs))

    def _on_load_error(self, text: str) -> None:
        self.load_state.failed(f"The review queue could not be loaded: {text}", self.reload)
        self.load_state.show()

    def _on_loaded(self, snapshot: QueueSnapshot) -> None:
        shown = self._index.index if self._index is not None else None
        if snapshot.generation != self._generation:
            if snapshot.index is not shown:
                _retire(snapshot.index)
            return  # a newer reload is on its way
        reused = snapshot.index is shown  # decisions taken meanwhile were noted in it
        if shown is not None and not reused:  # a fresh one replaces it
            _retire(shown)
        self._index = snapshot
        self.load_state.hide()
        keep = self.current_item()
        self.model.set_items(snapshot.items, snapshot.count)
        self.progress = ReviewProgress(snapshot.total, snapshot.decided, list(snapshot.briefs),
                                       snapshot.index.members)
        self.progress.saw(snapshot.items)
        self._articles = list(snapshot.articles)
        self._titles.clear()
        self._titles.update(snapshot.articles)
        self.filters.set_choices(snapshot.briefs, snapshot.articles, snapshot.tags)
        row = self.model.row_of(keep.id) if keep is not None else None
        if row is None and self.model.rowCount():
            row = 0 if not self.model.items()[0].decided else self.model.next_undecided(0)
        self._select(row if row is not None else 0)
        if self.model.rowCount() == 0:
            self.card.show_item(None)
        self._show_progress()
        if self._edits != self._edits_at_start.pop(snapshot.generation, self._edits):
            self.reload(rebuild=not reused)  # a decision landed while the worker read
            return
        self.queue_loaded.emit()

    # current item ------------------------------------------------------------------------
    def current_item(self) -> ReviewItem | None:
        return self.model.item(self.list.currentIndex().row())

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row))  # auto-scrolls to it

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.card.close_note_editor()
        self.card.show_item(self.model.item(current.row()))

    def step(self, delta: int) -> None:
        row = self.list.currentIndex().row()
        self._select(max(0, min(self.model.rowCount() - 1, row + delta)))

    def open_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_article.emit(item.article_id, item.start, item.end)

    # decisions ---------------------------------------------------------------------------
    def set_verdict(self, verdict: str) -> None:
        item = self.current_item()
        if item is not None:
            self._decide(item, verdict, advance=self.advance_after_verdict)

    def edit_note(self) -> None:
        if self.current_item() is not None:
            self.card.edit_note()

    def _note_submitted(self, text: str) -> None:
        item = self.current_item()
        if item is not None and text != item.note:
            self._decide(item, item.verdict, note=text)

    def choose_evidence(self) -> None:
        item = self.current_item()
        if item is None or self.evidence_dialog is not None:
            return
        try:
            candidates = evidence_candidates(self.library(), item)
        except DATABASE_ERRORS as exc:
            self.show_error(str(exc))
            return
        dialog = EvidenceDialog(item, candidates, self._articles, self)
        dialog.finished.connect(lambda result, i=item: self._evidence_chosen(i, result))
        self.evidence_dialog = dialog
        dialog.open()

    def _evidence_chosen(self, item: ReviewItem, result: int) -> None:
        dialog, self.evidence_dialog = self.evidence_dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        row = self.model.row_of(item.id)
        latest = self.model.item(row) if row is not None else item
        if result == QDialog.DialogCode.Accepted and latest is not None:
            value = dialog.evidence()
            if value != (latest.evidence or ""):
                self._decide(latest, latest.verdict, evidence=value)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _decide(
        self, item: ReviewItem, verdict: str | None, *, note: str | None = None,
        evidence: str | None = None, advance: bool = False,
    ) -> None:
        try:
            after = decide(self.library(), item, verdict, note=note, evidence=evidence)
        except DATABASE_ERRORS as exc:
            self.show_error(str(exc))
            return
        self._edits += 1
        self.undo_stack.push(DecisionCommand(self, item, after))
        row = self.model.row_of(item.id)
        if advance and row is not None:
            following = self.model.next_undecided(row)
            if following is not None:
                self._select(following)
            elif not self.export_banner.isVisible():
                self.banner.show_message("Every item in this view is decided.", kind="info",
                                         timeout_ms=6000)

    # DecisionHost --------------------------------------------------------------------------
    def apply_item(self, item: ReviewItem, *, select: bool) -> None:
        """Show a saved state of ``item`` (after a decision, an undo or a redo)."""
        self._edits += 1
        row = self.model.replace(item)
        if self._index is not None:
            self._index.index.note(item)
        completed = self.progress.set_decided(item)
        for brief_id in completed:
            left, total = next(
                (self.progress.brief(b) for b in self.progress.briefs if b.id == brief_id),
                (0, 0),
            )
            self.export_banner.offer(brief_id, self.progress.title(brief_id), total - left)
        banner_brief = self.export_banner.brief_id
        if banner_brief is not None and not self.progress.complete(banner_brief):
            self.export_banner.withdraw(banner_brief)
        self._show_progress()
        if row is None:
            return
        if select:
            self._select(row)
        if row == self.list.currentIndex().row():
            self.card.show_item(item)

    def show_error(self, text: str) -> None:
        self.banner.show_message(text)

    def _show_progress(self) -> None:
        self.progress_label.setText(progress_text(self.progress, self.filters.brief.currentData()))
        self.progress_label.setToolTip(progress_details(self.progress))
        self.progress_label.setAccessibleDescription(progress_details(self.progress))

    # life cycle ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Each time the page is shown (not on window restore) the queue is reloaded, so
        what was changed in the reader meanwhile is there."""
        super().showEvent(event)
        if not event.spontaneous() or not self._loaded_once:
            self.reload()

    def shutdown(self) -> None:
        """Cancel loading and close this widget's Library (call when the window closes)."""
        for job in self._jobs.values():
            job.cancel()
        if self._index is not None:
            self._index.index.close()
            self._index = None
        if self._lib is not None:
            self._lib.close()
            self._lib = None
