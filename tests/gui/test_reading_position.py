"""Each article reopens where the reader stopped: on switching back, and at the next start
(the first paint already shows that place)."""

from __future__ import annotations

from pathlib import Path

from briefing.gui.gui_settings import GuiSettings
from briefing.gui.shell.main_window import MainWindow
from briefing.services import reading
from tests.gui.conftest import import_and_show

PARAGRAPH = ("Paragraph {i}: engineers restored power to the districts after a night of "
             "outages, the energy ministry said, and promised a report on the failures.")


def _long_article(folder: Path, name: str = "long.txt", count: int = 120) -> Path:
    path = folder / name
    body = "\n\n".join(PARAGRAPH.format(i=i) for i in range(count))
    path.write_text(f"Power returns to the grid\n\n{body}\n", encoding="utf-8")
    return path


def _on_top_line(win: MainWindow, offset: int) -> bool:
    """The line holding ``offset`` is the first line on screen."""
    top = win.view.top_position()
    text = win.session.article.text
    return top <= offset and "\n" not in text[top:offset] and offset - top < 200


def test_switching_back_returns_to_the_place(qtbot, window, tmp_path: Path,
                                             samples: Path) -> None:
    import_and_show(qtbot, window, [str(_long_article(tmp_path))])
    long_id = window.session.article_id
    text = window.session.article.text
    place = text.index("Paragraph 61:")
    window.view.scroll_to_position(place)
    assert _on_top_line(window, place)
    import_and_show(qtbot, window, [str(samples / "siversk.txt")])
    assert window.view.top_position() == 0  # another article starts at its top
    window.open_article(long_id)
    assert _on_top_line(window, place)
    assert reading.reading_position(window.lib, long_id) == window.view.top_position()


def test_the_next_start_paints_the_place_first(qtbot, window, tmp_path: Path) -> None:
    import_and_show(qtbot, window, [str(_long_article(tmp_path))])
    place = window.session.article.text.index("Paragraph 90:")
    window.view.scroll_to_position(place)
    window.tracker.wait(5000)
    window.close()  # remembers the place (and the article)

    again = MainWindow(window.lib, GuiSettings(), staged=True)
    qtbot.addWidget(again)
    assert again.reopen_last()
    again.resize(1100, 700)
    scrolled: list[int] = []
    original = again.eventFilter

    def first_paint(watched, event):  # the scroll bar as the first paint shows the text
        if event.type() == event.Type.Paint and not scrolled:
            scrolled.append(again.view.verticalScrollBar().value())
        return original(watched, event)

    again.eventFilter = first_paint  # type: ignore[method-assign]
    with qtbot.waitSignal(again.completed, timeout=5000):
        again.show()
    assert _on_top_line(again, place)
    assert scrolled[0] > 0 and scrolled[0] == again.view.verticalScrollBar().value()
    again.tracker.wait(5000)
    again.close()


def test_screenshots_leave_reading_places_alone(qtbot, window, tmp_path: Path,
                                                samples: Path) -> None:
    import_and_show(qtbot, window, [str(_long_article(tmp_path))])
    long_id = window.session.article_id
    window.persist_layout = False  # as `briefing gui --screenshot` does
    window.view.scroll_to_position(window.session.article.text.index("Paragraph 30:"))
    import_and_show(qtbot, window, [str(samples / "siversk.txt")])
    assert reading.reading_position(window.lib, long_id) == 0


def test_the_place_is_kept_when_leaving_from_another_page(qtbot, window, tmp_path: Path) -> None:
    import_and_show(qtbot, window, [str(_long_article(tmp_path))])
    long_id = window.session.article_id
    place = window.session.article.text.index("Paragraph 40:")
    window.view.scroll_to_position(place)
    window.acts["review"].trigger()  # the review page hides the reader
    assert not window.view.isVisible()
    window.tracker.wait(5000)
    window.close()
    assert reading.reading_position(window.lib, long_id) == window.view.top_position()
    assert window.view.top_position() <= place
