"""A list model over the sentences of one stored language-model result: supported sentences
carry the article span they came from (click to show it); unsupported ones are flagged with
colour, a warning icon and a tooltip naming the numbers and names the article lacks. The
same model shows a brief's summary, checked against all the brief's articles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from briefing.domain.llm_results import StoredBriefResult, StoredLlmResult, StoredSentence

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, end) in the article, or None
SUPPORTED_ROLE = Qt.ItemDataRole.UserRole + 2
UNSUPPORTED_TEXT = QColor("#7a2e00")
UNSUPPORTED_BACKGROUND = QColor("#ffe3c2")

Index = QModelIndex | QPersistentModelIndex


def sentence_tooltip(
    sentence: StoredSentence, linkable: bool, source: str = "the article"
) -> str:
    """``source`` names what was checked against; anything but "the article" (e.g. "the
    brief's articles") gives no click hint, as the sentence is not shown in one text."""
    if sentence.supported:
        score = f"Supported by {source} (match {sentence.score:.0%})"
        if source != "the article":
            return score + "."
        where = "click to show it in the article" if linkable and sentence.sources else (
            "the article has changed since, so it cannot be shown"
        )
        return f"{score}; {where}."
    lines = [f"Not supported by {source} (not verified; check before relying on it)."]
    if sentence.unsupported_numbers:
        lines.append(f"Numbers not in {source}: " + ", ".join(sentence.unsupported_numbers))
    if sentence.unsupported_names:
        lines.append(f"Names not in {source}: " + ", ".join(sentence.unsupported_names))
    if len(lines) == 1:
        lines.append(f"No close match in {source} (match {sentence.score:.0%}).")
    return "\n".join(lines)


class GroundedModel(QAbstractListModel):
    """Rows are the generated sentences of ``result`` in order."""

    def __init__(
        self, parent: Any = None, *, source: str = "the article", mark_text: bool = False
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.mark_text = mark_text  # also say "Unsupported:" in the shown text
        self.result: StoredLlmResult | StoredBriefResult | None = None
        self.linkable = False
        self._icons: dict[bool, Any] = {}

    def set_result(
        self, result: StoredLlmResult | StoredBriefResult | None, *, linkable: bool
    ) -> None:
        self.beginResetModel()
        self.result = result
        self.linkable = linkable
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.result is None:
            return 0
        return len(self.result.sentences)

    def _icon(self, supported: bool) -> Any:
        if supported not in self._icons:
            pixmap = (
                QStyle.StandardPixmap.SP_DialogApplyButton
                if supported
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            self._icons[supported] = QApplication.style().standardIcon(pixmap)
        return self._icons[supported]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.result is None or not index.isValid():
            return None
        sentence = self.result.sentences[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if self.mark_text and not sentence.supported:
                return f"Unsupported: {sentence.text}"
            return sentence.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return sentence.text if sentence.supported else f"Unsupported: {sentence.text}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(sentence.supported)
        if role == Qt.ItemDataRole.ToolTipRole:
            return sentence_tooltip(sentence, self.linkable, self.source)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return "supported" if sentence.supported else "unsupported"
        if role == Qt.ItemDataRole.ForegroundRole and not sentence.supported:
            return QBrush(UNSUPPORTED_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and not sentence.supported:
            return QBrush(UNSUPPORTED_BACKGROUND)
        if role == SUPPORTED_ROLE:
            return sentence.supported
        if role == SPAN_ROLE:
            if sentence.supported and self.linkable and sentence.sources:
                best = sentence.sources[0]
                return (best.start, best.end)
            return None
        return None
