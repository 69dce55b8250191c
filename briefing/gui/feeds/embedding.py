"""Puts the Feeds, Entities and Stories pages into the reader window: pages of its page stack
switched from View → Feeds / Entities / Stories (toggling one off, or opening an article,
returns to the reader), their signals wired to the library, the briefs tab and the banner,
and "Open in Entities Page" on the reader's entity tab.

The feeds page is built at once (its timer refreshes due feeds while the app runs); the
entities and stories pages on first use. Written against the window's public attributes
(``lib``, ``integrations.pages``, ``library``, ``banner``, ``open_article``...).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from briefing.gui.feeds.entity_page import EntityPage
from briefing.gui.feeds.feeds_panel import FeedsPanel
from briefing.gui.feeds.stories_panel import StoriesPanel

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow

PAGES: tuple[tuple[str, str, str], ...] = (
    ("feeds", "&Feeds", "Ctrl+Shift+F"),
    ("entities", "E&ntities", "Ctrl+Shift+E"),
    ("stories", "S&tories", "Ctrl+Shift+S"),
)


def _view_menu(window: QWidget) -> QMenu | None:
    bar = window.menuBar()  # type: ignore[attr-defined]
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == "View":
            return menu
    return None


class CrossReading(QObject):
    """Owns the three pages; ``show(key)`` with key "feeds", "entities" or "stories"."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.stack = window.integrations.pages
        self.reader = window.integrations.reader
        self.feeds = FeedsPanel(window.lib)
        self.entities: EntityPage | None = None
        self.stories: StoriesPanel | None = None
        self.stack.addWidget(self.feeds)
        self.feeds.articles_added.connect(self._articles_added)
        self.feeds.open_article.connect(self.open_article)
        self.feeds.message.connect(self._message)
        settings = window.settings
        self.feeds.auto_action.setChecked(settings.feeds_auto_refresh)  # remembered choice
        self.feeds.scheduler.set_enabled(settings.feeds_auto_refresh)
        self.feeds.auto_action.toggled.connect(self._remember_auto_refresh)
        self.actions: dict[str, QAction] = {}
        self._add_actions()
        self.stack.currentChanged.connect(self._page_changed)
        self._add_entity_action()
        window.installEventFilter(self)

    # menu and pages --------------------------------------------------------------------
    def _add_actions(self) -> None:
        menu = _view_menu(self.w) or self.w.menuBar().addMenu("&View")
        menu.addSeparator()
        group = QActionGroup(self)
        group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for key, text, shortcut in PAGES:
            action = QAction(text, self.w)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(shortcut))
            action.toggled.connect(partial(self._toggled, key))
            group.addAction(action)
            menu.addAction(action)
            self.w.addAction(action)
            self.actions[key] = action

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use."""
        if key == "feeds":
            return self.feeds
        if key == "entities":
            if self.entities is None:
                self.entities = EntityPage(self.w.lib)
                self.entities.open_article.connect(self.open_article)
                self.entities.message.connect(self._message)
                self.stack.addWidget(self.entities)
            return self.entities
        if self.stories is None:
            self.stories = StoriesPanel(self.w.lib)
            self.stories.open_article.connect(self.open_article)
            self.stories.brief_created.connect(self._brief_created)
            self.stories.message.connect(self._message)
            self.stack.addWidget(self.stories)
        return self.stories

    def _pages(self) -> dict[str, QWidget | None]:
        return {"feeds": self.feeds, "entities": self.entities, "stories": self.stories}

    def show(self, key: str) -> QWidget:
        review = getattr(self.w, "acts", None)
        if review is not None and "review" in review.all and review["review"].isChecked():
            review["review"].setChecked(False)
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        page.setFocus(Qt.FocusReason.OtherFocusReason)
        return page

    def show_reader(self) -> None:
        self.stack.setCurrentWidget(self.reader)
        self.w.view.setFocus()

    def _toggled(self, key: str, on: bool) -> None:
        if on:
            self.show(key)
        elif self.stack.currentWidget() is self._pages().get(key):
            self.show_reader()

    def _page_changed(self, _index: int) -> None:
        current = self.stack.currentWidget()
        pages = self._pages()
        for key, action in self.actions.items():
            action.blockSignals(True)
            action.setChecked(current is not None and current is pages[key])
            action.blockSignals(False)

    # signals ---------------------------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        self.show_reader()
        self.w.open_article(article_id)

    def show_entity(self, name: str) -> None:
        page = self.show("entities")
        assert isinstance(page, EntityPage)
        page.show_entity(name)

    def _articles_added(self, ids: list[int]) -> None:
        self.w.library.refresh_ids(ids)
        self.w.refresh_facets()
        for page in (self.entities, self.stories):
            if page is not None:
                page.refresh()  # recomputed when next shown

    def _brief_created(self, _brief_id: int) -> None:
        briefs: Any = getattr(self.w.integrations, "briefs", None)
        if briefs is not None:
            briefs.refresh()
        self.w.banner.show_message("Brief created: find it in the Briefs tab.", kind="info",
                                   timeout_ms=5000)  # fmt: skip

    def _message(self, text: str) -> None:
        self.w.banner.show_message(text)

    def _add_entity_action(self) -> None:
        """"Open in Entities Page" on the reader's entity tab, once that tab is built (not
        built here for it: a start-up cost of its own)."""
        built = getattr(self.w, "built_panel", None)
        if callable(built) and built("entities") is None:
            self.w.panel_built.connect(
                lambda name: name == "entities" and self._add_entity_action())
            return
        panel = getattr(self.w, "entities", None)
        view = getattr(panel, "view", None)
        if view is None:
            return
        action = QAction("Open in Entities Page", view)
        action.triggered.connect(self._entity_from_reader)
        view.addAction(action)

    def _entity_from_reader(self) -> None:
        from briefing.domain import Entity
        from briefing.gui.panels.panel_models import ITEM_ROLE

        index = self.w.entities.view.currentIndex()
        entity = index.data(ITEM_ROLE) if index.isValid() else None
        if isinstance(entity, Entity):
            self.show_entity(entity.name)

    # closing ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.w and event.type() == QEvent.Type.Close:
            self.shutdown()
        return super().eventFilter(watched, event)

    def _remember_auto_refresh(self, on: bool) -> None:
        self.w.settings.feeds_auto_refresh = on
        self.w.settings.sync()

    def shutdown(self) -> None:
        """Stop the refresh timer and wait for the pages' workers."""
        self.feeds.shutdown()
        for page in (self.entities, self.stories):
            if page is not None:
                page.shutdown()
