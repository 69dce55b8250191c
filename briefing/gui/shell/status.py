"""Status bar: which engine produced what is shown, counts, and background work with cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

if TYPE_CHECKING:
    from briefing.domain import Analysis, Article
    from briefing.gui.jobs import JobTracker


def describe(article: Article | None, analysis: Analysis | None, notes: int) -> str:
    if article is None:
        return "No article open"
    if analysis is None:
        return f"{article.word_count} words · analysing…"
    return " · ".join([
        f"Analysed offline · {analysis.engine.label}", _count(len(analysis.entities), "entity",
                                                              "entities"),
        _count(len(analysis.claims), "claim"), _count(notes, "note"),
    ])


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


class StatusBar(QStatusBar):
    def __init__(self, tracker: JobTracker) -> None:
        super().__init__()
        self.tracker = tracker
        self.info = QLabel()
        self.info.setAccessibleName("Analysis status")
        self.work = QLabel()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Background work progress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.cancel = QToolButton(text="Cancel")
        self.cancel.setAccessibleName("Cancel background work")
        self.cancel.setToolTip("Cancel background work (Esc)")
        self.cancel.clicked.connect(tracker.cancel_all)
        for widget in (self.work, self.progress, self.cancel):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # showing them must not re-lay out the bar
            widget.setSizePolicy(policy)
        self.work.setMinimumWidth(self.work.fontMetrics().horizontalAdvance("Importing 100/100"))
        self.addWidget(self.info, 1)
        self.addPermanentWidget(self.work)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel)
        self._shown_busy: bool | None = None
        self._shown_range = (-1, -1)
        tracker.changed.connect(self._update_work)
        self._update_work()

    def set_article(self, article: Article | None, analysis: Analysis | None, notes: int) -> None:
        self.info.setText(describe(article, analysis, notes))

    def _update_work(self) -> None:
        """Only touch what changed: showing/hiding status widgets re-lays out the bar."""
        label, done, total = self.tracker.summary()
        busy = self.tracker.is_busy()
        if busy != self._shown_busy:
            self._shown_busy = busy
            for widget in (self.work, self.progress, self.cancel):
                widget.setVisible(busy)
        if not busy:
            return
        text = f"{label} {done}/{total}" if total > 1 else f"{label}…"
        if self.work.text() != text:
            self.work.setText(text)
        wanted = (0, total if total > 1 else 0)
        if wanted != self._shown_range:
            self._shown_range = wanted
            self.progress.setRange(*wanted)
        if total > 1:
            self.progress.setValue(done)
