"""The "Add feed" dialog: one URL field, checked by the feed service before it closes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import BriefingError


class AddFeedDialog(QDialog):
    """Calls ``subscribe(url)`` on OK; a typed error is shown inline and the dialog stays."""

    def __init__(self, subscribe: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add feed")
        self._subscribe = subscribe
        prompt = QLabel("Address of an RSS or Atom feed:")
        self.url = QLineEdit()
        self.url.setAccessibleName("Feed address")
        self.url.setPlaceholderText("https://example.org/feed.xml")
        prompt.setBuddy(self.url)
        self.problem = QLabel()
        self.problem.setObjectName("dialogError")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with the feed address")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Subscribe")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.url.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.url)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._changed("")
        self.resize(460, self.sizeHint().height())

    def _changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))
        self.problem.hide()

    def accept(self) -> None:
        try:
            self._subscribe(self.url.text().strip())
        except BriefingError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.url.setFocus()
            return
        super().accept()
