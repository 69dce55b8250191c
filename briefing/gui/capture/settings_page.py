"""The settings' list of paired browser extensions ("Send to Briefing"): see and revoke."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import BriefingError
from briefing.services.library import Library


class CaptureTokens(QWidget):
    """One line per token (label, created, last used, extension seen) and a Revoke button.

    Each action opens the library briefly: a few rows, never the whole library."""

    def __init__(self, open_library: Callable[[], Library] = Library.open,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_library = open_library
        self.list = QListWidget()
        self.list.setAccessibleName("Paired browser extensions")
        self.list.setMaximumHeight(90)
        from briefing.gui.widgets.empty_hint import EmptyHint

        self.hint = EmptyHint(self.list, "No browser paired yet. Click Pair in the "
                              "extension's popup, or run `briefing capture pair`.")
        self.revoke_button = QPushButton("Revoke")
        self.revoke_button.setAccessibleName("Revoke the chosen extension's token")
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.list.currentRowChanged.connect(
            lambda _row: self.revoke_button.setEnabled(self.list.currentItem() is not None))
        self.refresh()

    def refresh(self) -> None:
        from briefing.services.capturing import list_tokens

        self.list.clear()
        try:
            with self._open_library() as lib:
                tokens = list_tokens(lib)
        except BriefingError as exc:
            self.message.setText(str(exc))
            tokens = []
        for token in tokens:
            used = f"last used {token.last_used_at[:16]}" if token.last_used_at else "never used"
            text = f"{token.label or 'extension'} · paired {token.created_at[:10]} · {used}"
            if token.origin:
                text += f" · {token.origin}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, token.id)
            self.list.addItem(item)
        if not tokens:
            self.message.setText("No browser is paired. Pair from the extension's popup, "
                                 "or with `briefing capture pair`.")
        self.revoke_button.setEnabled(False)

    def revoke_selected(self) -> None:
        from briefing.services.capturing import revoke_token

        item = self.list.currentItem()
        if item is None:
            return
        try:
            with self._open_library() as lib:
                revoke_token(lib, int(item.data(Qt.ItemDataRole.UserRole)))
        except BriefingError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self.message.setText("Revoked: that extension must pair again to send pages.")
