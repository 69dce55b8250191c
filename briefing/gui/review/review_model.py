"""The review queue as a Qt list model: ReviewItem rows in the order review_queue returns.

Decisions replace one row in place (``replace``); the queue is rebuilt only on reload, and
its rows arrive a page at a time (``fetchMore`` asks for the next one).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

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
    """Rows are loaded a page at a time: ``count`` is the size of the whole filtered queue,
    and when the view scrolls near the end ``more_wanted`` asks for the rows from the
    number loaded so far (once per page)."""

    more_wanted = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ReviewItem] = []
        self._rows: dict[str, int] = {}
        self.count = 0
        self._asked: int | None = None

    # filling -------------------------------------------------------------------------
    def set_items(self, items: list[ReviewItem], count: int | None = None) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._rows = {item.id: row for row, item in enumerate(self._items)}
        self.count = len(self._items) if count is None else max(count, len(self._items))
        self._asked = None
        self.endResetModel()

    def append(self, items: list[ReviewItem]) -> None:
        """Add a loaded page after the rows already there (items already listed are skipped)."""
        fresh = [item for item in items if item.id not in self._rows]
        self._asked = None
        if not fresh:
            self.count = len(self._items)  # the index ran dry: nothing more to ask for
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for row, item in enumerate(fresh, start=first):
            self._rows[item.id] = row
        self._items += fresh
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._items) < self.count

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self._asked != len(self._items):
            self._asked = len(self._items)
            self.more_wanted.emit(len(self._items))

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
