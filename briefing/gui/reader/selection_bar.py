"""The small floating bar shown over a text selection: colours 1–5, note, tag, mark as claim."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from briefing.domain import COLORS
from briefing.gui.theme import Colors


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor(0, 0, 0, 70))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class SelectionBar(QFrame):
    color_chosen = Signal(str)
    note_requested = Signal()
    tag_requested = Signal()
    claim_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionBar")
        self.setAccessibleName("Selection actions")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        self.color_buttons: list[QToolButton] = []
        for i, name in enumerate(COLORS, start=1):
            button = QToolButton()
            button.setToolTip(f"Highlight {name} ({i})")
            button.setAccessibleName(f"Highlight {name}")
            button.setAutoRaise(True)
            button.clicked.connect(lambda _c=False, n=name: self.color_chosen.emit(n))
            layout.addWidget(button)
            self.color_buttons.append(button)
        for text, tip, signal in (
            ("Note", "Add a note (N)", self.note_requested),
            ("Tag", "Add tags", self.tag_requested),
            ("Claim", "Mark as a claim to check", self.claim_requested),
        ):
            button = QToolButton(text=text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
            button.clicked.connect(signal)
            layout.addWidget(button)
        self.hide()

    def set_colors(self, colors: Colors) -> None:
        for button, name in zip(self.color_buttons, COLORS, strict=True):
            button.setIcon(swatch(colors.highlight[name]))

    def show_near(self, anchor: QRect) -> None:
        """Show above ``anchor`` (parent coordinates), kept inside the parent."""
        self.adjustSize()
        parent = self.parentWidget()
        x = anchor.center().x() - self.width() // 2
        y = anchor.top() - self.height() - 6
        if y < 0:
            y = anchor.bottom() + 6
        if parent is not None:
            x = max(4, min(x, parent.width() - self.width() - 4))
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
