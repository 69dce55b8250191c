"""The article view: the normalised text as plain text, highlight layers, flash, tooltips.

Never loads remote resources; all offsets crossing its API are Python str indices.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from briefing.gui.positions import PositionMap
from briefing.gui.reader.highlight_layers import (
    Mark,
    claim_alpha,
    describe_at,
    extra_selections,
    selection_for,
)
from briefing.gui.theme import LIGHT, Colors

if TYPE_CHECKING:
    from PySide6.QtCore import QVariantAnimation
    from PySide6.QtGui import QTextCharFormat

    from briefing.domain.structure import Block

MEASURE_CHARS = 72  # a comfortable line length
BAR_WIDTH = 3
FIND_CAP = 3000  # most find matches materialised at once (around the visible part)


class ArticleView(QTextBrowser):
    """Read-only text with layers. ``selection_changed(start, end)`` uses Python offsets
    (``start == end`` when nothing is selected)."""

    selection_changed = Signal(int, int)
    column_changed = Signal(int)  # left edge of the text column, in viewport pixels

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName("Article text")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.document().setUndoRedoEnabled(False)
        self._text = ""
        self._blocks: tuple[Block, ...] = ()
        self.positions = PositionMap("")
        self._marks: list[Mark] = []
        self._layer_selections: list[QTextEdit.ExtraSelection] = []
        self._flash: QTextEdit.ExtraSelection | None = None
        self.colors: Colors = LIGHT
        self._point_size = 13
        self._animation: QVariantAnimation | None = None  # the flash, made when first used
        self._flash_span = (0, 0)
        self._pending_top: int | None = None  # see scroll_to_position
        self._find_spans: list[tuple[int, int]] = []
        self._find_current: int | None = None
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._find_covered: tuple[int, int] | None = None  # Python range materialised
        self._find_hooked = False  # scrolling re-materialises the find layer
        self.selectionChanged.connect(self._emit_selection)

    def enable_keyboard_selection(self) -> None:
        """Selectable by keyboard as well as mouse. Set after the first paint: Qt's ``Qt``
        namespace of enums takes ~15 ms to load, which the first paint does not need."""
        from PySide6.QtCore import Qt

        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

    # resources: never remote, never local files either ----------------------------------
    def loadResource(self, type: int, name: Any) -> Any:
        return None

    # content ---------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    def set_article_text(self, text: str, blocks: Sequence[Block] = ()) -> None:
        """Show ``text``; ``blocks`` (headings, list items, table rows...) format it in place."""
        if self._animation is not None:
            self._animation.stop()
        self._flash = None
        self._marks = []
        self._layer_selections = []
        self._find_spans, self._find_current = [], None
        self._find_selections, self._find_covered = [], None
        self._text = text
        self._blocks = tuple(blocks)
        self.positions = PositionMap(text)
        self.setPlainText(text)
        self._apply_typography()
        self.setExtraSelections([])
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._pending_top = None

    def _apply_typography(self) -> None:
        font = QFont(self.font())
        font.setPointSize(self._point_size)
        self.document().setDefaultFont(font)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(self._point_size * 0.8)
        cursor.mergeBlockFormat(block)
        if self._blocks:
            from briefing.gui.reader.structure_format import apply_structure

            apply_structure(self.document(), self.positions, self._blocks, self._point_size)
        self._update_margins()

    def set_font(self, family: str, point_size: int) -> None:
        font = QFont(self.font())
        if family:
            font.setFamily(family)
        self.setFont(font)
        self._point_size = point_size
        self._apply_typography()
        self._find_scrolled(0)

    @property
    def point_size(self) -> int:
        return self._point_size

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._pending_top is not None:  # sized now: the lines wrap as they will be read
            self._scroll_top_to(self._pending_top)
            self._pending_top = None

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._update_margins()
        self._find_scrolled(0)  # more of the text may be on screen now

    def _update_margins(self) -> None:
        metrics = self.fontMetrics()
        scale = self._point_size / max(1.0, self.font().pointSizeF())
        measure = int(metrics.averageCharWidth() * scale * MEASURE_CHARS)
        side = max(16, (self.viewport().width() - measure) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != side or fmt.rightMargin() != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(12)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)
            self.column_changed.emit(side + int(self.document().documentMargin()))

    # layers ----------------------------------------------------------------------------
    def set_marks(self, marks: Sequence[Mark], colors: Colors) -> None:
        self.colors = colors
        self._marks = list(marks)
        self._layer_selections = extra_selections(
            self.document(), self.positions, self._marks, colors
        )
        if self._find_spans:
            self._build_find_selections()  # the theme's colours may have changed
        self._refresh_selections()

    @property
    def marks(self) -> list[Mark]:
        return list(self._marks)

    def _refresh_selections(self) -> None:
        extra = list(self._layer_selections)
        if self._flash is not None:
            extra.append(self._flash)
        extra.extend(self._find_selections)  # find matches on top of everything
        self.setExtraSelections(extra)
        self.viewport().update()

    # the find layer --------------------------------------------------------------------
    def set_find_matches(
        self, spans: Sequence[tuple[int, int]], current: int | None, *, reveal: bool = True
    ) -> None:
        """Show find matches (sorted, non-overlapping Python spans) above every other layer:
        ``spans[current]`` strongly, the others softly. With ``reveal`` the caret moves to
        the current match, scrolled into view (centred when it was off-screen).

        Only the matches near the visible part (at most ``FIND_CAP``) become extra
        selections; scrolling materialises the others, so thousands of matches stay cheap.
        """
        self._find_spans = list(spans)
        in_range = current is not None and 0 <= current < len(self._find_spans)
        self._find_current = current if in_range else None
        self._find_covered = None
        if self._find_spans and not self._find_hooked:
            self.verticalScrollBar().valueChanged.connect(self._find_scrolled)
            self._find_hooked = True
        if reveal and self._find_current is not None:
            self.show_span(*self._find_spans[self._find_current])
        self._build_find_selections()
        self._refresh_selections()

    def clear_find(self) -> None:
        if self._find_spans or self._find_selections:
            self.set_find_matches([], None)

    @property
    def find_matches(self) -> list[tuple[int, int]]:
        return list(self._find_spans)

    @property
    def find_current(self) -> int | None:
        return self._find_current

    @property
    def find_selections(self) -> list[QTextEdit.ExtraSelection]:
        """The find layer's extra selections now materialised (the current one last)."""
        return list(self._find_selections)

    def find_formats(self) -> tuple[QTextCharFormat, QTextCharFormat]:
        """(other matches, current match) formats in the theme's flash colour."""
        from PySide6.QtGui import QTextCharFormat

        soft_color = QColor(self.colors.flash)
        soft_color.setAlphaF(0.6 if self.colors.dark else 0.4)
        soft = QTextCharFormat()
        soft.setBackground(soft_color)
        strong = QTextCharFormat()
        strong.setBackground(QColor(self.colors.flash))
        strong.setForeground(QColor(self.colors.base if self.colors.dark else self.colors.text))
        return soft, strong

    def _build_find_selections(self) -> None:
        spans = self._find_spans
        if not spans:
            self._find_selections, self._find_covered = [], None
            return
        low, high = self.visible_range()
        margin = max(high - low, 2000)
        low, high = max(0, low - margin), high + margin
        first = bisect_right(spans, low, key=lambda span: span[1])
        last = bisect_left(spans, high, key=lambda span: span[0])
        if last - first > FIND_CAP:
            last = first + FIND_CAP
            high = spans[last - 1][1]
        soft, strong = self.find_formats()
        document, positions, current = self.document(), self.positions, self._find_current
        selections = [
            selection_for(document, positions, start, end, soft)
            for index, (start, end) in enumerate(spans[first:last], start=first)
            if index != current
        ]
        if current is not None:
            selections.append(selection_for(document, positions, *spans[current], strong))
        self._find_selections = selections
        self._find_covered = (low, high)

    def _find_scrolled(self, _value: int) -> None:
        covered = self._find_covered
        if not self._find_spans or covered is None:
            return
        low, high = self.visible_range()
        if covered[0] <= low and high <= covered[1]:
            return
        self._build_find_selections()
        self._refresh_selections()

    def visible_range(self) -> tuple[int, int]:
        """Python offsets of the first and last characters (about) on screen."""
        area = self.viewport().rect()
        first = self.cursorForPosition(area.topLeft()).position()
        last = self.cursorForPosition(area.bottomRight()).position()
        return self.positions.to_py(first), self.positions.to_py(last)

    def show_span(self, start: int, end: int) -> None:
        """Put the caret at ``start``; scroll ``[start, end)`` into view, centred when it was
        (partly) off-screen. No selection and no flash."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(end))
        bottom = self.cursorRect(cursor).bottom()
        cursor.setPosition(self.positions.to_qt(start))
        top = self.cursorRect(cursor).top()
        height = self.viewport().height()
        if top < 0 or bottom > height:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + (top + bottom) // 2 - height // 2)
        self.setTextCursor(cursor)

    def top_position(self) -> int:
        """Python offset of the first character on screen: where reading resumes."""
        return self.visible_range()[0]

    def scroll_to_position(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` is the first on screen, the caret on it.
        Before the view is shown (its width, hence its line breaks, unknown) the scroll
        waits for the show, so the first paint already shows that line."""
        if self.isVisible():
            self._scroll_top_to(offset)
        else:
            self._pending_top = offset

    def _scroll_top_to(self, offset: int) -> None:
        document = self.document()
        # Lay the text out to its end first: Qt lays long texts out lazily, and a scroll
        # value taken from a partial layout would land elsewhere once the layout is done.
        document.documentLayout().blockBoundingRect(document.lastBlock())
        cursor = QTextCursor(document)
        cursor.setPosition(self.positions.to_qt(max(0, min(offset, len(self._text)))))
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        margin = int(self.document().rootFrame().frameFormat().topMargin())
        bar.setValue(bar.value() + self.cursorRect(cursor).top() - margin)

    def reading_position(self) -> int:
        """Where a search starts: the caret (selection start) when it is on screen, else the
        first character on screen."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.textCursor().selectionStart())
        if self.viewport().rect().intersects(self.cursorRect(cursor)):
            return self.positions.to_py(cursor.position())
        return self.visible_range()[0]

    # navigation ------------------------------------------------------------------------
    def reveal(self, start: int, end: int, *, flash: bool = True) -> None:
        """Scroll so ``[start, end)`` is visible (centred) and flash it briefly."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(start))
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 3)
        self.ensureCursorVisible()
        if flash:
            self.flash(start, end)

    def flash(self, start: int, end: int) -> None:
        self._flash_span = (start, end)
        if self._animation is None:
            from PySide6.QtCore import QEasingCurve, QVariantAnimation

            self._animation = QVariantAnimation(self)
            self._animation.setDuration(900)
            self._animation.setStartValue(1.0)
            self._animation.setEndValue(0.0)
            self._animation.setEasingCurve(QEasingCurve.Type.InQuad)
            self._animation.valueChanged.connect(self._on_flash_step)
            self._animation.finished.connect(self._end_flash)
        self._animation.stop()
        self._animation.start()

    def _on_flash_step(self, value: Any) -> None:
        from PySide6.QtGui import QTextCharFormat, QTextFormat

        color = QColor(self.colors.flash)
        color.setAlphaF(0.75 * float(value))
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        start, end = self._flash_span
        self._flash = selection_for(self.document(), self.positions, start, end, fmt)
        self._refresh_selections()

    def _end_flash(self) -> None:
        self._flash = None
        self._refresh_selections()

    @property
    def is_flashing(self) -> bool:
        if self._animation is None:
            return False
        from PySide6.QtCore import QVariantAnimation

        return self._animation.state() == QVariantAnimation.State.Running

    def selected_span(self) -> tuple[int, int]:
        cursor = self.textCursor()
        start = self.positions.to_py(cursor.selectionStart())
        end = self.positions.to_py(cursor.selectionEnd())
        return start, end

    def select_span(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def span_rect(self, start: int, end: int) -> QRect:
        """Viewport rectangle around the end of a span (for placing the selection bar)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(end))
        return self.cursorRect(cursor)

    def _emit_selection(self) -> None:
        start, end = self.selected_span()
        self.selection_changed.emit(start, end)

    def index_at(self, point: QPoint) -> int:
        return self.positions.to_py(self.cursorForPosition(point).position())

    # tooltips and the claim bars ---------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            from PySide6.QtGui import QHelpEvent
            from PySide6.QtWidgets import QToolTip

            if not isinstance(event, QHelpEvent):
                return super().viewportEvent(event)
            index = self.index_at(event.pos())
            text = describe_at(self._marks, index)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        claims = [m for m in self._marks if m.layer == "claims"]
        if not claims:
            return
        from PySide6.QtGui import QPainter

        painter = QPainter(self.viewport())
        for mark in claims:
            x = self.claim_bar_x(mark.start)
            top = self._line_rect(mark.start).top()
            bottom = self._line_rect(max(mark.start, mark.end - 1)).bottom()
            if bottom < 0 or top > self.viewport().height():
                continue
            color = QColor(self.colors.claim)
            color.setAlpha(min(255, 2 * claim_alpha(mark.item.score) + 30))  # type: ignore[union-attr]
            painter.fillRect(QRect(x, top, BAR_WIDTH, bottom - top), color)
        painter.end()

    def claim_bar_x(self, index: int) -> int:
        """Where the claim bar of text ``index`` is drawn: in the margin before the line's
        start, the left margin of a left-to-right paragraph, the right one of an RTL one."""
        side = int(self.document().rootFrame().frameFormat().leftMargin())
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(index))
        if cursor.block().textDirection() == Qt.LayoutDirection.RightToLeft:
            return self.viewport().width() - max(2, side - 12) - BAR_WIDTH
        return max(2, side - 12)

    def _line_rect(self, index: int) -> QRect:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(index))
        return self.cursorRect(cursor)
