"""Filters by tag and entity, the floating selection bar, the settings dialog, keyboard keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from briefing.services import annotating
from tests.gui.conftest import import_and_show

OTHER = ("Winter strain on the grid\n\nEngineers in Kyiv restored power to the eastern "
         "districts after a night of outages, the energy ministry said.\n")


def test_filter_by_tag_and_entity(qtbot, shown_sample, tmp_path: Path) -> None:
    win = shown_sample
    sample_id = win.session.article_id
    article = win.session.article
    start = article.text.index("Siversk")
    annotating.save_annotation(win.lib, annotating.new_annotation(
        article, start, start + 7, tags=["frontline"]))
    other = tmp_path / "grid.txt"
    other.write_text(OTHER, encoding="utf-8")
    import_and_show(qtbot, win, [str(other)])
    with qtbot.waitSignal(win.tracker.changed, timeout=5000,
                          check_params_cb=lambda *a: not win.tracker.is_busy()):
        win.refresh_facets()
    panel = win.library
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("frontline"))
    assert panel.visible_article_ids() == [sample_id]
    panel.tag_filter.setCurrentIndex(0)
    assert len(panel.visible_article_ids()) == 2
    putin = panel.entity_filter.findData("Vladimir Putin")
    assert putin > 0
    panel.entity_filter.setCurrentIndex(putin)
    assert panel.visible_article_ids() == [sample_id]


def test_selection_bar_appears_and_highlights(qtbot, shown_sample) -> None:
    win = shown_sample
    text = win.session.article.text
    start = text.index("fortress belt")
    win.view.select_span(start, start + len("fortress belt"))
    qtbot.waitUntil(win.selection_bar.isVisible, timeout=2000)
    win.selection_bar.color_buttons[3].click()  # colour 4 = pink
    [stored] = annotating.annotations_for(win.lib, win.session.article_id)
    assert stored.color == "pink" and stored.selector.exact == "fortress belt"
    win.view.select_span(start, start)
    assert not win.selection_bar.isVisible()


def test_number_keys_highlight_the_selection(qtbot, shown_sample) -> None:
    win = shown_sample
    win.activateWindow()
    qtbot.waitActive(win)
    text = win.session.article.text
    start = text.index("small assault groups")
    win.view.setFocus()
    win.view.select_span(start, start + 5)
    qtbot.keyClick(win.view, Qt.Key.Key_3)
    [stored] = annotating.annotations_for(win.lib, win.session.article_id)
    assert stored.color == "blue"
    qtbot.keyClick(win.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert annotating.annotations_for(win.lib, win.session.article_id) == []


def test_settings_dialog_applies(qtbot, shown_sample) -> None:
    from briefing.gui.shell.settings_dialog import SettingsDialog

    win = shown_sample
    dialog = SettingsDialog(win.settings, win)
    qtbot.addWidget(dialog)
    assert dialog.data_folder.isReadOnly() and dialog.data_folder.text()
    assert dialog.engine.findData("builtin") >= 0
    dialog.font_size.setValue(17)
    dialog.layers["claims"].setChecked(False)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.apply()
    win.apply_settings()
    assert win.view.point_size == 17
    assert win.colors.dark
    assert not any(m.layer == "claims" for m in win.view.marks)
    assert not win.acts["layer_claims"].isChecked()


def test_settings_dialog_chooses_a_brief_template(qtbot, shown_sample, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from briefing.gui.shell.settings_dialog import SettingsDialog
    from briefing.services.exporting import export_brief
    from briefing.settings_store import load_template_path

    win = shown_sample
    dialog = SettingsDialog(win.settings, win)
    qtbot.addWidget(dialog)
    copy = tmp_path / "mine.md.tmpl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    dialog._copy_template()
    assert copy.read_text(encoding="utf-8").count("${articles}") == 1
    copy.write_text("HOUSE STYLE\n${articles}", encoding="utf-8")
    dialog.accept()
    assert load_template_path() == copy
    text, _ = export_brief(win.lib, [win.session.article_id], "markdown")
    assert text.startswith("HOUSE STYLE")

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, m: warnings.append(m))
    again = SettingsDialog(win.settings, win)
    qtbot.addWidget(again)
    again.template.setText(str(tmp_path / "gone.tmpl"))
    again.accept()
    assert warnings and "gone.tmpl" in warnings[0]
    assert load_template_path() == copy  # the bad choice was not saved


def test_every_menu_action_is_reachable_by_keyboard(window) -> None:
    bar = window.menuBar()
    for menu_action in bar.actions():
        assert "&" in menu_action.text()  # Alt+letter opens every menu
    keyed = {k for k, a in window.acts.all.items() if not a.shortcut().isEmpty()}
    for needed in ("open", "paste", "export_markdown", "search", "undo", "redo", "note",
                   "next_claim", "prev_claim", "next_mention", "prev_mention", "tab1", "tab4",
                   "bigger", "smaller", "color1", "color5"):
        assert needed in keyed, needed
    assert window.library.search.accessibleName() and window.view.accessibleName()


def test_article_view_never_loads_resources(window) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    for url in ("http://example.org/pixel.png", "file:///etc/passwd"):
        resource = QTextDocument.ResourceType.ImageResource.value
        assert window.view.loadResource(resource, QUrl(url)) is None
    assert not window.view.openLinks() and not window.view.openExternalLinks()


def test_rename_and_delete_from_the_library(shown_sample) -> None:
    from briefing.services import articles

    win = shown_sample
    article_id = win.session.article_id
    win.ask_title = lambda _current: "Siversk falls"
    win.library.select_article(article_id)
    win.library.rename_requested.emit(article_id)
    assert articles.get_article(win.lib, article_id).title == "Siversk falls"
    assert win.area.title.text() == "Siversk falls"
    assert win.library.model.rows()[0].title == "Siversk falls"
    win.confirm_delete = lambda _title: False
    win.delete_article(article_id)
    assert win.library.model.rowCount() == 1
    win.confirm_delete = lambda _title: True
    win.delete_article(article_id)
    assert win.library.model.rowCount() == 0 and win.session.article is None
    assert win.area.empty.isVisibleTo(win)


def test_entity_context_action_filters_the_library(qtbot, shown_sample) -> None:
    win = shown_sample
    with qtbot.waitSignal(win.tracker.changed, timeout=5000,
                          check_params_cb=lambda *a: not win.tracker.is_busy()):
        win.refresh_facets()
    win.show_articles_with("Vladimir Putin")
    assert win.library.entity_filter.currentData() == "Vladimir Putin"
    assert win.library.visible_article_ids() == [win.session.article_id]
    win.show_articles_with("Nobody Known")
    assert "Nobody Known" in win.banner.text()


def test_settings_choose_full_paths_in_briefs(qtbot, shown_sample) -> None:
    """Issue 18: briefs name a local file by its name; the setting brings the full path back."""
    from briefing.gui.shell.settings_dialog import SettingsDialog
    from briefing.services.articles import get_article
    from briefing.services.exporting import export_brief
    from briefing.settings_store import load_export_full_paths

    win = shown_sample
    source = get_article(win.lib, win.session.article_id).source_path
    assert source and "/" in source
    dialog = SettingsDialog(win.settings, win)
    qtbot.addWidget(dialog)
    assert not dialog.full_paths.isChecked()
    text, _ = export_brief(win.lib, [win.session.article_id], "markdown")
    assert source not in text
    dialog.full_paths.setChecked(True)
    dialog.accept()
    assert load_export_full_paths()
    text, _ = export_brief(win.lib, [win.session.article_id], "markdown")
    assert source in text
