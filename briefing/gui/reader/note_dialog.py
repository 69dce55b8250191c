"""The note editor: several lines of text, Ctrl+Enter (or Ctrl+Return) saves as in most note
editors, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

ACCEPT_KEYS: tuple[Qt.Key, ...] = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # with Ctrl


class NoteDialog(QDialog):
    def __init__(self, title: str, label: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        prompt = QLabel(label)
        self.editor = QPlainTextEdit(text)
        self.editor.setAccessibleName(label.rstrip(":") or "Note")
        self.editor.setTabChangesFocus(True)
        prompt.setBuddy(self.editor)
        hint = QLabel("Ctrl+Enter saves · Esc cancels")
        hint.setEnabled(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.editor.installEventFilter(self)  # the editor would take Ctrl+Return itself
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.editor.setFocus()
        self.resize(420, 240)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() in (QEvent.Type.KeyPress,
                                                       QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in ACCEPT_KEYS and mods == Qt.KeyboardModifier.ControlModifier:
                if event.type() == QEvent.Type.KeyPress:
                    self.accept()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.editor.toPlainText()
