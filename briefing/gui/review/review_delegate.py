"""Paints a queue row: the quote (one line, elided) over a muted line with score, kind and
article, and the verdict in its colour at the right; decided rows are dimmed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from briefing.gui.review.review_model import ITEM_ROLE, kind_label
from briefing.services.review import ReviewItem

VERDICT_COLORS: dict[str, str] = {
    "supported": "#15803d",
    "disputed": "#b45309",
    "false": "#b91c1c",
    "unverified": "#6366f1",
}
PAD_X, PAD_Y, GAP = 10, 7, 3
Index = QModelIndex | QPersistentModelIndex


class ReviewDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(max(option.rect.width(), 200), 2 * line + GAP + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ITEM_ROLE)
        if not isinstance(item, ReviewItem):
            super().paint(painter, option, index)
            return
        # Background and selection drawn from a copy of the view's option. Not
        # ``initStyleOption`` nor ``option.widget`` from Python: in PySide6 6.12 both drop a
        # reference to None whenever a None comes back (the model answers None for most
        # roles), which ends in "Fatal Python error: deallocating None" after ~1,000 rows.
        opt = QStyleOptionViewItem(option)
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        strong = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = strong if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        metrics = option.fontMetrics
        line = metrics.lineSpacing()
        painter.save()
        painter.setClipRect(option.rect)
        quote = " ".join(item.quote.split())
        painter.setPen(muted if item.decided else strong)
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(first, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(quote, Qt.TextElideMode.ElideRight, rect.width()))
        verdict = (item.verdict or "").upper()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        badge_width = painter.fontMetrics().horizontalAdvance(verdict) if verdict else 0
        second = QRect(rect.left(), rect.top() + line + GAP, rect.width(), line)
        color = VERDICT_COLORS.get(item.verdict or "")
        painter.setPen(strong if selected or color is None else QColor(color))
        painter.drawText(second, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         verdict)
        painter.setFont(option.font)
        painter.setPen(muted)
        meta = f"{item.score:.2f} · {kind_label(item)} · {item.article_title}"
        if item.note:
            meta += " · ✎ note"
        space = max(0, rect.width() - badge_width - 16)
        painter.drawText(second.adjusted(0, 0, -(badge_width + 16), 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(meta, Qt.TextElideMode.ElideRight, space))
        painter.restore()
