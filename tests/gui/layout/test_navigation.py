"""Issue 20 item 2: Esc, a visible back control and View → Reader leave every page; Ctrl+K
search reaches and opens results with Down / Enter; the note dialog accepts Ctrl+Enter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

PAGES = ("review", "feeds", "entities", "stories")


def _enter(win, key: str):  # type: ignore[no-untyped-def]
    if key == "review":
        win.acts["review"].setChecked(True)
        return win.integrations.review
    return win.cross_reading.show(key)


@pytest.fixture
def cross_window(window):  # type: ignore[no-untyped-def]
    from briefing.gui.feeds.embedding import CrossReading

    window.acts.populate()
    window.cross_reading = CrossReading(window)
    yield window
    window.cross_reading.shutdown()
    window.integrations.shutdown()


@pytest.mark.parametrize("key", PAGES)
def test_escape_and_the_back_button_return_to_the_reader(qtbot, cross_window, key) -> None:
    win = cross_window
    reader = win.pages.widget(0)
    page = _enter(win, key)
    assert win.pages.currentWidget() is page
    assert win.page_nav.isVisible() and win.page_nav.back_button.isVisible()
    assert win.page_nav.title.text()
    page.setFocus()
    qtbot.keyClick(win.focusWidget() or page, Qt.Key.Key_Escape)
    assert win.pages.currentWidget() is reader
    assert not win.page_nav.isVisible()
    _enter(win, key)
    qtbot.mouseClick(win.page_nav.back_button, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is reader
    _enter(win, key)
    win.acts["reader"].trigger()
    assert win.pages.currentWidget() is reader
    assert "Reader" in [a.text().replace("&", "") for a in win.menus["&View"].actions()]
    if key == "review":
        assert not win.acts["review"].isChecked()


def test_search_down_and_enter_reach_and_open_results(qtbot, window, tmp_path: Path) -> None:
    from tests.gui.conftest import import_and_show

    paths = []
    for name, text in (("a.txt", "Alpha bridge\n\nThe bridge reopens."),
                       ("b.txt", "Beta harbour\n\nThe harbour closes for winter.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    import_and_show(qtbot, window, paths)
    panel = window.library
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "harbour")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    assert panel.current_article_id() is not None
    panel.search.setFocus()
    with qtbot.waitSignal(panel.article_chosen, timeout=3000) as chosen:
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert window.lib.conn.execute(
        "SELECT title FROM articles WHERE id = ?", (chosen.args[0],)
    ).fetchone()[0] == "Beta harbour"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_note_dialog_accepts_ctrl_enter(qtbot, key) -> None:
    from briefing.gui.reader.note_dialog import NoteDialog

    dialog = NoteDialog("Add note", "Note:", "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.editor, "Check the source.")
    qtbot.keyClick(dialog.editor, key, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == NoteDialog.DialogCode.Accepted
    assert dialog.text() == "Check the source."


def test_keyboard_only_search_open_annotate_review_export(qtbot, cross_window, tmp_path: Path,
                                                         samples: Path) -> None:
    from tests.gui.conftest import import_and_show

    win = cross_window
    import_and_show(qtbot, win, [str(samples / "siversk.txt")])
    win.session.clear()  # nothing shown: the search must open it
    qtbot.keyClick(win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # search
    assert win.library.search.hasFocus()
    qtbot.keyClicks(win.library.search, "Siversk")
    with qtbot.waitSignal(win.analysis_shown, timeout=30000):
        qtbot.keyClick(win.library.search, Qt.Key.Key_Return)  # the first result opens
    text = win.session.article.text
    start = text.index("small assault groups")
    win.view.setFocus()
    win.view.select_span(start, start + len("small assault groups"))
    qtbot.keyClick(win.view, Qt.Key.Key_1)  # highlight in colour 1
    qtbot.waitUntil(lambda: len(win.session.annotations) == 1)
    qtbot.keyClick(win, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # review
    assert win.pages.currentWidget() is win.integrations.review
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Escape)  # back
    assert win.pages.currentIndex() == 0
    out = tmp_path / "brief.md"
    win.ask_save_path = lambda *_a: str(out)
    qtbot.keyClick(win.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # export
    qtbot.waitUntil(out.exists, timeout=20000)
    assert "small assault groups" in out.read_text(encoding="utf-8")
