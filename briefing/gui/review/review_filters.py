"""The filter bar of review mode: brief, article, entity, kind, tag and verdict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from briefing.domain import CLAIM_KINDS, VERDICTS
from briefing.gui.panels.panel_models import clip
from briefing.gui.review.review_loader import BriefScope, QueueFilters
from briefing.services.review import ITEM_KINDS

SHOW_CHOICES: tuple[tuple[str, str | None, bool], ...] = (
    ("To review", None, False),
    ("Everything", None, True),
    *((v.capitalize(), v, True) for v in VERDICTS),
)
"""Verdict filter entries: (label, review_queue verdict, include decided items)."""


class FilterBar(QWidget):
    """``changed`` when the user picks another filter (the queue must be reloaded)."""

    changed = Signal()
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.brief = self._combo("Brief filter", [("All briefs", None)])
        self.article = self._combo("Article filter", [("All articles", None)])
        self.entity = QLineEdit()
        self.entity.setAccessibleName("Entity filter")
        self.entity.setPlaceholderText("Entity (Return)")
        self.entity.setClearButtonEnabled(True)
        self.entity.setMaximumWidth(170)
        self.entity.editingFinished.connect(self._entity_done)
        self._entity_text = ""
        kinds = [("All kinds", None)] + [
            (f"{k.capitalize()}s" if k in ITEM_KINDS else k.capitalize(), k)
            for k in ITEM_KINDS + CLAIM_KINDS
        ]
        self.kind = self._combo("Kind filter", kinds)
        self.tag = self._combo("Tag filter", [("All tags", None)])
        self.show_choice = self._combo(
            "Verdict filter", [(label, i) for i, (label, _v, _d) in enumerate(SHOW_CHOICES)]
        )
        self.reload = QToolButton()
        self.reload.setText("⟳")
        self.reload.setAccessibleName("Reload the review queue")
        self.reload.setToolTip("Reload the review queue")
        self.reload.clicked.connect(self.reload_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        for text, widget in (
            ("&Brief", self.brief), ("A&rticle", self.article), ("En&tity", self.entity),
            ("&Kind", self.kind), ("Ta&g", self.tag), ("&Show", self.show_choice),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.reload)
        self.article.setMaximumWidth(240)

    def _combo(self, name: str, entries: Sequence[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for label, value in entries:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i: self.changed.emit())
        return combo

    def _entity_done(self) -> None:
        text = self.entity.text().strip()
        if text != self._entity_text:
            self._entity_text = text
            self.changed.emit()

    def focus_order(self) -> list[QWidget]:
        return [self.brief, self.article, self.entity, self.kind, self.tag, self.show_choice,
                self.reload]

    def filters(self) -> QueueFilters:
        _label, verdict, include_decided = SHOW_CHOICES[int(self.show_choice.currentData())]
        return QueueFilters(
            brief_id=self.brief.currentData(),
            article_id=self.article.currentData(),
            entity=self.entity.text().strip() or None,
            kind=self.kind.currentData(),
            tag=self.tag.currentData(),
            verdict=verdict,
            include_decided=include_decided,
        )

    def set_choices(
        self, briefs: list[BriefScope], articles: list[tuple[int, str]], tags: list[str]
    ) -> None:
        """Refill brief/article/tag choices, keeping what is selected when still there."""
        self._refill(self.brief, "All briefs", [(b.title, b.id) for b in briefs])
        self._refill(self.article, "All articles", [(clip(t, 60), i) for i, t in articles])
        self._refill(self.tag, "All tags", [(t, t) for t in tags])

    @staticmethod
    def _refill(combo: QComboBox, everything: str, entries: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for label, value in entries:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def select_brief(self, brief_id: int | None) -> None:
        self.brief.setCurrentIndex(max(0, self.brief.findData(brief_id)))
