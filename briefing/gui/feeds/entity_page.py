"""The entity page: every named entity of the library (merged aliases, followed ones first)
with a filter box, and for the chosen one its label, aliases, a timeline of the articles
mentioning it (date, title, mentions) and a Follow/Unfollow toggle.

The index is computed in a worker (it may analyse articles); a result that arrives after a
newer request is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.background import Outcome, PageJobs
from briefing.gui.feeds.rows_model import FILTER_ROLE, KEY_ROLE, Row, RowsModel
from briefing.gui.feeds.stale_page import StalePage
from briefing.gui.feeds.views import heading, page_title, table_view
from briefing.gui.theme import entity_group
from briefing.gui.widgets.load_state import LoadState
from briefing.services import Library
from briefing.services.crossref import EntityEntry

FOLLOWED_MARK = "★"


@dataclass(frozen=True, slots=True)
class EntityData:
    """What the page shows: the index, followed entries (entry key -> stored name), titles."""

    entries: tuple[EntityEntry, ...]
    followed: dict[str, str]
    titles: dict[int, str]


def load_entities(lib: Library, _job: object = None) -> EntityData:
    """Runs in the worker: the entity index, which entries are followed, article titles."""
    from briefing.services import crossref
    from briefing.services.articles import list_articles

    entries = crossref.entity_index(lib)
    followed: dict[str, str] = {}
    for name in crossref.followed_entities(lib):
        entry = crossref.find_entity(entries, name)
        if entry is not None:
            followed[entry.key] = name
    ordered = sorted(entries, key=lambda e: e.key not in followed)  # stable: index order kept
    titles = {row.id: row.title for row in list_articles(lib)}
    return EntityData(tuple(ordered), followed, titles)


class EntityPage(StalePage, QWidget):
    """``open_article(id)`` when the user opens an article of the timeline."""

    open_article = QtSignal(int)
    message = QtSignal(str)
    loaded = QtSignal()  # the index (re)loaded and is shown

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPage")
        self.setAccessibleName("Entities")
        self.lib = lib
        self.jobs = PageJobs(self)
        self.data = EntityData((), {}, {})
        self._generation = 0
        self._pending: str | None = None
        self._dirty = True
        self._loading = False
        self.current: EntityEntry | None = None

        self.model = RowsModel(("Entity", "Type", "Articles", "Mentions"), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter entities…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter entities")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = table_view("Entities in the library", self.proxy,
                               widths=((1, "Organisations"), (2, "Articles"),
                                       (3, "Mentions")))  # fmt: skip
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.filter.returnPressed.connect(self._focus_first)
        self.state = LoadState("Loading the entity index…", "Entity index status")

        self.name = page_title()
        self.name.setAccessibleName("Entity")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Entity type and aliases")
        self.follow_button = QPushButton("Follow")
        self.follow_button.setCheckable(True)
        self.follow_button.setAccessibleName("Follow this entity")
        self.follow_button.setToolTip("Articles about followed entities are listed first")
        self.follow_button.clicked.connect(self._toggle_follow)
        self.timeline_model = RowsModel(("Date", "Article", "Mentions"), self)
        self.timeline = table_view("Timeline of articles mentioning the entity",
                                   self.timeline_model, stretch=1,
                                   widths=((0, "2026-12-31"), (2, "Mentions")))  # fmt: skip
        self.timeline.activated.connect(self._open)
        from briefing.gui.widgets.empty_hint import EmptyHint

        self.timeline_hint = EmptyHint(self.timeline, "The articles mentioning the chosen "
                                       "entity appear here, oldest first.")
        self.timeline.doubleClicked.connect(self._open)
        self._build()
        self._show_entry(None)

    def _build(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(8, 8, 4, 8)
        column.addWidget(heading("Entities", self.filter))
        column.addWidget(self.filter)
        column.addWidget(self.list, 1)
        column.addWidget(self.state)
        right = QWidget()
        detail = QVBoxLayout(right)
        detail.setContentsMargins(4, 8, 8, 8)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.follow_button)
        detail.addLayout(top)
        detail.addWidget(self.details)
        detail.addWidget(heading("Timeline", self.timeline))
        detail.addWidget(self.timeline, 1)
        hint = QLabel("Enter or double-click opens an article in the reader.")
        hint.setEnabled(False)
        detail.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.filter, self.list)
        self.setTabOrder(self.list, self.follow_button)
        self.setTabOrder(self.follow_button, self.timeline)

    # loading ---------------------------------------------------------------------------
    def _load(self) -> None:
        self._dirty = False
        self._loading = True
        self._generation += 1
        self.state.setText("Loading the entity index…")
        self.jobs.start("Indexing entities", load_entities, self._loaded, self._failed,
                        tag=self._generation, skippable=True)  # fmt: skip

    def _loaded(self, outcome: Outcome) -> None:
        if outcome.tag != self._generation:
            return  # a newer load was asked for
        self.apply(outcome.value)

    def _failed(self, text: str) -> None:
        self._loading = False
        self.state.failed(f"The entity index could not be built: {text}", self._load)

    def apply(self, data: EntityData) -> None:
        """Show ``data`` (keeps the chosen entity when it is still there)."""
        keep = self._pending or (self.current.name if self.current else None)
        self.data = data
        self._loading = False
        self.model.set_rows([self._row(entry) for entry in data.entries])
        followed = len(data.followed)
        self.state.setText(f"{len(data.entries)} entities, {followed} followed")
        self._pending = None
        if keep is None or not self.show_entity(keep):
            self._show_entry(None)
        self.loaded.emit()

    def _row(self, entry: EntityEntry) -> Row:
        followed = entry.key in self.data.followed
        name = f"{FOLLOWED_MARK} {entry.name}" if followed else entry.name
        return Row(
            (name, entity_group(entry.label), len(entry.articles), entry.mention_count),
            key=entry.key,
            tooltip=", ".join(entry.aliases),
            accessible=f"{entry.name}, followed" if followed else entry.name,
            search=" ".join(entry.aliases),
        )

    # choosing --------------------------------------------------------------------------
    def show_entity(self, name: str) -> bool:
        """Select the entity called ``name`` (or one of its aliases); False when unknown.
        Before the index is loaded the name is remembered and chosen when it arrives."""
        from briefing.services.crossref import find_entity

        if self._dirty or self._loading:
            self._pending = name
            if self._dirty and self.isVisible():
                self._load()
            return True
        entry = find_entity(self.data.entries, name)
        if entry is None:
            return False
        row = self.model.row_of(entry.key)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the filter
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.list.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list.scrollTo(index)
        self._show_entry(entry)
        return True

    def _focus_first(self) -> None:
        if self.proxy.rowCount():
            self.list.setFocus()
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE) if current.isValid() else None
        entry = next((e for e in self.data.entries if e.key == key), None)
        if entry is not self.current:
            self._show_entry(entry)

    def _show_entry(self, entry: EntityEntry | None) -> None:
        self.current = entry
        self.follow_button.setEnabled(entry is not None)
        if entry is None:
            self.name.setText("Choose an entity")
            self.details.setText("Pick an entity on the left to see the articles that "
                                 "mention it, oldest first.")  # fmt: skip
            self.timeline_model.set_rows([])
            self.follow_button.setChecked(False)
            self.follow_button.setText("Follow")
            return
        self.name.setText(entry.name)
        others = [a for a in entry.aliases if a != entry.name]
        aliases = f" · also: {', '.join(others)}" if others else ""
        count = len(entry.articles)
        self.details.setText(f"{entity_group(entry.label)} ({entry.label}) · {count} "
                             f"article{'s' if count != 1 else ''}{aliases}")  # fmt: skip
        followed = entry.key in self.data.followed
        self.follow_button.setChecked(followed)
        self.follow_button.setText("Unfollow" if followed else "Follow")
        self.follow_button.setAccessibleName(
            f"Stop following {entry.name}" if followed else f"Follow {entry.name}"
        )
        titles = self.data.titles
        self.timeline_model.set_rows([
            Row((item.date[:10], titles.get(item.article_id, f"Article {item.article_id}"),
                 item.mentions), key=item.article_id,
                accessible=f"{item.date[:10]}: {titles.get(item.article_id, '')}, "
                           f"{item.mentions} mentions")
            for item in entry.articles
        ])  # fmt: skip

    def _open(self, index: QModelIndex) -> None:
        article_id = self.timeline_model.key_at(index.row())
        if isinstance(article_id, int):
            self.open_article.emit(article_id)

    # following -------------------------------------------------------------------------
    def _toggle_follow(self) -> None:
        entry = self.current
        if entry is None:
            return
        follow = entry.key not in self.data.followed
        stored = self.data.followed.get(entry.key, entry.name)
        self.follow_button.setEnabled(False)
        self._generation += 1
        self._loading = True
        self._pending = entry.name

        def work(lib: Library, job: object) -> EntityData:
            from briefing.services import crossref

            if follow:
                crossref.follow_entity(lib, entry.name)
            else:
                crossref.unfollow_entity(lib, stored)
            return load_entities(lib, job)

        self.jobs.start("Following entity", work, self._loaded, self._failed,
                        tag=self._generation)  # fmt: skip

    def shutdown(self) -> None:
        self.jobs.shutdown()
