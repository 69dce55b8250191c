"""Showing an article's structure in the reader without changing its text.

Headings, list items, table rows, quotes and code are block and character formats laid
over the plain text (list bullets are QTextList markers, table cells line up on tab
stops), so every character and every offset of the normalised text stays where it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
    QTextOption,
)

from briefing.domain.structure import Block
from briefing.gui.positions import PositionMap

CELL_EMS = 12  # width of a table column, in multiples of the font size
QUOTE_INDENT_EMS = 2


def _select(document: QTextDocument, positions: PositionMap, block: Block) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(positions.to_qt(block.start))
    cursor.setPosition(positions.to_qt(block.end), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _heading(cursor: QTextCursor, level: int, point_size: int) -> None:
    chars = QTextCharFormat()
    chars.setFontWeight(QFont.Weight.Bold)
    chars.setFontPointSize(point_size * (1.35 if level <= 2 else 1.15))
    cursor.mergeCharFormat(chars)
    block = QTextBlockFormat()
    block.setHeadingLevel(max(1, min(level, 6)))
    block.setTopMargin(point_size * 0.6)
    cursor.mergeBlockFormat(block)


def _list_item(cursor: QTextCursor, level: int) -> None:
    fmt = QTextListFormat()
    fmt.setStyle(QTextListFormat.Style.ListDisc if level <= 1 else QTextListFormat.Style.ListCircle)
    fmt.setIndent(max(1, level))
    cursor.createList(fmt)
    block = QTextBlockFormat()
    block.setBottomMargin(2)
    cursor.mergeBlockFormat(block)


def _table_row(cursor: QTextCursor, header: bool, point_size: int, cells: int) -> None:
    block = QTextBlockFormat()
    step = point_size * CELL_EMS
    block.setTabPositions([QTextOption.Tab(step * (i + 1), QTextOption.TabType.LeftTab)
                           for i in range(max(cells - 1, 0))])  # fmt: skip
    block.setBottomMargin(2)
    cursor.mergeBlockFormat(block)
    if header:
        chars = QTextCharFormat()
        chars.setFontWeight(QFont.Weight.Bold)
        cursor.mergeCharFormat(chars)


def _quote(cursor: QTextCursor, point_size: int) -> None:
    block = QTextBlockFormat()
    block.setLeftMargin(point_size * QUOTE_INDENT_EMS)
    cursor.mergeBlockFormat(block)
    chars = QTextCharFormat()
    chars.setFontItalic(True)
    cursor.mergeCharFormat(chars)


def _code(cursor: QTextCursor) -> None:
    chars = QTextCharFormat()
    chars.setFontFamilies(["monospace"])
    chars.setFontFixedPitch(True)
    cursor.mergeCharFormat(chars)


def apply_structure(
    document: QTextDocument, positions: PositionMap, blocks: Sequence[Block], point_size: int
) -> None:
    """Format each block of the (already set) plain text; blocks that do not fit are skipped."""
    length = positions.py_length
    for block in blocks:
        if block.end > length:
            continue
        cursor = _select(document, positions, block)
        if block.kind == "heading":
            _heading(cursor, block.level, point_size)
        elif block.kind == "list_item":
            _list_item(cursor, block.level)
        elif block.kind == "table_row":
            cells = cursor.selectedText().count("\t") + 1
            _table_row(cursor, block.level == 1, point_size, cells)
        elif block.kind == "quote":
            _quote(cursor, point_size)
        elif block.kind == "code":
            _code(cursor)
