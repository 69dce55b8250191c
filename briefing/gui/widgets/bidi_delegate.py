"""Item delegate that lays out right-to-left text (an Arabic or Hebrew title) right to left,
aligned right, so an elided title loses its end and shows "…" on the left, as RTL readers
expect, instead of losing its start in a left-to-right row."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

FIRST_STRONG_SCAN = 200  # characters searched for the first strongly directional letter


def starts_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (HTML's
    ``dir="auto"`` rule)."""
    for ch in text[:FIRST_STRONG_SCAN]:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


class BidiDelegate(QStyledItemDelegate):
    """With ``fit=True`` rows are never wider than the view, so a long title is elided
    rather than hidden behind a horizontal scroll bar."""

    def __init__(self, view: QAbstractItemView, *, fit: bool = False) -> None:
        super().__init__(view)
        self.view = view
        if fit:
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            if isinstance(view, QListView):
                view.setResizeMode(QListView.ResizeMode.Adjust)  # rows follow the width
        self.fit = fit

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if self.fit:
            size.setWidth(min(size.width(), max(1, self.view.viewport().width())))
        return size

    @staticmethod
    def styled(option: QStyleOptionViewItem, text: object) -> QStyleOptionViewItem:
        """``option`` for a row showing ``text``: laid out right to left when it starts
        with right-to-left letters."""
        if not isinstance(text, str) or not starts_rtl(text):
            return option
        rtl = QStyleOptionViewItem(option)
        rtl.direction = Qt.LayoutDirection.RightToLeft  # type: ignore[attr-defined]
        rtl.displayAlignment = (  # type: ignore[attr-defined]
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )  # the leading edge: the right, in a right-to-left layout
        return rtl

    # (paint, not initStyleOption: overriding that from Python leaks references to None in
    # some PySide6 versions, see review_delegate.py)
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        styled = self.styled(option, index.data())
        if styled is option:
            super().paint(painter, option, index)
            return
        # The style draws an elided line with the painter's direction: make it RTL too, so
        # the "…" ends the text on the left.
        painter.save()
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        super().paint(painter, styled, index)
        painter.restore()
