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
COLUMNS: tuple[str, ...] = ("Title", "Source", "Date", "Notes")
Index = QModelIndex | QPersistentModelIndex


def row_date(row: ArticleRow) -> str:
    """The publication date, or nothing: an import date is not a publication date (plain
    text and pasted articles have none), as in ``briefing list``."""
    return (row.published or "")[:10]


class LibraryModel(QAbstractTableModel):
    """One row per article; the data is a list of ``ArticleRow`` from the services.

    Built for libraries of thousands of articles: the texts shown and the sort keys are
    computed once per listing, and sorting happens here in Python (``sort``), not in the
    proxy, which would ask ``data()`` once per comparison (Qt's advice for large models).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []
        self._shown: list[tuple[str, str, str, str]] = []
        self._rank: dict[int, int] = {}  # article id -> row
        self._order: tuple[int, Qt.SortOrder] | None = None  # the sort asked for last

    def set_rows(self, rows: list[ArticleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = [_shown(row) for row in self._rows]
        if self._order is not None:
            self._reorder(*self._order)
        self._rank = {row.id: i for i, row in enumerate(self._rows)}
        self.endResetModel()

    def _reorder(self, column: int, order: Qt.SortOrder) -> None:
        """Sort rows and their cells together, by the cell shown (titles and sources
        without case), ties by article id; the cells are not worked out again."""
        rows, shown = self._rows, self._shown

        def key(i: int) -> tuple[Any, int]:
            if column == 0 or column == 1:
                return shown[i][column].casefold(), rows[i].id
            if column == 2:
                return shown[i][2], rows[i].id
            return rows[i].annotation_count, rows[i].id

        ranked = sorted(range(len(rows)), key=key,
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [rows[i] for i in ranked]
        self._shown = [shown[i] for i in ranked]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = [row.id for row in self._rows]
        self._reorder(column, order)
        self._rank = {row.id: i for i, row in enumerate(self._rows)}
        old = self.persistentIndexList()  # the view's current and selected rows follow
        new = [self.index(self._rank[before[i.row()]], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def rows(self) -> list[ArticleRow]:
        return list(self._rows)

    def article_id_at(self, row: int) -> int:
        return self._rows[row].id

    def set_annotation_count(self, article_id: int, count: int) -> None:
        row = self.row_for(article_id)
        if row >= 0 and self._rows[row].annotation_count != count:
            from dataclasses import replace

            self._rows[row] = replace(self._rows[row], annotation_count=count)
            self._shown[row] = _shown(self._rows[row])
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_for(self, article_id: int) -> int:
        return self._rank.get(article_id, -1)

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
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][column]
        row = self._rows[index.row()]
        if role == ARTICLE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{row.title}\n{row.source or 'pasted text'}\n"
                f"{row.word_count} words · {row.annotation_count} annotations"
                f"\nimported {row.imported_at[:10]}"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {row.annotation_count} annotations"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _shown(row: ArticleRow) -> tuple[str, str, str, str]:
    """The four cells of a row as displayed."""
    notes = f"✎{row.annotation_count}" if row.annotation_count else ""
    return (row.title, short_source(row.source), row_date(row), notes)


class LibraryFilter(QSortFilterProxyModel):
    """Keeps the rows whose article id is in every active filter (search, tag, entity).
    Sorting is passed on to the library model (see :class:`LibraryModel`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._allowed: set[int] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, LibraryModel):
            source.sort(column, order)

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
        source = self.sourceModel()
        assert isinstance(source, LibraryModel)
        return source.article_id_at(source_row) in self._allowed
