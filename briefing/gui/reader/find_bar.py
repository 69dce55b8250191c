"""The inline "Find in article" bar under the article view (built on the first Ctrl+F).

Plain-text matching over the article's normalised text with Python offsets (case-insensitive
unless "Match case" is on); the view's find layer shows every match and the current one.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from briefing.gui.reader.article_view import ArticleView

DEBOUNCE_MS = 120
WRAPPED = {1: "wrapped to top", -1: "wrapped to bottom"}
Key = QKeySequence.StandardKey


def fold(text: str) -> str:
    """Case-folded ``text`` with the same length (so offsets stay valid): characters whose
    folding takes more than one character (ß, İ) are kept as they are."""
    folded = text.casefold()
    if len(folded) == len(text):  # folding never shortens: every character mapped 1:1
        return folded
    return "".join(f if len(f := ch.casefold()) == 1 else ch for ch in text)


def find_all(
    text: str, query: str, match_case: bool = False, *, folded: str | None = None
) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of ``query`` in ``text`` as Python ``(start, end)`` spans;
    ``folded`` is ``fold(text)`` when the caller keeps it."""
    if not query:
        return []
    if not match_case:
        text, query = (fold(text) if folded is None else folded), fold(query)
    spans: list[tuple[int, int]] = []
    size = len(query)
    index = text.find(query)
    while index >= 0:
        spans.append((index, index + size))
        index = text.find(query, index + size)
    return spans


def with_keys(text: str, first: str, key: Key) -> str:
    """``text`` with its keys for a tooltip: "Next match (Enter, F3)"."""
    names = [first] + [s.toString(QKeySequence.SequenceFormat.NativeText)
                       for s in QKeySequence.keyBindings(key)[:1]]
    return f"{text} ({', '.join(names)})"


class FindBar(QFrame):
    """Field, previous/next, "Match case", the result label and a close button.

    Enter / F3 go to the next match, Shift+Enter / Shift+F3 to the previous one (wrapping),
    Escape closes the bar leaving the current match selected in the view.
    """

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find in article")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.view = view
        self._spans: list[tuple[int, int]] = []
        self._current: int | None = None
        self._searched: tuple[str, bool] | None = None  # query and case of ``_spans``
        self._caret = -1  # where the view's caret was put on the current match
        self._folded: tuple[str, str] = ("", "")  # (text, its fold) cache
        self._note = ""

        self.field = QLineEdit(objectName="findField")
        self.field.setPlaceholderText("Find in article")
        self.field.setAccessibleName("Find in article")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(180)
        self.field.setMaximumWidth(320)
        self.previous_button = self._button(
            "findPrevious", "Previous match",
            with_keys("Previous match", "Shift+Enter", Key.FindPrevious))
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = self._button(
            "findNext", "Next match", with_keys("Next match", "Enter", Key.FindNext))
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        for arrow in (self.previous_button, self.next_button):
            arrow.setIconSize(QSize(18, 18))
        self.match_case = QCheckBox("Match case", objectName="findMatchCase")
        self.match_case.setAccessibleName("Match case")
        self.match_case.setToolTip("Only find text with the same capital letters")
        self.status = QLabel(objectName="findStatus")
        self.status.setAccessibleName("Find result")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = self._button("findClose", "Close find bar", "Close (Esc)")
        self.close_button.setText("\u00d7")  # ×, drawn in the theme's text colour
        font = self.close_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.close_button.setFont(font)
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.match_case)
        layout.addSpacing(8)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.setFocusProxy(self.field)

        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.match_case.toggled.connect(lambda _on: self.search())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.close_bar)

    def _button(self, name: str, accessible: str, tip: str) -> QToolButton:
        button = QToolButton(objectName=name)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    # state -----------------------------------------------------------------------------
    @property
    def matches(self) -> list[tuple[int, int]]:
        return list(self._spans)

    @property
    def current(self) -> int | None:
        return self._current

    @property
    def current_span(self) -> tuple[int, int] | None:
        return self._spans[self._current] if self._current is not None else None

    # opening and closing ---------------------------------------------------------------
    def open(self, prefill: str = "") -> None:
        """Show and focus the field (its text selected); ``prefill`` replaces the query and
        the search starts again from the reading position."""
        if prefill:
            self._current = None
            self.field.setText(prefill)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text():
            self.search()

    def close_bar(self) -> None:
        """Hide, clear the view's find layer, select the current match, focus the view."""
        span = self.current_span
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.dismiss()
        if span is not None:
            self.view.select_span(*span)

    def dismiss(self) -> None:
        """Hide and forget the matches (no focus change, no selection)."""
        self._timer.stop()
        self.hide()
        self._forget()
        self.view.clear_find()

    def article_changed(self) -> None:
        """The view shows another text: drop the matches; search it again when open."""
        self._timer.stop()
        self._forget()
        if self.isVisible() and self.field.text():
            self.search()
        else:
            self._show_status()

    def _forget(self) -> None:
        self._spans, self._current, self._searched, self._caret = [], None, None, -1
        self._note = ""

    # searching -------------------------------------------------------------------------
    def _folded_text(self) -> str:
        text = self.view.text
        if self._folded[0] is not text:
            self._folded = (text, fold(text))
        return self._folded[1]

    def _find(self, query: str, match_case: bool) -> list[tuple[int, int]]:
        folded = None if match_case or not query else self._folded_text()
        return find_all(self.view.text, query, match_case, folded=folded)

    def search(self) -> None:
        """Run the field's query now, from the current match (or the reading position)."""
        self._timer.stop()
        query, match_case = self.field.text(), self.match_case.isChecked()
        anchor = self._spans[self._current][0] if self._current is not None else (
            self.view.reading_position())
        self._spans = self._find(query, match_case)
        self._searched = (query, match_case)
        self._note = ""
        if not self._spans:
            self._current = None
        else:
            index = bisect_left(self._spans, anchor, key=lambda span: span[0])
            if index == len(self._spans):
                index, self._note = 0, WRAPPED[1]
            self._current = index
        self._show_current()

    def step(self, direction: int) -> None:
        """Go to the next (``1``) or previous (``-1``) match, wrapping around. After the user
        moved the caret in the article, the step starts from there."""
        if self._timer.isActive() or self._searched != (
            self.field.text(), self.match_case.isChecked()
        ):
            self.search()
        count = len(self._spans)
        if not count:
            self._show_status()
            return
        caret = self.view.positions.to_py(self.view.textCursor().selectionStart())
        if self._current is None or caret != self._caret:
            index = bisect_left(self._spans, caret, key=lambda span: span[0])
            if direction < 0:
                index -= 1
        else:
            index = self._current + direction
        wrapped = not 0 <= index < count
        self._current = index % count
        self._note = WRAPPED[direction] if wrapped else ""
        self._show_current()

    def _show_current(self) -> None:
        self.view.set_find_matches(self._spans, self._current)
        span = self.current_span
        self._caret = span[0] if span is not None else -1
        self._show_status()

    def _show_status(self) -> None:
        count, query = len(self._spans), self.field.text()
        if not query or self._searched is None:
            text = ""
        elif not count:
            text = "No matches"
        else:
            text = f"{(self._current or 0) + 1:,} of {count:,}"
            if self._note:
                text += f" · {self._note}"
        self.status.setText(text)
        self.field.setAccessibleDescription(text)
        self._set_not_found(bool(query) and self._searched is not None and not count)

    def _set_not_found(self, not_found: bool) -> None:
        if bool(self.field.property("notFound")) == not_found:
            return
        self.field.setProperty("notFound", not_found)
        palette = QPalette()  # only the roles set here override the inherited palette
        if not_found:
            colors = self.view.colors
            palette.setColor(QPalette.ColorRole.Base, QColor(colors.highlight["pink"]))
            palette.setColor(QPalette.ColorRole.Text, QColor(colors.text))
        self.field.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.field.property("notFound"):
            # the theme changed; the view has its new colours once the layers are redrawn
            QTimer.singleShot(0, self._retint)

    def _retint(self) -> None:
        if self.field.property("notFound"):
            self.field.setProperty("notFound", False)
            self._set_not_found(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)  # a hairline between the article and the bar
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(0, 0, self.width(), 0)
        painter.end()

    # keys ------------------------------------------------------------------------------
    @staticmethod
    def command(event: QKeyEvent) -> int | None:
        """1 = next, -1 = previous, 0 = close, None = not a find-bar key."""
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape and modifiers == Qt.KeyboardModifier.NoModifier:
            return 0
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return -1 if modifiers & Qt.KeyboardModifier.ShiftModifier else 1
        if event.matches(Key.FindNext):
            return 1
        if event.matches(Key.FindPrevious):
            return -1
        return None

    def event(self, event: QEvent) -> bool:
        # Escape and F3 are window shortcuts too; inside the bar they are the bar's keys.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self.command(event) is not None):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = self.command(event)
        if command is None:
            super().keyPressEvent(event)
            return
        event.accept()
        if command == 0:
            self.close_bar()
        else:
            self.step(command)
