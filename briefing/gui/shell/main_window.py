"""The reader's main window: library | article | side panel, menus, status bar, banner."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import BriefingError
from briefing.gui import theme
from briefing.gui.gui_settings import LAYERS, GuiSettings
from briefing.gui.jobs import JobTracker
from briefing.gui.reader.article_area import ArticleArea
from briefing.gui.reader.highlight_layers import build_marks
from briefing.gui.reader.session import ReaderSession
from briefing.gui.shell.completion import STEPS, Completion
from briefing.gui.shell.side_panels import SidePanels
from briefing.gui.shell.status import StatusBar
from briefing.gui.shell.window_commands import WindowCommands
from briefing.services import Library, articles, reading

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing.domain import Analysis, Article
    from briefing.gui.library.importer import Importer
    from briefing.gui.library.library_panel import LibraryPanel
    from briefing.gui.panels.panel_base import PanelBase
    from briefing.gui.panels.summary_panel import SummaryPanel
    from briefing.gui.reader.annotator import Annotator
    from briefing.gui.reader.selection_bar import SelectionBar
    from briefing.gui.shell.actions import Actions
    from briefing.gui.shell.integrations import Integrations
    from briefing.gui.shell.library_upkeep import Upkeep
    from briefing.gui.shell.page_nav import PageNavigator
    from briefing.gui.sync.controller import SyncController
    from briefing.gui.workers import Analysed, AnalysisJob

MENUS: tuple[str, ...] = ("&File", "&Edit", "&View", "&Article", "&Help")


def analyse_in_child(engine: str, text: str) -> Analysis:
    """``text``'s analysis by ``engine``, computed in the reader's analysis child process (in
    the calling thread when it cannot): given to ``articles.compute_analyses_with``, so that
    no reader thread builds the engine (review, entity index, stories, revisions, exports)."""
    from briefing.services.analysis_process import shared

    return shared().analyse(engine, text)


class MainWindow(Completion, SidePanels, WindowCommands, QMainWindow):
    """``analysis_shown(article_id)`` fires once an article is displayed with its analysis.

    Built in two stages. The first makes what the first paint shows: menu bar, article
    column, the (still empty) library and side-panel columns at their restored sizes,
    status bar. The second adds the library, side panels, actions and background work
    (see :class:`~briefing.gui.shell.completion.Completion`). A window made with
    ``staged=True`` (the application's) builds it after its first paint, a step per
    event-loop turn, so the article appears without waiting for the rest and the window
    stays responsive meanwhile; otherwise at once.
    """

    analysis_shown = Signal(int)
    panel_built = Signal(str)  # a lazily built side panel ("entities", "claims", "notes")
    completed = Signal()  # the second stage is built and its work started
    completion_step = Signal(str)  # a step of the second stage is done (completion.STEPS)

    # made by the second stage (briefing.gui.shell.completion)
    library: LibraryPanel
    summary: SummaryPanel
    integrations: Integrations
    annotator: Annotator
    importer: Importer
    acts: Actions
    page_nav: PageNavigator
    sync: SyncController
    upkeep: Upkeep

    def __init__(self, lib: Library, settings: GuiSettings | None = None, *,
                 staged: bool = False) -> None:
        super().__init__()
        self.setWindowTitle("Briefing")
        self.lib = lib
        self.settings = settings or GuiSettings()
        self.colors = theme.applied() or theme.resolve(self.settings.theme)
        self.session = ReaderSession(lib, self)
        self.tracker = JobTracker(self)
        self.tracker.hold()  # until the first paint (see eventFilter)
        # One undo history per article (kept while the reader runs); the group's active
        # stack is the shown article's, so Undo never changes an article out of sight.
        self.undo_group = QUndoGroup(self)
        self._undo_stacks: dict[int, tuple[str, QUndoStack]] = {}
        self._no_undo = QUndoStack(self)  # outside the group: nothing to undo
        self.navigation = 0  # bumps whenever the user opens another article
        self._analysis_job: AnalysisJob | None = None
        articles.compute_analyses_with(analyse_in_child)  # never the engine in a thread here
        self.single_instance: object | None = None  # set by app.run when listening
        self.cross_reading: object | None = None  # feeds/entities/stories, set by app.run
        self.persist_layout = True  # screenshots leave the user's window layout alone
        self.is_complete = False
        self._steps_left = list(STEPS)  # the second stage's steps not run yet
        self._stepping = False
        self._closing = False
        self._painted = False
        self._shown_article: Article | None = None
        self._on_complete: list[Callable[[], object]] = []
        self._later: list[Callable[[], object]] = []  # see Completion.after_complete

        self.banner = self._make_banner()
        self.left = QTabWidget()
        self.left.setAccessibleName("Library and briefs")
        self.left.setDocumentMode(True)
        self.area = ArticleArea(self.confirm_open_link)
        self.view = self.area.view
        self._panels: dict[str, PanelBase] = {}
        self._selection_bar: SelectionBar | None = None
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Side panel")
        self.splitter = QSplitter()  # horizontal
        self.splitter.setChildrenCollapsible(True)
        for widget in (self.left, self.area, self.tabs):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 700, 380])
        self.pages = QStackedWidget()  # the reader, review mode, feeds... (integrations)
        self.pages.addWidget(self.splitter)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(self.tracker)
        self.setStatusBar(self.status)
        bar = self.menuBar()
        self.menus = {name: bar.addMenu(name) for name in MENUS}  # filled by Actions

        self.session.article_changed.connect(self._render_article)
        self.view.viewport().installEventFilter(self)
        self.area.empty.installEventFilter(self)
        self._restore()
        self._render_article()
        if staged:  # in case nothing paints (hidden)
            QTimer.singleShot(1500, self, self.complete_in_steps)
        else:
            self.complete()

    def _connect(self) -> None:
        self.library.article_chosen.connect(self.open_article)
        self.library.rename_requested.connect(self.rename_article)
        self.library.delete_requested.connect(self.delete_article)
        self.session.analysis_changed.connect(self._render_analysis)
        self.session.annotations_changed.connect(self._render_annotations)
        self.tracker.error.connect(lambda text: self.banner.show_message(text))
        self.view.selection_changed.connect(self._on_selection)
        self._bar_timer = QTimer(self, singleShot=True, interval=250)
        self._bar_timer.timeout.connect(self._show_selection_bar)
        self.summary.length_changed.connect(
            lambda length: setattr(self.settings, "summary_length", length)
        )
        self.setAcceptDrops(True)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._system_scheme_changed)
        lib_panel = self.library
        for first, second in ((lib_panel.view, self.view), (self.view, self.tabs)):
            self.setTabOrder(first, second)
        # In case nothing paints (hidden); with the window as context, dropped once it is gone.
        QTimer.singleShot(1500, self.tracker.release)
        QTimer.singleShot(1500, self, self.acts.populate)

    def _restore_panels(self) -> None:
        """The library's column widths and sort order, and the side tab, as last left."""
        header = self.settings.library_header()
        if header is not None:
            self.library.view.header().restoreState(header)
        if 0 < self.settings.side_tab < self.tabs.count():
            self.tabs.setCurrentIndex(self.settings.side_tab)  # builds that panel

    def _check_system_scheme(self) -> None:
        """At start the platform's palette chose light or dark (see theme.resolve); now
        that Qt's colour-scheme hint is cheap to ask, follow it if it says otherwise."""
        if self.settings.theme != "system":
            return
        dark = theme.scheme_is_dark()
        if dark is not None and dark != self.colors.dark:
            self.set_theme("system")

    def _restore(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.fit_to_screen(0.9)
        splitter = self.settings.splitter()
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.area.set_font(self.settings.font_family, self.settings.font_size)

    def _system_scheme_changed(self, _scheme: object) -> None:
        if self.settings.theme == "system":
            self.set_theme("system")

    def fit_to_screen(self, share: float) -> None:
        """Size the window to ``share`` of the screen (at least 1024×700 when it fits)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1360, 860)
            return
        area = screen.availableGeometry()
        width = max(min(1024, area.width()), int(area.width() * share))
        height = max(min(700, area.height()), int(area.height() * share))
        self.resize(width, height)
        self.move(area.center() - self.rect().center())
        total = max(width, 1024)
        side = min(480, max(370, total // 4))  # room for all five side-panel tabs
        library = min(320, max(250, total // 5))
        self.splitter.setSizes([library, total - side - library, side])

    # lazily built parts: the side panels are SidePanels' ------------------------------
    @property
    def selection_bar(self) -> SelectionBar:
        """The floating bar over a text selection, built when first needed."""
        if self._selection_bar is None:
            from briefing.gui.reader.selection_bar import SelectionBar

            bar = SelectionBar(self.view.viewport())
            bar.color_chosen.connect(self.annotator.highlight)
            bar.note_requested.connect(self.annotator.note_at_selection)
            bar.tag_requested.connect(self.annotator.tag_selection)
            bar.claim_requested.connect(self.annotator.mark_claim)
            bar.set_colors(self.colors)
            self._selection_bar = bar
        return self._selection_bar

    def hide_selection_bar(self) -> None:
        if self._selection_bar is not None:
            self._selection_bar.hide()

    # opening articles ------------------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        self._remember_position()
        self.navigation += 1
        if self._analysis_job is not None:
            self._analysis_job.cancel()
            self._analysis_job = None
        try:
            self.session.open(article_id)
        except BriefingError as exc:
            self.banner.show_message(str(exc))
            return
        if self.is_complete:  # else complete() selects it and starts its analysis
            self.library.select_article(article_id)
            self._analyse(article_id)

    def reopen_last(self) -> bool:
        """Show the article read last time, if it is still in the library."""
        article_id = self.settings.last_article(self.lib.database)
        if article_id is None:
            return False
        try:
            self.session.open(article_id)
        except BriefingError:  # deleted since: start empty
            self.settings.set_last_article(self.lib.database, None)
            return False
        if self.is_complete:
            self.library.select_article(article_id)
            self._analyse(article_id)
        return True

    def _analyse(self, article_id: int) -> None:
        from briefing.gui.workers import AnalysisJob

        job = AnalysisJob(article_id, self.settings.engine)
        job.signals.result.connect(self._on_analysed)
        self._analysis_job = job
        self.tracker.start(job)

    def _on_analysed(self, result: Analysed) -> None:
        self.session.set_analysis(result.article_id, result.analysis)  # dropped if stale

    def reanalyse(self) -> None:
        if self.session.article_id is not None:
            self._analyse(self.session.article_id)

    def refresh_facets(self) -> None:
        from briefing.gui.workers import FacetsJob

        job = FacetsJob(self.settings.engine)
        job.signals.result.connect(self.library.set_facets)
        self.tracker.start(job)

    # rendering -------------------------------------------------------------------------
    @property
    def undo_stack(self) -> QUndoStack:
        """The shown article's undo history (an empty one when none is shown)."""
        return self.undo_group.activeStack() or self._no_undo

    def _activate_undo(self, article: Article | None) -> None:
        """Make ``article``'s history the active one; a history made for another text of
        the article (it was revised since) is dropped: its spans no longer fit."""
        if article is None:
            self.undo_group.setActiveStack(None)
            return
        entry = self._undo_stacks.get(article.id)
        if entry is None or entry[0] != article.text_sha256:
            if entry is not None:
                self.undo_group.removeStack(entry[1])
                entry[1].deleteLater()
            entry = (article.text_sha256, QUndoStack(self.undo_group))
            self._undo_stacks[article.id] = entry
        self.undo_group.setActiveStack(entry[1])

    def forget_undo(self, article_id: int) -> None:
        """Drop the history of a deleted article."""
        entry = self._undo_stacks.pop(article_id, None)
        if entry is not None:
            self.undo_group.removeStack(entry[1])
            entry[1].deleteLater()

    def _remember_position(self) -> None:
        """Store where the reader is in the shown article, to reopen it there."""
        article = self._shown_article
        # Not when the window was never shown; but also behind another page (review, feeds).
        if article is None or not self.persist_layout or not self.isVisible() \
                or self.view.isHidden():
            return
        with contextlib.suppress(BriefingError):  # deleted meanwhile: nothing to keep
            reading.remember_position(self.lib, article, self.view.top_position())

    def _render_article(self) -> None:
        article = self.session.article
        self._activate_undo(article)
        if article is not None and self._shown_article is not None \
                and self._shown_article.id == article.id:
            self._remember_position()  # shown again (renamed, revised): stay at that place
        self._shown_article = article
        self.area.show_article(article)
        if article is not None and (top := reading.reading_position(self.lib, article)):
            self.view.scroll_to_position(top)
        self.hide_selection_bar()
        self.setWindowTitle(f"{article.title} — Briefing" if article else "Briefing")
        self.status.set_article(article, None, 0)
        if article is not None and self.persist_layout:
            self.settings.set_last_article(self.lib.database, article.id)  # reopened next time

    def _render_analysis(self) -> None:
        article, analysis = self.session.article, self.session.analysis
        text = article.text if article else ""
        self.summary.set_analysis(text, analysis)
        if (entities := self._panels.get("entities")) is not None:
            entities.set_analysis(analysis)  # type: ignore[attr-defined]
        if (claims := self._panels.get("claims")) is not None:
            claims.set_data(text, analysis, self.session.annotations)  # type: ignore[attr-defined]
        self._render_layers()
        if article is not None and analysis is not None:
            self.analysis_shown.emit(article.id)

    def _render_annotations(self) -> None:
        article = self.session.article
        if (notes := self._panels.get("notes")) is not None:
            notes.set_annotations(self.session.annotations,  # type: ignore[attr-defined]
                                  self.colors.highlight)
        if (claims := self._panels.get("claims")) is not None:
            claims.set_data(article.text if article else "",  # type: ignore[attr-defined]
                            self.session.analysis, self.session.annotations)
        self._render_layers()
        if article is not None:
            self.library.model.set_annotation_count(article.id, len(self.session.annotations))

    def _render_layers(self) -> None:
        layers = {name for name in LAYERS if self.settings.layer(name)}
        marks = build_marks(self.session.analysis, self.session.annotations, layers)
        self.view.set_marks(marks, self.colors)
        if (claims := self._panels.get("claims")) is not None:
            claims.set_claim_color(self.colors.claim)  # type: ignore[attr-defined]
        self.status.set_article(self.session.article, self.session.analysis,
                                len(self.session.annotations))

    # linking ---------------------------------------------------------------------------
    def reveal(self, start: int, end: int) -> None:
        self.view.reveal(start, end)

    def _on_selection(self, start: int, end: int) -> None:
        for panel in (self.summary, *self._panels.values()):
            panel.mark_span(start, end)  # type: ignore[attr-defined]
        if end > start:
            self._bar_timer.start()
        else:
            self._bar_timer.stop()
            self.hide_selection_bar()

    def _show_selection_bar(self) -> None:
        start, end = self.view.selected_span()
        if end > start:
            self.selection_bar.show_near(self.view.span_rect(start, end))

    # drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.is_complete and self.importer.drop(event.mimeData()):
            event.acceptProposedAction()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True  # the first paint: build the rest, then start the work
            self.area.empty.removeEventFilter(self)
            self.complete_in_steps()  # the menus are populated by its last step
            QTimer.singleShot(0, self.tracker.release)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.hide_selection_bar()
        return super().eventFilter(watched, event)

    # closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True  # the second stage's steps left are not run any more
        self._remember_position()
        if self.persist_layout:
            self.settings.set_geometry(self.saveGeometry())
            self.settings.set_splitter(self.splitter.saveState())
            if self.is_complete:
                self.settings.set_library_header(self.library.view.header().saveState())
                self.settings.side_tab = self.tabs.currentIndex()
            self.settings.sync()
        self.tracker.wait(3000)
        from briefing.services.analysis_process import close_shared

        articles.compute_analyses_with(None)
        close_shared()  # the analysis child, if one was started
        if hasattr(self, "integrations"):  # built (closed while completing: maybe not)
            self.integrations.shutdown()
        if self.is_complete:
            self.upkeep.stop()
        closer = getattr(self.single_instance, "close", None)
        if callable(closer):
            closer()
        super().closeEvent(event)
