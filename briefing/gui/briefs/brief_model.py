"""List models of the brief panel: the briefs, and one brief's articles in their order.

Both hold plain rows from the services; the articles model reorders by drag and drop inside
its own view and reports the new order with ``order_changed`` (the panel saves it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from briefing.domain import Brief
from briefing.domain.library import ArticleRow
from briefing.gui.library.library_model import row_date
from briefing.gui.library.source_names import short_source

BRIEF_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROWS_MIME = "application/x-briefing-brief-rows"
Index = QModelIndex | QPersistentModelIndex


class BriefListModel(QAbstractListModel):
    """One row per brief: its title and article count."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._briefs: list[Brief] = []

    def set_briefs(self, briefs: list[Brief]) -> None:
        self.beginResetModel()
        self._briefs = list(briefs)
        self.endResetModel()

    def brief_at(self, row: int) -> Brief | None:
        return self._briefs[row] if 0 <= row < len(self._briefs) else None

    def row_for(self, brief_id: int) -> int:
        return next((i for i, b in enumerate(self._briefs) if b.id == brief_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._briefs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        brief = self.brief_at(index.row()) if index.isValid() else None
        if brief is None:
            return None
        count = len(brief.article_ids)
        articles = f"{count} article{'' if count == 1 else 's'}"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{brief.title}  ({count})"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{brief.title}, {articles}"
        if role == BRIEF_ID_ROLE:
            return brief.id
        return None


class BriefArticlesModel(QAbstractListModel):
    """The selected brief's articles, in order; rows can be dragged to a new place."""

    order_changed = Signal(list)  # article ids in the new order

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []

    def set_rows(self, rows: list[ArticleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def article_ids(self) -> list[int]:
        return [row.id for row in self._rows]

    def row_for(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == article_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {row.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{row.title}\n{short_source(row.source)} · {row_date(row)} · "
                    f"{row.word_count} words")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{index.row() + 1} of {len(self._rows)}: {row.title}"
        if role == ARTICLE_ID_ROLE:
            return row.id
        return None

    # drag and drop inside the list -----------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(ROWS_MIME, QByteArray(",".join(map(str, rows)).encode("ascii")))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(ROWS_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        """Moves the dragged rows before ``row`` (or onto ``parent``'s row, or to the end).

        Returns False on purpose: the move is done here, so the view must not also remove
        the source rows as it does after an accepted move between models.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(ROWS_MIME).data()).decode("ascii")
        rows = [int(r) for r in raw.split(",") if r.strip().isdigit()]
        rows = [r for r in rows if 0 <= r < len(self._rows)]
        if not rows:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        self.move_rows(rows, target)
        return False

    def moveRows(self, sourceParent: Index, sourceRow: int, count: int,
                 destinationParent: Index, destinationChild: int) -> bool:
        """Qt's move (used by QListView's internal drag): rows keep their selection."""
        size = len(self._rows)
        if sourceParent.isValid() or destinationParent.isValid() or count < 1:
            return False
        if sourceRow < 0 or sourceRow + count > size or not 0 <= destinationChild <= size:
            return False
        if sourceRow <= destinationChild <= sourceRow + count:
            return False  # onto itself
        if not self.beginMoveRows(QModelIndex(), sourceRow, sourceRow + count - 1,
                                  QModelIndex(), destinationChild):
            return False
        moving = self._rows[sourceRow:sourceRow + count]
        del self._rows[sourceRow:sourceRow + count]
        at = destinationChild - count if destinationChild > sourceRow else destinationChild
        self._rows[at:at] = moving
        self.endMoveRows()
        self._moved()
        return True

    def move_rows(self, rows: list[int], target: int) -> bool:
        """Move ``rows`` (kept in their order) to sit before ``target``; emits the new order."""
        moving = [self._rows[r] for r in sorted(rows)]
        keep = [r for i, r in enumerate(self._rows) if i not in set(rows)]
        insert_at = target - sum(1 for r in rows if r < target)
        new = keep[:insert_at] + moving + keep[insert_at:]
        if [r.id for r in new] == self.article_ids():
            return False
        self.layoutAboutToBeChanged.emit()
        old_ids = self.article_ids()
        self._rows = new
        position = {r.id: i for i, r in enumerate(new)}
        old_indexes = self.persistentIndexList()
        self.changePersistentIndexList(
            old_indexes,
            [self.index(position[old_ids[i.row()]], 0) if i.isValid() else QModelIndex()
             for i in old_indexes],
        )
        self.layoutChanged.emit()
        self._moved()
        return True

    def _moved(self) -> None:
        if self._rows:  # the "n." numbers of every row changed
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        self.order_changed.emit(self.article_ids())
