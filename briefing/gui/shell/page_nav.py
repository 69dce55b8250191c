"""The way back to the reader from every other page of the window (Review, Feeds, Entities,
Stories): a bar above such a page with a visible "Back to the reader" button and the page's
name, and Esc on the page; View → Reader (the platform's Back key, Alt+Left) is made with the
other actions (actions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow


class PageNavigator(QWidget):
    """Shown only while a page other than the reader is current."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("pageNav")
        self.w = window
        self.pages = window.pages
        self.reader = window.pages.widget(0)
        self.back_button = QToolButton(objectName="backToReader")
        self.back_button.setText("← Back to the reader")
        self.back_button.setToolTip("Back to the reader (Esc)")
        self.back_button.setAccessibleName("Back to the reader")
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.back_button.clicked.connect(self.show_reader)
        self.title = QLabel(objectName="pageNavTitle")
        hint = QLabel("Esc returns to the reader")
        hint.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.back_button)
        layout.addWidget(self.title, 1)
        layout.addWidget(hint)
        # Esc acts on the other pages only: in the reader it closes the find bar or
        # cancels background work (File → Cancel Background Work).
        self.escape = QAction("Back to the Reader", self)
        self.escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape.triggered.connect(self.show_reader)
        self.pages.currentChanged.connect(self._page_changed)
        self._page_changed()

    def show_reader(self) -> None:
        """Leave the current page for the reader (Review mode is switched off)."""
        acts = getattr(self.w, "acts", None)
        if acts is not None and "review" in acts.all and acts["review"].isChecked():
            acts["review"].setChecked(False)
        self.pages.setCurrentWidget(self.reader)
        self.w.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _page_changed(self, _index: int = -1) -> None:
        page = self.pages.currentWidget()
        away = page is not None and page is not self.reader
        self.setVisible(away)
        if not away:
            return
        if self.escape not in page.actions():
            page.addAction(self.escape)
        self.title.setText(f"<b>{page.accessibleName() or 'Page'}</b>")
