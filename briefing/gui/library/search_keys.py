"""Keyboard use of the library search field (Ctrl+K): Down moves into the results, Enter
searches at once and opens the first result, as in most search boxes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

SELECT_ROW = (QItemSelectionModel.SelectionFlag.ClearAndSelect
              | QItemSelectionModel.SelectionFlag.Rows)


class SearchKeys(QObject):
    """Installed on ``field``; ``search_now`` applies the typed query without waiting for
    the debounce, ``open_index`` opens a result of ``results``."""

    def __init__(self, field: QLineEdit, results: QAbstractItemView,
                 search_now: Callable[[], None], open_index: Callable[[object], None]) -> None:
        super().__init__(field)
        self.field, self.results = field, results
        self.search_now, self.open_index = search_now, open_index
        field.installEventFilter(self)

    def _first(self) -> object | None:
        self.search_now()
        model = self.results.model()
        if model is None or model.rowCount() == 0:
            return None
        index = model.index(0, 0)
        self.results.selectionModel().setCurrentIndex(index, SELECT_ROW)
        self.results.scrollTo(index)
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        return index

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            if event.key() == Qt.Key.Key_Down:
                self._first()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self._first()
                if index is not None:
                    self.open_index(index)
                return True
        return False
