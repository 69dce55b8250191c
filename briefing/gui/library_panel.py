"""The library list on the left: search (FTS via services), tag/entity filters, sortable table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.library_model import ARTICLE_ID_ROLE, LibraryFilter, LibraryModel
from briefing.gui.workers import Facets
from briefing.services import Library
from briefing.services import articles as article_service

ANY = "__any__"

SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class LibraryPanel(QWidget):
    """Emits ``article_chosen(id)`` when the user picks an article."""

    article_chosen = Signal(int)
    rename_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.setObjectName("libraryPanel")
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._facets = Facets({}, {})
        self._search_ids: set[int] | None = None

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
        self._fill_combo(self.tag_filter, "All tags", [])
        self._fill_combo(self.entity_filter, "All entities", [])

        self.view = QTreeView()
        self.view.setAccessibleName("Library articles")
        self.view.setModel(self.proxy)
        from briefing.gui.bidi_delegate import BidiDelegate

        self.view.setItemDelegateForColumn(0, BidiDelegate(self.view))  # RTL titles elide right
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
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
        from briefing.gui.search_keys import SearchKeys

        SearchKeys(self.search, self.view, self.apply_search, self._chosen)  # type: ignore[arg-type]

    # data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the listing from the library (keeps the current selection)."""
        current = self.current_article_id()
        self.model.set_rows(article_service.list_articles(self.lib))
        if self._search_ids is not None:
            self.apply_search()
        self._update_count()
        if current is not None:
            self.select_article(current)

    def set_facets(self, facets: Facets) -> None:
        self._facets = facets
        tags = sorted({t for ts in facets.tags.values() for t in ts})
        counts: dict[str, int] = {}
        for names in facets.entities.values():
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        entities = sorted(counts, key=lambda n: (-counts[n], n.casefold()))[:300]
        self._fill_combo(self.tag_filter, "All tags", [f"#{t}" for t in tags], tags)
        self._fill_combo(self.entity_filter, "All entities", entities, entities)
        self._refilter()

    @staticmethod
    def _fill_combo(combo: QComboBox, any_label: str, labels: list[str],
                    values: list[str] | None = None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_label, ANY)
        for label, value in zip(labels, values or labels, strict=True):
            combo.addItem(label, value)
        found = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)

    # filtering -------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._debounce.stop()  # searched now (Enter, Down): not again when the timer ends
        text = self.search.text().strip()
        self._search_ids = (
            {row.id for row in article_service.search_articles(self.lib, text)} if text else None
        )
        self._refilter()

    def _refilter(self) -> None:
        allowed: set[int] | None = None if self._search_ids is None else set(self._search_ids)
        tag = self.tag_filter.currentData()
        if tag not in (None, ANY):
            ids = {i for i, tags in self._facets.tags.items() if tag in tags}
            allowed = ids if allowed is None else allowed & ids
        entity = self.entity_filter.currentData()
        if entity not in (None, ANY):
            ids = {i for i, names in self._facets.entities.items() if entity in names}
            allowed = ids if allowed is None else allowed & ids
        self.proxy.set_allowed(allowed)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
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
        index = self.entity_filter.findData(name)
        if index < 0:
            return False
        self.entity_filter.setCurrentIndex(index)
        return True

    def current_article_id(self) -> int | None:
        index = self.view.currentIndex()
        value = index.data(ARTICLE_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_article(self, article_id: int) -> None:
        row = self.model.row_for(article_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)  # not modifier-dependent
            self.view.scrollTo(index)

    def visible_article_ids(self) -> list[int]:
        return [
            int(self.proxy.index(r, 0).data(ARTICLE_ID_ROLE)) for r in range(self.proxy.rowCount())
        ]
