"""Pages and tabs written elsewhere in briefing.gui, plugged into the reader window lazily:
the review mode (a page switched with View → Review Mode), the language-model tab, the
briefs tab beside the library (with its preview/export dialog) and the revisions viewer.

Each is imported and built on first use, so start-up does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget

from briefing.gui.widgets.load_state import LoadState, build_or_explain

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow
    from briefing.llm.secrets import SessionKeys

LLM_TAB_TITLE = "&LLM"

class Integrations:
    """Owns the page stack (reader | review) and the lazily built language-model tab."""

    def __init__(self, window: MainWindow, pages: QStackedWidget) -> None:
        self.w = window
        self.pages = pages  # the window's page stack; its first page is the reader
        self.reader = pages.widget(0)
        self.review: Any = None
        self.llm: Any = None
        self.llm_placeholder = LoadState("Loading…", "Language-model tab status")
        self.llm_index = window.tabs.addTab(self.llm_placeholder, LLM_TAB_TITLE)
        window.tabs.setTabToolTip(self.llm_index, "Language model (optional, off by default)")
        window.tabs.currentChanged.connect(self._tab_changed)
        self.briefs: Any = None
        self._session_keys: SessionKeys | None = None
        self.briefs_placeholder = LoadState("Loading…", "Briefs tab status")
        self.briefs_index = window.left.addTab(self.briefs_placeholder, "B&riefs")
        window.left.currentChanged.connect(self._left_changed)
        window.session.article_changed.connect(self._article_changed)
        window.panel_built.connect(self._panel_built)

    @property
    def session_keys(self) -> SessionKeys:
        """Language-model keys kept for this session only (never written anywhere): one
        store for the LLM tab and the brief summaries, so a key given once serves both."""
        if self._session_keys is None:
            from briefing.llm.secrets import SessionKeys

            self._session_keys = SessionKeys()
        return self._session_keys

    # review mode -----------------------------------------------------------------------
    def show_review(self, on: bool) -> None:
        if on and self.review is None:
            from briefing.gui.review import ReviewMode

            self.review = ReviewMode()
            self.review.open_article.connect(self._open_from_review)
            self.review.export_brief_requested.connect(self._export_brief)
            self.pages.addWidget(self.review)
        if self.review is not None:
            self.pages.setCurrentWidget(self.review if on else self.reader)
            (self.review if on else self.w.view).setFocus()

    def _open_from_review(self, article_id: int, start: int, end: int) -> None:
        self.w.acts["review"].setChecked(False)
        self.w.open_article(article_id)
        if end > start:
            self.w.view.reveal(start, end)

    def _export_brief(self, brief_id: int) -> None:
        from briefing.domain import BriefingError
        from briefing.services.briefs import get_brief

        try:
            brief = get_brief(self.w.lib, brief_id)
        except BriefingError as exc:
            self.w.banner.show_message(str(exc))
            return
        self.w.export_articles(list(brief.article_ids), "markdown", brief.title)

    # language-model tab ----------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if index != self.llm_index or self.llm is not None:
            return
        from briefing.gui.llm.llm_panel import LlmPanel

        self.llm = build_or_explain(
            "The language-model tab", lambda: LlmPanel(session_keys=self.session_keys),
            self.llm_placeholder, lambda: self._tab_changed(self.llm_index))
        if self.llm is None:
            return
        self.llm.show_span.connect(self.w.reveal)
        self.llm.provider_changed.connect(self._provider_changed)
        self.llm.message.connect(lambda text: self.w.banner.show_message(text))
        self.w.tabs.blockSignals(True)
        self.w.tabs.removeTab(self.llm_index)
        self.w.tabs.insertTab(self.llm_index, self.llm, LLM_TAB_TITLE)
        self.w.tabs.setTabToolTip(self.llm_index, "Language model (optional, off by default)")
        self.w.tabs.setCurrentIndex(self.llm_index)
        self.w.tabs.blockSignals(False)
        self._article_changed()
        self._claim_changed()

    def _article_changed(self) -> None:
        if self.llm is not None:
            self.llm.set_article(self.w.session.article_id)
        if self.briefs is not None:
            self.briefs.set_current_article(self.w.session.article_id)

    # briefs and revisions --------------------------------------------------------------
    def _left_changed(self, index: int) -> None:
        if index != self.briefs_index or self.briefs is not None:
            return
        from briefing.gui.briefs import BriefPanel

        def build() -> BriefPanel:
            panel = BriefPanel(self.w.lib)
            panel.refresh()  # reads the library: may fail (busy, disk)
            return panel

        self.briefs = build_or_explain("The briefs", build, self.briefs_placeholder,
                                       lambda: self._left_changed(self.briefs_index))
        if self.briefs is None:
            return
        self.briefs.session_keys = self.session_keys
        self.briefs.open_article.connect(self.w.open_article)
        self.briefs.export_requested.connect(self.preview_brief)
        self.briefs.error.connect(lambda text: self.w.banner.show_message(text))
        self.briefs.changed.connect(self.w.library.refresh)
        left = self.w.left
        left.blockSignals(True)
        left.removeTab(self.briefs_index)
        left.insertTab(self.briefs_index, self.briefs, "B&riefs")
        left.setCurrentIndex(self.briefs_index)
        left.blockSignals(False)
        self._article_changed()

    def preview_brief(self, article_ids: list[int], title: str) -> None:
        """Preview (print, PDF, export) a brief."""
        from briefing.gui.briefs import PreviewDialog

        dialog = PreviewDialog(list(article_ids), title, self.w,
                               summary_length=self.w.summary.length)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def preview_current_brief(self) -> None:
        """File → Preview Brief…: the brief chosen in the Briefs tab, else this article."""
        brief = self.briefs.current_brief() if self.briefs is not None else None
        if brief is not None and brief.article_ids:
            self.preview_brief(list(brief.article_ids), brief.title)
        elif self.w.session.article is not None:
            article = self.w.session.article
            self.preview_brief([article.id], article.title)
        else:
            self.w.banner.show_message("Open an article or choose a brief to preview.",
                                       kind="info", timeout_ms=5000)

    def show_revisions(self) -> None:
        from briefing.gui.briefs import RevisionsDialog

        article_id = self.w.session.article_id
        if article_id is None:
            return
        dialog = RevisionsDialog(self.w.lib, article_id, self.w)
        dialog.revised.connect(self._revised)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _revised(self, article_id: int) -> None:
        """A new edition was stored: show it, with annotations re-anchored."""
        self.w.library.refresh()
        self.w.open_article(article_id)

    def open_llm_settings(self) -> None:
        """File → Language Model…: the provider dialog (builds the tab if needed)."""
        if self.llm is None:
            self.w.tabs.setCurrentIndex(self.llm_index)  # _tab_changed builds the panel
        if self.llm is not None:
            self.llm.open_settings()

    def _panel_built(self, name: str) -> None:
        if name == "claims":
            self.w.claims.view.clicked.connect(lambda _i: self._claim_changed())

    def _claim_changed(self) -> None:
        claims = self.w.built_panel("claims")
        claim = claims.current_claim() if claims is not None else None  # type: ignore[attr-defined]
        article_id = self.w.session.article_id
        if self.llm is not None and claim is not None and article_id is not None:
            self.llm.set_claim(article_id, claim.start, claim.end)

    def _provider_changed(self, settings: object) -> None:
        if self.briefs is not None:
            self.briefs.set_provider(settings)

    def shutdown(self) -> None:
        if self.llm is not None:
            self.llm.shutdown()
        if self.review is not None:
            self.review.shutdown()
        if self.briefs is not None:
            self.briefs.shutdown()
