"""Python index <-> Qt (UTF-16) position mapping, checked against a real QTextDocument."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from briefing.gui.positions import PositionMap, py_to_qt, qt_to_py

EMOJI_TEXT = "Hi 😀 there 👍🏽 ok\nnext é line 𝄞 end"


def test_bmp_text_is_identity() -> None:
    pm = PositionMap("plain text")
    assert [pm.to_qt(i) for i in range(11)] == list(range(11))
    assert pm.to_py(5) == 5


def test_emoji_counts_two_positions() -> None:
    text = "a😀b"
    assert [py_to_qt(text, i) for i in range(4)] == [0, 1, 3, 4]
    assert [qt_to_py(text, p) for p in range(5)] == [0, 1, 1, 2, 3]  # 2 is inside the pair


def test_matches_qtextdocument(qapp) -> None:
    doc = QTextDocument()
    doc.setPlainText(EMOJI_TEXT)
    pm = PositionMap(EMOJI_TEXT)
    assert pm.qt_length == doc.characterCount() - 1
    for index, char in enumerate(EMOJI_TEXT):
        cursor = QTextCursor(doc)
        cursor.setPosition(pm.to_qt(index))
        cursor.setPosition(pm.to_qt(index + 1), QTextCursor.MoveMode.KeepAnchor)
        selected = cursor.selectedText().replace("\u2029", "\n")
        assert selected == char, (index, char)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_round_trip(text: str) -> None:
    pm = PositionMap(text)
    for index in range(len(text) + 1):
        assert pm.to_py(pm.to_qt(index)) == index
    assert pm.qt_length == len(text.encode("utf-16-le")) // 2
    for position in range(pm.qt_length + 1):
        assert 0 <= pm.to_py(position) <= len(text)
