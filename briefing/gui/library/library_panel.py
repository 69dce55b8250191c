"""The library list on the left: search (FTS via services), tag/entity filters, sortable table;
reading, searching and indexing done in workers for a large library (see library_tasks)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.gui_settings import GuiSettings
from briefing.gui.library.filters import LibraryFilters
from briefing.gui.library.library_model import (
    ARTICLE_ID_ROLE,
    LibraryFilter,
    LibraryModel,
    Listing,
)
from briefing.gui.library.library_tasks import (
    ADDED_AT_ONCE,
    FIRST_PAGE,
    FIRST_SCREEN_ORDER,
    SYNC_ROWS,
    Changes,
    Tasks,
    first_page,
    first_screen,
    listing_changes,
    read_added,
    read_changes,
    search_ids,
)
from briefing.gui.workers import Facets
from briefing.services import Library
from briefing.services import articles as article_service
from briefing.services.articles import ArticleRow
from briefing.services.library import DATABASE_ERRORS

UPSERT_SLICE = 50
"""Rows put in place per event-loop turn after a refresh."""

SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class LibraryView(QTableView):
    """The list of articles: a table view, whose work does not grow with the number of rows
    (a tree view lays out every row after each reset: over a second at 100,000 rows).
    ``header()`` is the column header, as on a tree view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)

    def header(self) -> QHeaderView:
        return self.horizontalHeader()


class LibraryPanel(QWidget):
    """Emits ``article_chosen(id)`` when the user picks an article."""

    article_chosen = Signal(int)
    refreshed = Signal()  # the list shows the library as read by the last refresh()
    brought_in = Signal()  # articles read by id were put in the list (refresh_ids)
    rename_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, lib: Library, parent: QWidget | None = None,
                 settings: GuiSettings | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.settings = settings  # where the first screen is remembered (None: nowhere)
        self.setObjectName("libraryPanel")
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._search_ids: set[int] | None = None
        self._pending_select: int | None = None
        self._partial = False  # the list shows only its first page, the rest being read
        self._after_load: list[int] = []  # ids to bring in once the whole list is read
        self._again = ""  # "", "new" or "all": a refresh asked for while it was read
        self._tasks = Tasks()
        self.destroyed.connect(lambda _o=None, tasks=self._tasks: tasks.close())

        self.search = QLineEdit(objectName="librarySearch")
        self.search.setPlaceholderText("Search library…  Ctrl+K")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search library")
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_search)

        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName("Filter by tag")
        self.entity_filter = QComboBox()
        self.entity_filter.setAccessibleName("Filter by entity")
        for combo in (self.tag_filter, self.entity_filter):
            combo.currentIndexChanged.connect(lambda _i: self._refilter())
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.filters = LibraryFilters(
            lib, self.tag_filter, self.entity_filter, self._tasks,
            lambda: article_service.library_size(self.lib) > SYNC_ROWS, self._refilter,
        )  # fmt: skip

        self.view = LibraryView()
        self.view.setAccessibleName("Library articles")
        self.view.setModel(self.proxy)
        from briefing.gui.widgets.bidi_delegate import BidiDelegate

        self.view.setItemDelegateForColumn(0, BidiDelegate(self.view))  # RTL titles elide right
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font: ResizeToContents would query every row on each reset.
        metrics = self.view.fontMetrics()
        for column, sample in ((1, "example.org.uk"), (2, "2026-12-31"), (3, "Notes")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 10)
        header.setSectionHidden(1, True)
        self.view.activated.connect(self._chosen)
        self.view.clicked.connect(self._chosen)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, signal in (("Rename…", self.rename_requested),
                             ("Delete from Library…", self.delete_requested)):
            action = QAction(text, self.view)
            action.triggered.connect(lambda _c=False, s=signal: self._emit_current(s))
            self.view.addAction(action)
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tag_filter)
        layout.addWidget(self.entity_filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.search, self.tag_filter)
        self.setTabOrder(self.tag_filter, self.entity_filter)
        self.setTabOrder(self.entity_filter, self.view)
        from briefing.gui.library.search_keys import SearchKeys

        SearchKeys(self.search, self.view, self.apply_search, self._chosen)  # type: ignore[arg-type]

    # data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the listing from the library (keeps the current selection). A small library
        is read here; a large one in a worker, and then only the new, changed and removed
        articles are put in place, row by row (the whole list only after big changes). An
        empty list first gets its first screen from the database (see ``first_page``)."""
        current = self.current_article_id()
        if current is not None:
            self._pending_select = current
        if article_service.library_size(self.lib) <= SYNC_ROWS:
            self._tasks.cancel("first page")
            self._tasks.cancel("listing")
            self._after_load, self._again = [], ""
            known = self.model.rows()
            self._apply_changes(listing_changes(article_service.list_articles(self.lib), known,
                                                self.model.order))
            return
        if self._loading():  # read again once the whole list is in (not restarted)
            self._again = "all"
            return
        known = self.model.rows()
        if self.model.total() == 0:
            remembered = (self.settings.first_screen(self.lib.database)
                          if self.settings is not None else None)
            shown = self._first_screen_here(remembered)
            if shown is not None:  # at once, as a small library's whole list is
                self._apply_first(shown)
            else:
                self._tasks.start("first page", first_page(self.model.order, remembered),
                                  self._apply_first, "Reading the library list")
        self._tasks.start("listing", read_changes(known, self.model.order),
                          self._apply_changes, "Reading the library list")

    def _first_screen_here(self, remembered: tuple[int, list[int]] | None) -> Listing | None:
        """The first screen read on this thread: a few hundred rows by id, plus at most
        ``ADDED_AT_ONCE`` added since (more: the first rows by date, from their index),
        milliseconds (read by a worker, it waited behind the whole list's read and the
        start-up's other threads for a tenth of a second or more at 100,000). None when the
        order is not by date or the library cannot be read now (a worker tries then)."""
        try:
            return first_screen(self.lib, self.model.order, remembered, ADDED_AT_ONCE)
        except DATABASE_ERRORS:
            return None

    def _loading(self) -> bool:
        """Whether the whole list is being read for an empty or partial list."""
        return (self._partial or self.model.total() == 0) and self._tasks.busy_with("listing")

    def refresh_new(self) -> None:
        """Bring in the articles added since the list was read (this process's workers
        added some): for a large library, read by id in a worker, the whole listing only if
        the number of articles tells of other changes."""
        if self._loading():
            self._again = self._again or "new"
            return
        if (self._tasks.busy_with("listing") or self.model.total() == 0
                or article_service.library_size(self.lib) <= SYNC_ROWS):
            self.refresh()
            return
        current = self.current_article_id()
        if current is not None:
            self._pending_select = current
        added = read_added(self.model.rows(), self.model.order, self.model.newest())
        self._tasks.start("listing", added, self._apply_changes, "Reading the library list")

    def refresh_ids(self, ids: list[int]) -> None:
        """Bring in the articles ``ids`` only (just imported, changed or removed): read by id
        and put in place row by row, without reading the whole library. While the whole
        list is being read, they are put in place after it."""
        if self._loading():  # put in place once the whole list is read
            self._after_load.extend(ids)
            return
        if self._tasks.busy_with("listing") or self.model.total() == 0:
            self.refresh()
            return
        current = self.current_article_id()
        if current is not None:
            self._pending_select = current
        wanted = list(dict.fromkeys(ids))
        rows = article_service.list_articles(self.lib, wanted) if wanted else []
        found = {row.id for row in rows}
        self.model.remove_ids([i for i in ids if i not in found])
        self.brought_in.emit()
        self._upsert_in_slices(rows)

    @property
    def partial(self) -> bool:
        """Whether the list shows only its first screen (the whole being read)."""
        return self._partial

    def _apply_first(self, listing: Listing | None) -> None:
        """Show the first screen of a list being read (unless the whole list came first)."""
        if listing is None or self.model.total() > 0 or not listing.rows:
            return
        self._partial = True
        self.model.apply_listing(listing)
        if self._search_ids is not None:
            self.apply_search()
        self._update_count()
        if self._pending_select is not None:
            self.select_article(self._pending_select)

    def _apply_changes(self, changes: Changes) -> None:
        if changes.listing is not None:
            self._tasks.cancel("first page")
            current = self.current_article_id()
            if current is not None and self._pending_select is None:
                self._pending_select = current  # chosen in the first page: kept selected
            self._partial = False
            self.model.apply_listing(changes.listing)
            self._remember_first_screen(changes.listing)
            if len(changes.listing.rows) > SYNC_ROWS:
                # Long-lived rows: keep the cyclic garbage collector from scanning them on
                # every full collection (hundreds of milliseconds at 100,000 rows).
                gc.freeze()
            self._finish_refresh()
            if self._after_load or self._again:  # once the read's task has ended
                QTimer.singleShot(0, self._follow_up)
            return
        self.model.remove_ids(changes.removed)
        self._upsert_in_slices(changes.upserts)

    def _follow_up(self) -> None:
        """What was asked for while the whole list was read: articles imported meanwhile
        (by id), or another read."""
        ids, self._after_load = self._after_load, []
        again, self._again = self._again, ""
        if again == "all":
            self.refresh()  # brings in the ids too
            return
        if ids:
            self.refresh_ids(ids)
        if again == "new":
            self.refresh_new()

    def _remember_first_screen(self, listing: Listing) -> None:
        """Keep the first screen of the whole list in the settings: the next start shows it
        at once (with what was added since) while the list is read. The newest id comes
        with the listing (found in the worker: a pass over 100,000 rows here took 20 ms)."""
        if self.settings is None or self.model.order != FIRST_SCREEN_ORDER:
            return
        if self.model.total() > SYNC_ROWS:
            self.settings.set_first_screen(self.lib.database, listing.newest,
                                           self.model.first_ids(FIRST_PAGE))

    def _upsert_in_slices(self, rows: list[ArticleRow]) -> None:
        """Put rows in place a slice at a time, one event-loop turn each."""
        self.model.upsert_rows(rows[:UPSERT_SLICE])
        if len(rows) > UPSERT_SLICE:
            QTimer.singleShot(0, lambda: self._upsert_in_slices(rows[UPSERT_SLICE:]))
        else:
            self._finish_refresh()

    def _finish_refresh(self) -> None:
        if self._search_ids is not None:
            self.apply_search()
        self._update_count()
        if self._pending_select is not None:
            self.select_article(self._pending_select)
        self.refreshed.emit()

    def set_facets(self, facets: Facets) -> None:
        """Fill the tag and entity filters (read in a worker, put in place in slices)."""
        self.filters.set_facets(facets)

    # filtering -------------------------------------------------------------------------
    def apply_search(self) -> None:
        """Filter by the search text: FTS5 in the database (in a worker when large)."""
        self._debounce.stop()  # searched now (Enter, Down): not again when the timer ends
        text = self.search.text().strip()
        if not text:
            self._tasks.cancel("search")
            self._search_ids = None
            self._refilter()
        elif article_service.library_size(self.lib) <= SYNC_ROWS:
            self._tasks.cancel("search")
            self._set_search_ids(set(article_service.search_article_ids(self.lib, text)))
        else:
            self._tasks.start("search", search_ids(text), self._set_search_ids,
                              "Searching the library")

    def _set_search_ids(self, ids: set[int]) -> None:
        self._search_ids = ids
        self._refilter()

    def _refilter(self) -> None:
        """Intersect the search, tag and entity filters (the articles of a filter entry are
        read when it is chosen: until they come, the list stays as it is)."""
        kept, known = self.filters.allowed()
        if not known:
            return
        allowed: set[int] | None = None if self._search_ids is None else set(self._search_ids)
        if kept is not None:
            allowed = kept if allowed is None else allowed & kept
        current = self.current_article_id()
        self.proxy.set_allowed(allowed)
        if current is not None:
            self.select_article(current, scroll=False)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.total()
        if self._partial:
            self.count_label.setText(f"{shown} shown, reading the rest of the library…")
            return
        noun = "article" if total == 1 else "articles"
        self.count_label.setText(
            f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        )

    # selection -------------------------------------------------------------------------
    def _chosen(self, index: QModelIndex) -> None:
        article_id = index.data(ARTICLE_ID_ROLE)
        if article_id is not None:
            self.article_chosen.emit(int(article_id))

    def _emit_current(self, signal: Signal) -> None:  # type: ignore[type-arg]
        article_id = self.current_article_id()
        if article_id is not None:
            signal.emit(article_id)  # type: ignore[attr-defined]

    def filter_entity(self, name: str) -> bool:
        """Show only articles mentioning entity ``name`` (False when it is not indexed)."""
        return self.filters.filter_entity(name)

    def current_article_id(self) -> int | None:
        index = self.view.currentIndex()
        value = index.data(ARTICLE_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_article(self, article_id: int, *, scroll: bool = True) -> None:
        """Make the article current; one not listed yet (the list is being read) is selected
        as soon as it is."""
        row = self.model.row_for(article_id)
        self._pending_select = article_id if row < 0 else None
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)  # not modifier-dependent
            if scroll:
                self.view.scrollTo(index)

    def visible_article_ids(self) -> list[int]:
        return [
            int(self.proxy.index(r, 0).data(ARTICLE_ID_ROLE)) for r in range(self.proxy.rowCount())
        ]
