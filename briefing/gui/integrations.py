"""Pages and tabs written elsewhere in briefing.gui, plugged into the reader window lazily:
the review mode (a page switched with View → Review Mode), the language-model tab, the
briefs tab beside the library (with its preview/export dialog) and the revisions viewer.

Both are created on first use, so start-up does not pay for them; either is left out when
its package cannot be imported.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow

log = logging.getLogger(__name__)
LLM_TAB_TITLE = "&LLM"


def _load(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError as exc:
        log.info("%s is not available: %s", module, exc)
        return None


class Integrations:
    """Owns the page stack (reader | review) and the lazily built language-model tab."""

    def __init__(self, window: MainWindow, reader: QWidget) -> None:
        self.w = window
        self.pages = QStackedWidget()
        self.pages.addWidget(reader)
        self.reader = reader
        self.review: Any = None
        self.llm: Any = None
        self.llm_placeholder = QLabel("Loading…")
        self.llm_index = window.tabs.addTab(self.llm_placeholder, LLM_TAB_TITLE)
        window.tabs.setTabToolTip(self.llm_index, "Language model (optional, off by default)")
        window.tabs.currentChanged.connect(self._tab_changed)
        self.briefs: Any = None
        self.briefs_placeholder = QLabel("Loading…")
        self.briefs_index = window.left.addTab(self.briefs_placeholder, "B&riefs")
        window.left.currentChanged.connect(self._left_changed)
        window.session.article_changed.connect(self._article_changed)
        window.claims.view.clicked.connect(lambda _i: self._claim_changed())

    # review mode -----------------------------------------------------------------------
    def show_review(self, on: bool) -> None:
        if on and self.review is None:
            review_mode = _load("briefing.gui.review", "ReviewMode")
            if review_mode is None:
                self.w.banner.show_message("Review mode is not available in this build.")
                return
            self.review = review_mode()
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
        panel_class = _load("briefing.gui.llm.llm_panel", "LlmPanel")
        if panel_class is None:
            self.llm_placeholder.setText("The language-model panel is not available.")
            return
        self.llm = panel_class()
        self.llm.show_span.connect(self.w.reveal)
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
        panel_class = _load("briefing.gui.briefs", "BriefPanel")
        if panel_class is None:
            self.briefs_placeholder.setText("Briefs are not available in this build.")
            return
        self.briefs = panel_class(self.w.lib)
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
        self.briefs.refresh()
        self._article_changed()

    def preview_brief(self, article_ids: list[int], title: str) -> None:
        """Preview (print, PDF, export) a brief; plain export when the preview is missing."""
        dialog_class = _load("briefing.gui.briefs", "PreviewDialog")
        if dialog_class is None:
            self.w.export_articles(list(article_ids), "markdown", title)
            return
        dialog = dialog_class(list(article_ids), title, self.w,
                              summary_length=self.w.summary.length)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_revisions(self) -> None:
        article_id = self.w.session.article_id
        dialog_class = _load("briefing.gui.briefs", "RevisionsDialog")
        if article_id is None or dialog_class is None:
            return
        dialog = dialog_class(self.w.lib, article_id, self.w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _claim_changed(self) -> None:
        claim = self.w.claims.current_claim()
        article_id = self.w.session.article_id
        if self.llm is not None and claim is not None and article_id is not None:
            self.llm.set_claim(article_id, claim.start, claim.end)

    def shutdown(self) -> None:
        if self.llm is not None:
            self.llm.shutdown()
        if self.review is not None:
            self.review.shutdown()
