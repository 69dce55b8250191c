"""Table model over the library listing (services.articles.list_articles) plus its proxy:
sorting, filtering and incremental updates done in the model, sized for 100,000 rows."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from briefing.gui.library.source_names import short_source
from briefing.services.articles import ArticleRow

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS: tuple[str, ...] = ("Title", "Source", "Date", "Notes")
Index = QModelIndex | QPersistentModelIndex


def row_date(row: ArticleRow) -> str:
    """The publication date, or nothing: an import date is not a publication date (plain
    text and pasted articles have none), as in ``briefing list``."""
    return (row.published or "")[:10]


SortOrder = tuple[int, Qt.SortOrder]


def sort_key(row: ArticleRow, shown: tuple[str, str, str, str], column: int) -> tuple[Any, int]:
    """The key a column sorts by: the cell shown (titles and sources without case), ties by
    article id."""
    if column == 0 or column == 1:
        return shown[column].casefold(), row.id
    if column == 2:
        return shown[2], row.id
    return row.annotation_count, row.id


@dataclass(frozen=True, slots=True)
class Listing:
    """Rows with their cells and sort keys, in the order asked for: made by :func:`prepare`
    (in a worker for a large library) and applied to the model at once."""

    rows: list[ArticleRow]
    shown: list[tuple[str, str, str, str]]
    keys: list[tuple[Any, int]]
    order: SortOrder | None
    key_of: dict[int, tuple[Any, int]]  # article id -> its key
    newest: int  # the highest article id (0: none): found here, not on the GUI thread


def prepare(rows: Iterable[ArticleRow], order: SortOrder | None,
            cells: list[tuple[str, str, str, str]] | None = None) -> Listing:
    """The cells (unless given) and keys of ``rows``, sorted by ``order`` (None: as given).
    Qt-free work, safe in any thread."""
    listed = list(rows)
    shown = cells if cells is not None else [_shown(row) for row in listed]
    column = order[0] if order else 2
    keys = [sort_key(row, cells, column) for row, cells in zip(listed, shown, strict=True)]
    if order is not None:
        ranked = _sorted_indices(keys, order[1] == Qt.SortOrder.DescendingOrder)
        listed = [listed[i] for i in ranked]
        shown = [shown[i] for i in ranked]
        keys = [keys[i] for i in ranked]
    key_of = {row.id: key for row, key in zip(listed, keys, strict=True)}
    return Listing(listed, shown, keys, order, key_of, max(key_of, default=0))


SORT_CHUNK = 5_000
_ARTICLE_ID = attrgetter("id")
FEW_IDS = 600
"""Up to this many allowed ids (a search gives at most 500) are found by binary search
(~20 µs each); more by one pass over the rows (~10 ms at 100,000)."""


def _sorted_indices(keys: list[tuple[Any, int]], descending: bool) -> list[int]:
    """Indices of ``keys`` in sorted order. Sorted in chunks merged by ``heapq.merge``
    (Python code): one C-level sort of 100,000 keys would hold the interpreter lock for
    about 100 ms, and the GUI thread with it, when this runs in a worker."""
    chunks = [
        sorted(range(start, min(start + SORT_CHUNK, len(keys))), key=keys.__getitem__,
               reverse=descending)
        for start in range(0, len(keys), SORT_CHUNK)
    ]
    if len(chunks) == 1:
        return chunks[0]
    return list(heapq.merge(*chunks, key=keys.__getitem__, reverse=descending))


class LibraryModel(QAbstractTableModel):
    """One row per article; the data is a list of ``ArticleRow`` from the services.

    Built for libraries of 100,000 articles: the texts shown and the sort keys are computed
    once per listing (by :func:`prepare`, which may run in a worker), sorting happens here in
    Python (``sort``), not in the proxy, which would ask ``data()`` once per comparison, and
    so does filtering (``set_allowed``: one set look-up per row, never a Python
    ``filterAcceptsRow`` call per row). New and changed articles are put in place one row at
    a time (``upsert_rows``, ``remove_ids``): a refresh after an import does not rebuild it.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []
        self._shown: list[tuple[str, str, str, str]] = []
        self._keys: list[tuple[Any, int]] = []
        self._key_of: dict[int, tuple[Any, int]] = {}  # article id -> its sort key
        self._order: SortOrder | None = None  # the sort asked for last
        self._allowed: set[int] | None = None
        self._visible: list[int] | None = None  # indices into _rows shown (None: all)
        self._newest = 0  # the highest article id ever listed here (kept past a removal)

    # loading ---------------------------------------------------------------------------
    @property
    def order(self) -> SortOrder | None:
        return self._order

    def set_rows(self, rows: list[ArticleRow]) -> None:
        self.apply_listing(prepare(rows, self._order))

    def apply_listing(self, listing: Listing) -> None:
        """Show ``listing`` (re-sorted here only if the order changed meanwhile)."""
        if listing.order != self._order:
            listing = prepare(listing.rows, self._order)
        self.beginResetModel()
        self._rows, self._shown, self._keys = listing.rows, listing.shown, listing.keys
        self._key_of = listing.key_of
        self._newest = listing.newest
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        """The shown rows for the allowed set: a few allowed ids are found by binary search,
        many by one pass over the rows."""
        allowed = self._allowed
        if allowed is None:
            self._visible = None
        elif self._order is not None and len(allowed) <= FEW_IDS < len(self._rows) // 20:
            found = (self._index_of(article_id) for article_id in allowed)
            self._visible = sorted(i for i in found if i is not None)
        else:  # in C: a few milliseconds at 100,000 rows
            ids = map(_ARTICLE_ID, self._rows)
            self._visible = list(compress(range(len(self._rows)), map(allowed.__contains__, ids)))

    def upsert_rows(self, rows: Iterable[ArticleRow]) -> None:
        """Put new articles in their sorted place and update changed ones, row by row."""
        for row in rows:
            old = self._index_of(row.id)
            if old is not None and self._rows[old] == row:
                continue
            if old is not None:
                self._remove_at(old)
            self._insert(row)

    def remove_ids(self, ids: Iterable[int]) -> None:
        for article_id in ids:
            index = self._index_of(article_id)
            if index is not None:
                self._remove_at(index)

    def _index_of(self, article_id: int) -> int | None:
        """Where the article is in ``_rows``: a binary search on its sort key (unique: it
        ends with the id)."""
        key = self._key_of.get(article_id)
        if key is None:
            return None
        if self._order is None:
            return next(i for i, row in enumerate(self._rows) if row.id == article_id)
        return self._position(key)

    def _insert(self, row: ArticleRow) -> None:
        self._newest = max(self._newest, row.id)
        cells = _shown(row)
        key = sort_key(row, cells, self._order[0] if self._order else 2)
        index = self._position(key)
        shown_at: int | None = index
        if self._visible is not None:
            at = bisect.bisect_left(self._visible, index)
            for n in range(at, len(self._visible)):
                self._visible[n] += 1
            shown_at = at if self._allowed is not None and row.id in self._allowed else None
        if shown_at is not None:
            self.beginInsertRows(QModelIndex(), shown_at, shown_at)
        self._rows.insert(index, row)
        self._shown.insert(index, cells)
        self._keys.insert(index, key)
        self._key_of[row.id] = key
        if shown_at is not None:
            if self._visible is not None:
                self._visible.insert(shown_at, index)
            self.endInsertRows()

    def _remove_at(self, index: int) -> None:
        row = self._rows[index]
        shown_at = self._row_of(index)
        if shown_at >= 0:
            self.beginRemoveRows(QModelIndex(), shown_at, shown_at)
        del self._rows[index], self._shown[index], self._keys[index]
        del self._key_of[row.id]
        if self._visible is not None:
            if shown_at >= 0:
                del self._visible[shown_at]
            for n in range(bisect.bisect_left(self._visible, index), len(self._visible)):
                self._visible[n] -= 1
        if shown_at >= 0:
            self.endRemoveRows()

    def _position(self, key: tuple[Any, int]) -> int:
        """Where ``key`` goes (or is) in the sorted rows, either direction."""
        if self._order is None:
            return 0  # unsorted: newest first, as the listing comes
        descending = self._order[1] == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self._keys)
        while low < high:
            middle = (low + high) // 2
            before = self._keys[middle] > key if descending else self._keys[middle] < key
            if before:
                low = middle + 1
            else:
                high = middle
        return low

    def _row_of(self, index: int) -> int:
        """The shown row of ``_rows[index]`` (-1 when filtered out)."""
        if self._visible is None:
            return index
        at = bisect.bisect_left(self._visible, index)
        return at if at < len(self._visible) and self._visible[at] == index else -1

    # sorting and filtering -------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = [self.article_id_at(r) for r in range(self.rowCount())]
        listing = prepare(self._rows, self._order, self._shown)
        self._rows, self._shown, self._keys = listing.rows, listing.shown, listing.keys
        self._key_of = listing.key_of
        self._filter()
        old = self.persistentIndexList()  # the view's current and selected rows follow
        new = [self.index(self.row_for(before[i.row()]), i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def set_allowed(self, allowed: set[int] | None) -> None:
        """Show only the articles in ``allowed`` (None: all). The same filter again (the
        filters re-applied after a refresh) changes nothing: no reset, no re-layout."""
        if allowed == self._allowed:
            return
        self.beginResetModel()
        self._allowed = None if allowed is None else set(allowed)
        self._filter()
        self.endResetModel()

    # reading ---------------------------------------------------------------------------
    def rows(self) -> list[ArticleRow]:
        """Every row, shown or filtered out."""
        return list(self._rows)

    def newest(self) -> int:
        """The highest article id listed since the last whole listing (0: none); a removed
        article's id stays the mark (ids above it are new)."""
        return self._newest

    def first_ids(self, count: int) -> list[int]:
        """The ids of the first ``count`` rows in the model's order, shown or filtered out."""
        return [row.id for row in self._rows[:count]]

    def total(self) -> int:
        return len(self._rows)

    def _at(self, row: int) -> int:
        return row if self._visible is None else self._visible[row]

    def article_id_at(self, row: int) -> int:
        return self._rows[self._at(row)].id

    def set_annotation_count(self, article_id: int, count: int) -> None:
        index = self._index_of(article_id)
        if index is not None and self._rows[index].annotation_count != count:
            from dataclasses import replace

            self.upsert_rows([replace(self._rows[index], annotation_count=count)])

    def row_for(self, article_id: int) -> int:
        index = self._index_of(article_id)
        return -1 if index is None else self._row_of(index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) if self._visible is None else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        at = self._at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[at][column]
        row = self._rows[at]
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


class LibraryFilter(QIdentityProxyModel):
    """Passes sorting and filtering on to the library model (see :class:`LibraryModel`).
    An identity proxy: a sort-filter proxy would map every row of a 100,000-row model
    (calling the model's Python methods per row) after each reset."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, LibraryModel):
            source.sort(column, order)

    def set_allowed(self, allowed: set[int] | None) -> None:
        source = self.sourceModel()
        if isinstance(source, LibraryModel):
            source.set_allowed(allowed)
