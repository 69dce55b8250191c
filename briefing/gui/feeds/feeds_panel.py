"""The feeds page: subscriptions with their state, add/remove, refresh (all, selected, or the
due ones on a timer) in a worker with progress and cancel, OPML import/export, and the
articles the last refresh brought in."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import BriefingError
from briefing.feeds.model import Feed
from briefing.gui.background import CallJob, Outcome, PageJobs
from briefing.gui.feeds.feed_dialogs import AddFeedDialog
from briefing.gui.feeds.feeds_model import COUNT, FEED_ID_ROLE, TITLE, URL, FeedsModel
from briefing.gui.feeds.refresh_progress import RefreshProgress
from briefing.gui.feeds.refresh_scheduler import DEFAULT_INTERVAL_MS, RefreshScheduler
from briefing.gui.feeds.refresh_work import RefreshOutcome, refresh_feeds
from briefing.services import Library
from briefing.services import feeds as feed_service

OPML_FILTER = "OPML files (*.opml *.xml);;All files (*)"


class FeedsPanel(QWidget):
    """``articles_added(ids)`` after a refresh imported articles; ``open_article(id)`` when the
    user opens one of them; ``message(text)`` for the window's banner."""

    articles_added = Signal(list)
    open_article = Signal(int)
    message = Signal(str)
    refresh_finished = Signal(object)  # RefreshOutcome

    def __init__(
        self, lib: Library, parent: QWidget | None = None, *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("feedsPanel")
        self.setAccessibleName("Feeds")
        self.lib = lib
        self.jobs = PageJobs(self)
        self._refresh_job: CallJob | None = None
        self.model = FeedsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.scheduler = RefreshScheduler(lib, self.refresh_due, interval_ms=interval_ms,
                                          parent=self)  # fmt: skip
        self._build_actions()
        self._build()
        self.reload()

    # building --------------------------------------------------------------------------
    def _action(self, text: str, slot: object, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action("&Add feed…", self.show_add_dialog,
                                       "Subscribe to an RSS or Atom feed")  # fmt: skip
        self.remove_action = self._action("&Remove feed", self.remove_selected,
                                          "Unsubscribe (Delete); the articles stay")  # fmt: skip
        self.refresh_all_action = self._action("Refresh &all", self.refresh_all,
                                               "Fetch every feed now")  # fmt: skip
        self.refresh_selected_action = self._action("Refresh &selected", self.refresh_selected,
                                                    "Fetch the selected feeds (F5)")  # fmt: skip
        self.import_action = self._action("&Import OPML…", self.import_opml_dialog)
        self.export_action = self._action("&Export OPML…", self.export_opml_dialog)
        self.auto_action = self._action("Refresh &automatically", self.scheduler.set_enabled,
                                        "Refresh due feeds every few minutes while "
                                        "Briefing runs")  # fmt: skip
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(self.scheduler.is_enabled())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete and F5 on the feed list act on the selected feeds (taking the keys before
        the window's own shortcuts for them)."""
        if watched is self.view and event.type() in (QEvent.Type.ShortcutOverride,
                                                     QEvent.Type.KeyPress):  # fmt: skip
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_F5) and self.selected_ids():
                if event.type() == QEvent.Type.KeyPress:
                    if key == Qt.Key.Key_Delete:
                        self.remove_selected()
                    else:
                        self.refresh_selected()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def _build(self) -> None:
        heading = QLabel("Feeds", objectName="panelHeading")
        add = QPushButton("Add feed…")
        add.setAccessibleName("Add feed")
        add.clicked.connect(self.show_add_dialog)
        self.refresh_button = QPushButton("Refresh all")
        self.refresh_button.setAccessibleName("Refresh all feeds")
        self.refresh_button.clicked.connect(self.refresh_all)
        more = QToolButton(text="More")
        more.setAccessibleName("More feed actions")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        for action in (
            self.refresh_selected_action,
            self.remove_action,
            None,
            self.import_action,
            self.export_action,
            None,
            self.auto_action,
        ):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        more.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(more)
        buttons.addStretch(1)

        self.view = QTreeView()
        self.view.setAccessibleName("Subscribed feeds")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.view.fontMetrics()
        for column, sample in (
            (URL, "example.org/feed.xml"),
            (2, "Not modified, warn"),
            (3, "2026-12-31 23:59"),
            (COUNT, "Articles"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.view.installEventFilter(self)
        from briefing.gui.widgets.empty_hint import EmptyHint

        self.hint = EmptyHint(self.view, "No feeds yet. Add feed… subscribes to a site's RSS "
                              "or Atom feed; its new articles then arrive in the library.")

        self.progress_row = RefreshProgress()
        self.progress_row.cancel_requested.connect(self.cancel_refresh)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Feeds status")
        self.new_heading = new_heading = QLabel("New from the last refresh",
                                                objectName="panelHeading")  # fmt: skip
        self.new_model = QStringListModel(self)
        self._new_ids: list[int] = []
        self.new_view = QListView()
        self.new_view.setAccessibleName("New articles from the last refresh")
        self.new_view.setModel(self.new_model)
        self.new_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.new_view.activated.connect(self._open_new)
        self.new_view.doubleClicked.connect(self._open_new)
        new_heading.setBuddy(self.new_view)
        new_heading.hide()
        self.new_view.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(heading)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.status)
        layout.addWidget(new_heading)
        layout.addWidget(self.new_view, 1)
        self.setTabOrder(add, self.refresh_button)
        self.setTabOrder(self.refresh_button, more)
        self.setTabOrder(more, self.view)
        self.setTabOrder(self.view, self.new_view)

    # state -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the feeds as stored now (keeps the selection)."""
        chosen = self.selected_ids()
        feeds = feed_service.list_feeds(self.lib)
        self.model.set_feeds(feeds)
        self.scheduler.set_feed_count(len(feeds))
        if chosen:
            self.select_feeds(chosen)
        self._update_actions()

    def selected_ids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return [int(index.data(FEED_ID_ROLE)) for index in rows]

    def select_feeds(self, feed_ids: list[int]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
        for feed_id in feed_ids:
            row = self.model.row_of(feed_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.select(index, flags)
                # not view.setCurrentIndex: its selection command follows the keyboard
                # modifiers held right now (Ctrl would toggle the row off again)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _update_actions(self) -> None:
        busy = self.is_refreshing()
        has_feeds = bool(self.model.feeds)
        chosen = bool(self.selected_ids())
        self.refresh_all_action.setEnabled(has_feeds and not busy)
        self.refresh_button.setEnabled(has_feeds and not busy)
        self.refresh_selected_action.setEnabled(chosen and not busy)
        self.remove_action.setEnabled(chosen and not busy)
        self.export_action.setEnabled(has_feeds)

    # subscribing -----------------------------------------------------------------------
    def show_add_dialog(self) -> AddFeedDialog:
        dialog = AddFeedDialog(self.add_feed_url, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def add_feed_url(self, url: str) -> Feed:
        """Subscribe to ``url`` and fetch it right away; raises the service's typed error."""
        known = {feed.id for feed in self.model.feeds}
        feed = feed_service.add_feed(self.lib, url)
        self.reload()
        self.select_feeds([feed.id])
        if feed.id in known:
            self.status.setText(f"Already subscribed to {feed.url}.")
        elif not self._start_refresh(feed_ids=[feed.id]):
            self.status.setText(f"Subscribed to {feed.url}; it is fetched on the next refresh.")
        return feed

    def remove_selected(self) -> None:
        if self.is_refreshing():
            return
        ids = self.selected_ids()
        for feed_id in ids:
            try:
                feed_service.remove_feed(self.lib, feed_id)
            except BriefingError as exc:
                self.message.emit(str(exc))
        if ids:
            count = len(ids)
            self.status.setText(f"Unsubscribed from {count} feed{'s' if count > 1 else ''}; "
                                "their articles stay in the library.")  # fmt: skip
        self.reload()

    # OPML ------------------------------------------------------------------------------
    def import_opml_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import OPML", "", OPML_FILTER)
        if path:
            self.import_opml_file(Path(path))

    def import_opml_file(self, path: Path) -> list[Feed]:
        try:
            added = feed_service.import_opml(self.lib, path)
        except BriefingError as exc:
            self.message.emit(str(exc))
            return []
        self.reload()
        self.status.setText(f"Subscribed to {len(added)} new feed"
                            f"{'s' if len(added) != 1 else ''} from {path.name}.")  # fmt: skip
        return added

    def export_opml_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export OPML", "feeds.opml", OPML_FILTER)
        if path:
            self.export_opml_file(Path(path))

    def export_opml_file(self, path: Path) -> bool:
        from briefing.export.atomic import write_text_atomic

        try:
            write_text_atomic(path, feed_service.export_opml(self.lib))
        except BriefingError as exc:
            self.message.emit(str(exc))
            return False
        self.status.setText(f"Saved {len(self.model.feeds)} feeds to {path}.")
        return True

    # refreshing ------------------------------------------------------------------------
    def is_refreshing(self) -> bool:
        return self._refresh_job is not None

    def refresh_all(self) -> bool:
        return self._start_refresh()

    def refresh_selected(self) -> bool:
        ids = self.selected_ids()
        return bool(ids) and self._start_refresh(feed_ids=ids)

    def refresh_due(self) -> bool:
        """Used by the scheduler: refresh the due feeds unless a refresh is running."""
        return self._start_refresh(only_due=True, scheduled=True)

    def _start_refresh(
        self, *, feed_ids: list[int] | None = None, only_due: bool = False,
        scheduled: bool = False,
    ) -> bool:  # fmt: skip
        if self.is_refreshing():
            return False
        work = partial(refresh_feeds, feed_ids=feed_ids, only_due=only_due, scheduled=scheduled)
        job = self.jobs.start("Refreshing feeds", lambda lib, job: work(lib, job),
                              self._refreshed, self._refresh_failed)  # fmt: skip
        job.signals.progress.connect(self._progress)
        self._refresh_job = job
        self.progress_row.start(visible=not scheduled)
        self._update_actions()
        return True

    def cancel_refresh(self) -> None:
        if self._refresh_job is not None:
            self._refresh_job.cancel()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress_row.step(done, total, what)
        if done:
            self.reload()  # states of the feeds done so far

    def _refreshed(self, outcome: Outcome) -> None:
        result: RefreshOutcome = outcome.value
        self._refresh_job = None
        self.progress_row.hide()
        self.reload()
        if result.results or not result.scheduled:
            self.status.setText(result.summary())
        for failed in result.failures[:1]:
            if not result.scheduled:
                self.message.emit(failed.error or "A feed could not be refreshed.")
        new_ids = result.new_article_ids
        if result.new_articles:
            self._show_new(list(result.new_articles))
        if new_ids or result.updated_article_ids:
            self.articles_added.emit(new_ids)
        self.refresh_finished.emit(result)

    def _refresh_failed(self, text: str) -> None:
        self._refresh_job = None
        self.progress_row.hide()
        self.reload()
        self.message.emit(text)

    def _show_new(self, articles: list[tuple[int, str]]) -> None:
        self._new_ids = [article_id for article_id, _ in articles]
        self.new_model.setStringList([title for _, title in articles])
        self.new_heading.setVisible(bool(self._new_ids))
        self.new_view.setVisible(bool(self._new_ids))

    def _open_new(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._new_ids):
            self.open_article.emit(self._new_ids[index.row()])

    def shutdown(self) -> None:
        """Stop the timer and wait for a running refresh (call before closing the window)."""
        self.scheduler.stop()
        self.jobs.shutdown()
