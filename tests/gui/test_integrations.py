"""The review page and the language-model tab plug into the reader window on first use."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from briefing.gui.briefs import PreviewDialog, RevisionsDialog


def test_review_mode_page_and_back(qtbot, shown_sample) -> None:
    win = shown_sample
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
    assert win.integrations.llm is None
    win.acts["tab5"].trigger()
    panel = win.integrations.llm
    assert panel is not None and win.tabs.currentWidget() is panel
    assert panel.article_id == win.session.article_id


def test_briefs_tab_is_built_on_first_visit(shown_sample) -> None:
    win = shown_sample
    assert win.integrations.briefs is None
    win.left.setCurrentIndex(win.integrations.briefs_index)
    panel = win.integrations.briefs
    assert panel is not None and win.left.currentWidget() is panel
    panel.open_article.emit(win.session.article_id)
    assert win.session.article is not None
    win.acts["search"].trigger()
    assert win.left.currentWidget() is win.library


def test_app_adds_the_cross_reading_pages(window) -> None:
    from briefing.gui.app import _cross_reading

    cross = _cross_reading(window)
    assert window.cross_reading is cross
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert any(a.text() == "&Feeds" for a in view_menu.actions())


def test_file_preview_brief_shows_the_current_article(qtbot, shown_sample) -> None:
    win = shown_sample
    win.acts["preview_brief"].trigger()
    dialog = win.findChild(PreviewDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: win.session.article.title in dialog.browser.toPlainText(),
                    timeout=20000)
    dialog.close()


def test_a_revision_from_the_dialog_reloads_the_article(qtbot, shown_sample, samples) -> None:
    win = shown_sample
    win.acts["revisions"].trigger()
    dialog = win.findChild(RevisionsDialog)
    assert dialog is not None
    with qtbot.waitSignal(win.analysis_shown, timeout=30000):
        dialog.revise_from(str(samples / "siversk-revised.txt"))
    assert win.session.article.revision == 2
    assert win.view.toPlainText().startswith("UPDATE:")
    dialog.close()


def test_about_lists_versions_and_bundled_data_licences(shown_sample) -> None:
    win = shown_sample
    win.acts["about"].trigger()
    box = win.findChild(QMessageBox)
    assert box is not None and "Briefing" in box.text()
    assert "Bundled data" in box.detailedText() and "analysis" in box.detailedText()
    box.close()


def test_language_model_settings_open_the_provider_dialog(qtbot, shown_sample) -> None:
    from briefing.gui.llm.provider_dialog import ProviderDialog

    win = shown_sample
    win.acts["llm_settings"].trigger()
    qtbot.waitUntil(lambda: win.findChild(ProviderDialog) is not None, timeout=5000)
    win.findChild(ProviderDialog).close()


def test_provider_saved_in_the_llm_tab_reaches_the_briefs_panel(shown_sample) -> None:
    from briefing.llm.settings import ProviderSettings

    win = shown_sample
    win.left.setCurrentIndex(win.integrations.briefs_index)
    win.acts["tab5"].trigger()
    enabled = ProviderSettings(enabled=True, model="m")
    win.integrations.llm.set_provider(enabled)
    assert win.integrations.briefs.llm_settings == enabled


def test_the_reader_shares_one_session_key_store(shown_sample) -> None:
    win = shown_sample
    win.acts["tab5"].trigger()  # the LLM tab
    win.left.setCurrentIndex(win.integrations.briefs_index)  # the Briefs tab
    shared = win.integrations.session_keys
    assert win.integrations.llm.session_keys is shared
    assert win.integrations.briefs.session_keys is shared
