"""The inline find bar: Ctrl+F, incremental matches, next/previous, case, emoji, Escape."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefing.domain import Article
from briefing.gui.reader.find_bar import find_all, fold
from tests.gui.conftest import import_and_show

OTHER = ("Winter strain on the grid\n\nEngineers in Kyiv restored power to the eastern "
         "districts after a night of outages, the energy ministry said. The grid held.\n")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _article(text: str, article_id: int = 1) -> Article:
    return Article(id=article_id, title=f"Article {article_id}", text=text, text_sha256="")


@pytest.fixture
def area(qtbot):
    from briefing.gui.reader.article_area import ArticleArea

    widget = ArticleArea(lambda _url: None)
    qtbot.addWidget(widget)
    widget.resize(760, 480)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _focus_reader(qtbot, win) -> None:
    win.acts.populate()
    win.activateWindow()
    qtbot.waitActive(win)
    win.view.setFocus()


def _find(qtbot, bar, query: str) -> None:
    bar.field.clear()
    qtbot.keyClicks(bar.field, query)
    qtbot.waitUntil(lambda: bar._searched == (query, bar.match_case.isChecked()), timeout=2000)


def _count(text: str, query: str) -> int:
    return text.casefold().count(query.casefold())


def test_fold_keeps_offsets() -> None:
    for text in ("Straße İstanbul ΟΔΟΣ", "plain ASCII", "🙂 Émile"):
        assert len(fold(text)) == len(text)
    assert find_all("Die Straße, die STRASSE", "straße") == [(4, 10)]
    assert find_all("ΟΔΟΣ οδος", "οδοσ") == [(0, 4), (5, 9)]  # final sigma folds too
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]  # no overlaps
    assert find_all("Alpha alpha", "alpha", match_case=True) == [(6, 11)]


def test_the_find_bar_is_not_imported_at_start_up() -> None:
    code = ("import sys, briefing.gui.shell.main_window, briefing.gui.reader.article_area;"
            "sys.exit('briefing.gui.reader.find_bar' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_ctrl_f_opens_a_focused_bar_under_the_article(qtbot, shown_sample) -> None:
    win = shown_sample
    assert win.area._find_bar is None  # built on first use only
    _focus_reader(qtbot, win)
    qtbot.keyClick(win.view, Qt.Key.Key_F, CTRL)
    bar = win.area.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    assert bar.parentWidget() is win.area
    assert bar.geometry().top() >= win.view.geometry().bottom()
    for button in (bar.previous_button, bar.next_button, bar.close_button):
        assert button.accessibleName() and button.toolTip()
    assert "F3" in bar.next_button.toolTip() and "Esc" in bar.close_button.toolTip()
    qtbot.keyClicks(bar.field, "kramatorsk")
    qtbot.keyClick(win.view, Qt.Key.Key_F, CTRL)  # again: field focused, its text selected
    assert bar.field.hasFocus() and bar.field.selectedText() == "kramatorsk"


def test_typing_finds_every_match_and_counts_them(qtbot, shown_sample) -> None:
    win = shown_sample
    text = win.session.article.text
    _focus_reader(qtbot, win)
    win.find_in_article()
    bar = win.area.find_bar
    _find(qtbot, bar, "siversk")
    expected = _count(text, "siversk")
    assert expected >= 2
    assert bar.status.text() == f"1 of {expected}"
    assert bar.field.accessibleDescription() == bar.status.text()
    spans = win.view.find_matches
    assert len(spans) == expected
    assert all(text[s:e].casefold() == "siversk" for s, e in spans)
    assert win.view.find_current == 0
    assert win.view.positions.to_py(win.view.textCursor().position()) == spans[0][0]
    assert len(win.view.find_selections) == expected
    strong = win.view.find_selections[-1]
    assert strong.cursor.selectedText() == text[slice(*spans[0])]
    assert strong.format.background() != win.view.find_selections[0].format.background()
    _find(qtbot, bar, "no such words here")
    assert bar.status.text() == "No matches" and bar.field.property("notFound") is True
    assert win.view.find_selections == []
    _find(qtbot, bar, "siversk")
    assert bar.field.property("notFound") is False


def test_next_and_previous_wrap_around(qtbot, shown_sample) -> None:
    win = shown_sample
    text = win.session.article.text
    _focus_reader(qtbot, win)
    win.find_in_article()
    bar = win.area.find_bar
    _find(qtbot, bar, "Siversk")
    count = _count(text, "Siversk")
    spans = win.view.find_matches
    for i in range(2, count + 1):
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
        assert bar.status.text() == f"{i} of {count}"
        assert win.view.find_current == i - 1
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.status.text() == f"1 of {count} · wrapped to top"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert bar.status.text() == f"{count} of {count} · wrapped to bottom"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.status.text() == f"1 of {count} · wrapped to top"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.status.text() == f"2 of {count}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert bar.status.text() == f"1 of {count}"
    bar.next_button.click()
    assert win.view.find_current == 1
    # F3 from the article itself (the window's Find Next action)
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_F3)
    assert win.view.find_current == 2 % count
    # after the caret moved, the next match is the one after the caret
    win.view.select_span(spans[-1][0] - 1, spans[-1][0] - 1)
    qtbot.keyClick(win.view, Qt.Key.Key_F3)
    assert win.view.find_current == count - 1


def test_match_case(qtbot, shown_sample) -> None:
    win = shown_sample
    text = win.session.article.text
    win.find_in_article()
    bar = win.area.find_bar
    _find(qtbot, bar, "the")
    assert len(bar.matches) == _count(text, "the") > text.count("the")
    bar.match_case.setChecked(True)
    assert len(bar.matches) == text.count("the")
    assert all(text[s:e] == "the" for s, e in bar.matches)
    _find(qtbot, bar, "RUSSIAN")
    assert bar.status.text() == "No matches"
    bar.match_case.setChecked(False)  # searched again from the caret (the first "the")
    russian = find_all(text, "russian")
    here = sum(1 for s, _e in russian if s < text.index("the")) + 1
    assert bar.status.text() == f"{here} of {len(russian)}"


def test_an_emoji_before_a_match_does_not_shift_it(qtbot, area) -> None:
    text = "🙂🙂 Alpha beta.\n🎉 Then alpha 🇺🇦 and ALPHA again."
    area.show_article(_article(text))
    assert area.open_find()
    bar = area.find_bar
    _find(qtbot, bar, "alpha")
    expected = [(i, i + 5) for i in range(len(text)) if text[i:i + 5].lower() == "alpha"]
    assert bar.matches == area.view.find_matches == expected
    by_start = {sel.cursor.selectionStart(): sel for sel in area.view.find_selections}
    assert len(by_start) == 3
    for start, end in expected:
        selection = by_start[area.view.positions.to_qt(start)]
        assert selection.cursor.selectedText() == text[start:end]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert area.view.selected_span() == expected[2]
    assert area.view.textCursor().selectedText() == "ALPHA"


def test_escape_closes_clears_and_keeps_the_match_selected(qtbot, shown_sample) -> None:
    win = shown_sample
    _focus_reader(qtbot, win)
    layers = len(win.view.extraSelections())
    qtbot.keyClick(win.view, Qt.Key.Key_F, CTRL)
    bar = win.area.find_bar
    _find(qtbot, bar, "Kramatorsk")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    span = bar.current_span
    assert span is not None and len(win.view.extraSelections()) > layers
    cancelled: list[bool] = []
    win.acts["cancel"].triggered.connect(lambda *_a: cancelled.append(True))
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert cancelled == []  # Escape belonged to the bar, not to "Cancel Background Work"
    assert not bar.isVisible()
    assert win.view.find_matches == [] and win.view.find_selections == []
    assert len(win.view.extraSelections()) == layers
    assert win.view.hasFocus()
    assert win.view.selected_span() == span
    # Ctrl+F with that selection pre-fills the field and finds it again
    qtbot.keyClick(win.view, Qt.Key.Key_F, CTRL)
    assert bar.field.text() == "Kramatorsk" and bar.current_span == span


def test_escape_in_the_article_closes_the_bar_before_cancelling_work(
        qtbot, shown_sample, monkeypatch: pytest.MonkeyPatch) -> None:
    win = shown_sample
    _focus_reader(qtbot, win)
    cancelled: list[bool] = []
    monkeypatch.setattr(win.tracker, "cancel_all", lambda: cancelled.append(True))
    qtbot.keyClick(win.view, Qt.Key.Key_F, CTRL)
    bar = win.area.find_bar
    _find(qtbot, bar, "Siversk")
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_Escape)
    assert not bar.isVisible() and win.view.find_matches == []
    assert cancelled == []
    qtbot.keyClick(win.view, Qt.Key.Key_Escape)  # no bar open: Esc cancels background work
    assert cancelled == [True]


def test_a_selection_prefills_the_field(qtbot, shown_sample) -> None:
    win = shown_sample
    text = win.session.article.text
    start = text.index("fortress belt")
    win.view.select_span(start, start + len("fortress belt"))
    win.find_in_article()
    bar = win.area.find_bar
    assert bar.field.text() == "fortress belt" and bar.field.selectedText() == "fortress belt"
    assert bar.current_span == (start, start + len("fortress belt"))
    win.view.select_span(0, text.index("\n") + 5)  # more than one line: not pre-filled
    win.find_in_article()
    assert bar.field.text() == "fortress belt"


def test_opening_another_article_searches_it_again(qtbot, shown_sample, tmp_path: Path) -> None:
    win = shown_sample
    win.find_in_article()
    bar = win.area.find_bar
    _find(qtbot, bar, "the")
    assert len(bar.matches) == _count(win.session.article.text, "the")
    other = tmp_path / "grid.txt"
    other.write_text(OTHER, encoding="utf-8")
    import_and_show(qtbot, win, [str(other)])
    text = win.session.article.text
    assert "Engineers in Kyiv" in text
    assert bar.isVisible()
    assert bar.matches == win.view.find_matches == find_all(text, "the")
    assert bar.status.text() == f"1 of {_count(text, 'the')}"
    assert all(text[s:e].casefold() == "the" for s, e in win.view.find_matches)


def test_entity_and_claim_layers_stay_under_the_matches(qtbot, shown_sample) -> None:
    win = shown_sample
    marks = win.view.marks
    assert {m.layer for m in marks} >= {"entities", "claims"}
    layers = win.view.extraSelections()[: len(marks)]
    win.find_in_article()
    bar = win.area.find_bar
    _find(qtbot, bar, "Siversk")
    found = len(win.view.find_selections)
    assert found == len(bar.matches)
    shown = win.view.extraSelections()
    assert len(shown) == len(marks) + found
    assert [s.cursor.selectionStart() for s in shown[: len(marks)]] == [
        s.cursor.selectionStart() for s in layers
    ]
    assert any(s.format.fontUnderline() for s in shown[: len(marks)])  # entities
    win.set_layer("claims", False)  # the layers are re-rendered; the find layer survives
    shown = win.view.extraSelections()
    assert win.view.find_selections and len(shown) == len(win.view.marks) + found
    assert shown[-1].cursor.selectedText() == "Siversk"  # the current match, on top
    win.set_layer("claims", True)


def test_many_matches_are_materialised_near_the_screen_only(qtbot, area) -> None:
    from briefing.gui.reader.article_view import FIND_CAP

    paragraph = "The quick brown fox jumps over the lazy dog near the old mill. " * 8
    text = "\n".join(f"{i}. {paragraph}" for i in range(400))
    area.show_article(_article(text))
    area.open_find()
    bar = area.find_bar
    _find(qtbot, bar, "the")
    count = _count(text, "the")
    assert count > 9000 and len(bar.matches) == count
    assert bar.status.text() == f"1 of {count:,}"
    view = area.view
    assert 0 < len(view.find_selections) <= FIND_CAP + 1 < count
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)  # wraps to the last match
    assert bar.status.text() == f"{count:,} of {count:,} · wrapped to bottom"
    last = view.find_selections[-1].cursor
    assert view.positions.to_py(last.selectionStart()) == bar.matches[-1][0]
    assert view.viewport().rect().contains(view.cursorRect().center())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    low, high = view.visible_range()
    starts = {view.positions.to_py(s.cursor.selectionStart()) for s in view.find_selections}
    assert any(low <= s <= high for s in starts)


def test_a_theme_change_recolours_matches_and_the_not_found_state(qtbot, shown_sample) -> None:
    from PySide6.QtGui import QColor, QPalette

    from briefing.gui.theme import DARK, LIGHT

    win = shown_sample
    win.set_theme("light")
    win.find_in_article()
    bar = win.area.find_bar
    _find(qtbot, bar, "Siversk")
    assert win.view.find_selections[-1].format.background().color() == QColor(LIGHT.flash)
    win.set_theme("dark")
    assert win.view.find_selections[-1].format.background().color() == QColor(DARK.flash)
    _find(qtbot, bar, "zzzz")
    base = QPalette.ColorRole.Base
    assert bar.field.palette().color(base) == QColor(DARK.highlight["pink"])
    win.set_theme("light")
    qtbot.waitUntil(lambda: bar.field.palette().color(base) == QColor(LIGHT.highlight["pink"]),
                    timeout=2000)
    _find(qtbot, bar, "Siversk")
    assert bar.field.palette().color(base) != QColor(LIGHT.highlight["pink"])
