"""Summary tab: headline / short / brief switch and the summary's sentences."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

from briefing.domain import SUMMARY_LENGTHS, Analysis
from briefing.gui.panels.panel_base import PanelBase
from briefing.gui.panels.panel_models import SPAN_ROLE, SummaryModel


class WrapDelegate(QStyledItemDelegate):
    """Row heights from the text wrapped at the list's current width (QListView's own
    estimate elides long sentences)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = max(80, self.view.viewport().width() - 2 * self.view.spacing() - 12)
        text = str(index.data() or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
        return QSize(width, rect.height() + 8)


class SummaryPanel(PanelBase):
    length_changed = Signal(str)

    def __init__(self, length: str = "short") -> None:
        super().__init__()
        self.setAccessibleName("Summary")
        self._text = ""
        self._analysis: Analysis | None = None
        self.model = SummaryModel(self)
        self.buttons = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(0)
        for i, name in enumerate(SUMMARY_LENGTHS):
            button = QPushButton(name.capitalize(), objectName="segment")
            button.setCheckable(True)
            button.setAccessibleName(f"{name} summary")
            self.buttons.addButton(button, i)
            row.addWidget(button)
        row.addStretch(1)
        self.length = length if length in SUMMARY_LENGTHS else "short"
        self.buttons.button(SUMMARY_LENGTHS.index(self.length)).setChecked(True)
        self.buttons.idClicked.connect(self._switch)
        self.view = QListView()
        self.view.setAccessibleName("Summary sentences")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSpacing(6)
        font = self.view.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.view.setFont(font)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap on resize
        self.view.setItemDelegate(WrapDelegate(self.view))
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        from briefing.gui.widgets.empty_hint import EmptyHint

        self.hint = EmptyHint(self.view, self._hint)
        self.notice = QLabel()  # "Entities and claims: English only" for other languages
        self.notice.setAccessibleName("Language notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)

    def set_analysis(self, text: str, analysis: Analysis | None) -> None:
        self._text, self._analysis = text, analysis
        notice = analysis.layer_notice() if analysis else ""
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        spans = analysis.summary_spans(self.length) if analysis else []
        self.model.set_summary(text, spans)

    def _hint(self) -> str:
        if not self._text:
            return ("No article open. Its summary appears here: open one from the library, "
                    "or with File → Open (Ctrl+O).")
        if self._analysis is None:
            return "The summary appears here once the article is analysed."
        return "No summary sentences at this length: try a longer one."

    def _switch(self, button_id: int) -> None:
        self.length = SUMMARY_LENGTHS[button_id]
        self.set_analysis(self._text, self._analysis)
        self.length_changed.emit(self.length)

    def _clicked(self, index: QModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span:
            self.reveal.emit(*span)

    def mark_span(self, start: int, end: int) -> int:
        return self.mark_overlapping(self.view, start, end)
