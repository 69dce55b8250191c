"""Table model over the library listing (services.articles.list_articles) plus its filter proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from briefing.gui.source_names import short_source
from briefing.services.articles import ArticleRow

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS: tuple[str, ...] = ("Title", "Source", "Date", "Notes")
Index = QModelIndex | QPersistentModelIndex


def row_date(row: ArticleRow) -> str:
    return (row.published or row.imported_at or "")[:10]


class LibraryModel(QAbstractTableModel):
    """One row per article; the data is a list of ``ArticleRow`` from the services."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []

    def set_rows(self, rows: list[ArticleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ArticleRow]:
        return list(self._rows)

    def set_annotation_count(self, article_id: int, count: int) -> None:
        row = self.row_for(article_id)
        if row >= 0 and self._rows[row].annotation_count != count:
            from dataclasses import replace

            self._rows[row] = replace(self._rows[row], annotation_count=count)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_for(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == article_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ARTICLE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.title,
                short_source(row.source),
                row_date(row),
                f"✎{row.annotation_count}" if row.annotation_count else "",
            )[column]
        if role == SORT_ROLE:
            return (row.title.casefold(), short_source(row.source), row_date(row),
                    row.annotation_count)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{row.title}\n{row.source or 'pasted text'}\n"
                f"{row.word_count} words · {row.annotation_count} annotations"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {row.annotation_count} annotations"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class LibraryFilter(QSortFilterProxyModel):
    """Keeps the rows whose article id is in every active filter (search, tag, entity)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._allowed: set[int] | None = None
        self.setSortRole(SORT_ROLE)

    def set_allowed(self, allowed: set[int] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._allowed = allowed
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._allowed = allowed
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._allowed is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(ARTICLE_ID_ROLE) in self._allowed
