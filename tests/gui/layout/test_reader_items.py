"""Issue 20's reader items: settings labels, dates of undated articles."""

from __future__ import annotations

from pathlib import Path


def test_settings_labels_have_buddies_and_placeholders_fit(qtbot, window) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit

    from briefing.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for label in dialog.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()  # else "&" is shown literally
    for field in dialog.findChildren(QLineEdit):
        if field.placeholderText() and not field.text():
            need = field.fontMetrics().horizontalAdvance(field.placeholderText())
            assert field.width() > need, field.placeholderText()


def test_undated_article_shows_no_import_date_as_published(
    qtbot, window, tmp_path: Path
) -> None:
    from tests.gui.conftest import import_and_show

    path = tmp_path / "plain.txt"
    path.write_text("Plain title\n\nThe council met on the bridge budget today.", "utf-8")
    import_and_show(qtbot, window, [str(path)])
    article = window.session.article
    assert article.published is None
    day = article.imported_at[:10]
    assert f"imported {day}" in window.area.meta.text()
    model = window.library.model
    dates = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert day not in dates
