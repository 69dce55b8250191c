"""The review queue as a Qt list model: ReviewItem rows in the order review_queue returns.

Decisions replace one row in place (``replace``); the queue is rebuilt only on reload.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from briefing.gui.panels.panel_models import clip
from briefing.services.review import ReviewItem

ITEM_ROLE = Qt.ItemDataRole.UserRole + 20
DECIDED_ROLE = Qt.ItemDataRole.UserRole + 21
Index = QModelIndex | QPersistentModelIndex

VERDICT_MARKS: dict[str | None, str] = {
    None: "○",
    "supported": "✓",
    "disputed": "≈",
    "false": "✗",
    "unverified": "?",
}


def kind_label(item: ReviewItem) -> str:
    """"statistic claim", "flagged annotation (quote)"…"""
    if item.kind == "claim":
        return f"{item.claim_kind or 'other'} claim"
    return f"flagged annotation ({item.claim_kind})" if item.claim_kind else "flagged annotation"


def row_text(item: ReviewItem) -> str:
    verdict = item.verdict or "to review"
    return (
        f"{VERDICT_MARKS.get(item.verdict, '•')} {clip(item.quote, 120)}\n"
        f"{item.score:.2f} · {kind_label(item)} · {clip(item.article_title, 40)} · {verdict}"
    )


class ReviewQueueModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ReviewItem] = []
        self._rows: dict[str, int] = {}

    # filling -------------------------------------------------------------------------
    def set_items(self, items: list[ReviewItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._rows = {item.id: row for row, item in enumerate(self._items)}
        self.endResetModel()

    def replace(self, item: ReviewItem) -> int | None:
        """Put ``item`` where the row with its id is; returns that row (None: not listed)."""
        row = self._rows.get(item.id)
        if row is None:
            return None
        self._items[row] = item
        index = self.index(row)
        self.dataChanged.emit(index, index)
        return row

    # reading -------------------------------------------------------------------------
    def items(self) -> list[ReviewItem]:
        return list(self._items)

    def item(self, row: int) -> ReviewItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: str) -> int | None:
        return self._rows.get(item_id)

    def next_undecided(self, row: int) -> int | None:
        """The first undecided row after ``row``, wrapping round; None when all are decided."""
        count = len(self._items)
        for step in range(1, count + 1):
            candidate = (row + step) % count
            if not self._items[candidate].decided:
                return candidate
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.quote
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.verdict or 'to review'}: {kind_label(item)}, {item.quote}"
        if role == ITEM_ROLE:
            return item
        if role == DECIDED_ROLE:
            return item.decided
        return None
