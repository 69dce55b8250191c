"""The "3/7 feeds" row shown while a refresh runs: label, progress bar, Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class RefreshProgress(QWidget):
    """``cancel_requested`` when the user presses Cancel (the worker stops between feeds)."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAccessibleName("Refresh progress")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Feeds refreshed")
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel refresh")
        self.cancel_button.clicked.connect(self._cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        self.hide()

    def start(self, *, visible: bool = True) -> None:
        self.label.setText("Checking feeds…")
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.setVisible(visible)

    def step(self, done: int, total: int, what: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        text = f"{done}/{total} feeds"
        self.label.setText(f"{text} — {what}" if what else text)
        self.bar.setAccessibleDescription(text)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling after the current feed…")
        self.cancel_requested.emit()
