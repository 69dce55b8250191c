"""Item models for the side panel, built from an Analysis and the user's annotations.

``SPAN_ROLE`` gives every item's primary span ``(start, end)`` in Python offsets,
``SPANS_ROLE`` all its spans (an entity's mentions), ``ITEM_ROLE`` the domain object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from briefing.domain import Span

SPAN_ROLE = Qt.ItemDataRole.UserRole + 10
SPANS_ROLE = Qt.ItemDataRole.UserRole + 11
ITEM_ROLE = Qt.ItemDataRole.UserRole + 12
Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SummaryModel(QAbstractListModel):
    """The sentences of one summary length, numbered, in article order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._spans: list[Span] = []

    def set_summary(self, text: str, spans: list[Span]) -> None:
        self.beginResetModel()
        self._text, self._spans = text, list(spans)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        span = self._spans[index.row()]
        sentence = self._text[span.start : span.end]
        if role == DISPLAY:
            return f"{index.row() + 1}  {sentence}"
        if role in (TOOLTIP, Qt.ItemDataRole.AccessibleTextRole):
            return sentence
        if role in (SPAN_ROLE, SPANS_ROLE):
            return (span.start, span.end) if role == SPAN_ROLE else [(span.start, span.end)]
        return None


@dataclass
class Row:
    """One node of a grouped tree: a heading (group) or a leaf item."""

    text: str
    tooltip: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    item: Any = None
    children: list[Row] = field(default_factory=list)
    color: str | None = None  # a swatch shown before the text
    parent: Row | None = None


class GroupedModel(QAbstractItemModel):
    """A two-level tree: headings with items under them (entities by type, notes by state)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = Row("")

    def set_groups(self, groups: list[Row]) -> None:
        self.beginResetModel()
        self._root = Row("", children=groups)
        for group in groups:
            group.parent = self._root
            for child in group.children:
                child.parent = group
        self.endResetModel()

    def groups(self) -> list[Row]:
        return list(self._root.children)

    def _row(self, index: Index) -> Row:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[no-any-return]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        owner = self._row(parent)
        if column != 0 or not 0 <= row < len(owner.children):
            return QModelIndex()
        return self.createIndex(row, 0, owner.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: Row = index.internalPointer()
        owner = node.parent
        if owner is None or owner is self._root or owner.parent is None:
            return QModelIndex()
        return self.createIndex(owner.parent.children.index(owner), 0, owner)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self._row(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        node = self._row(index)
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return node.text
        if role == TOOLTIP:
            return node.tooltip or None
        if role == SPAN_ROLE:
            return node.spans[0] if node.spans else None
        if role == SPANS_ROLE:
            return list(node.spans)
        if role == ITEM_ROLE:
            return node.item
        if role == Qt.ItemDataRole.DecorationRole and node.color:
            from PySide6.QtGui import QColor

            return QColor(node.color)
        if role == Qt.ItemDataRole.FontRole and node.children:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
