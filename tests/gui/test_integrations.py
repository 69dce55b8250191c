"""The review page and the language-model tab plug into the reader window on first use."""

from __future__ import annotations

import pytest


def test_review_mode_page_and_back(qtbot, shown_sample) -> None:
    win = shown_sample
    pytest.importorskip("briefing.gui.review")
    win.acts["review"].trigger()
    review = win.integrations.review
    assert review is not None and win.integrations.pages.currentWidget() is review
    qtbot.waitUntil(lambda: not review.is_loading(), timeout=15000)
    claim = win.session.analysis.claims[0]
    review.open_article.emit(win.session.article_id, claim.start, claim.end)
    assert win.integrations.pages.currentWidget() is win.splitter
    assert not win.acts["review"].isChecked()
    assert win.view.positions.to_py(win.view.textCursor().position()) == claim.start


def test_language_model_tab_is_built_on_first_visit(shown_sample) -> None:
    win = shown_sample
    pytest.importorskip("briefing.gui.llm.llm_panel")
    assert win.integrations.llm is None
    win.acts["tab5"].trigger()
    panel = win.integrations.llm
    assert panel is not None and win.tabs.currentWidget() is panel
    assert panel.article_id == win.session.article_id


def test_briefs_tab_is_built_on_first_visit(shown_sample) -> None:
    win = shown_sample
    pytest.importorskip("briefing.gui.briefs")
    assert win.integrations.briefs is None
    win.left.setCurrentIndex(win.integrations.briefs_index)
    panel = win.integrations.briefs
    assert panel is not None and win.left.currentWidget() is panel
    panel.open_article.emit(win.session.article_id)
    assert win.session.article is not None
    win.acts["search"].trigger()
    assert win.left.currentWidget() is win.library


def test_app_adds_the_cross_reading_pages(window) -> None:
    pytest.importorskip("briefing.gui.feeds.embedding")
    from briefing.gui.app import _cross_reading

    cross = _cross_reading(window)
    assert cross is not None and window.cross_reading is cross
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert any(a.text() == "&Feeds" for a in view_menu.actions())
