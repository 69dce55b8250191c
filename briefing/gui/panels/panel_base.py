"""Shared behaviour of the side-panel tabs: reveal a span on click, mark items under a selection."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QWidget

from briefing.gui.panels.panel_models import SPANS_ROLE


class PanelBase(QWidget):
    """A tab whose items point into the article. ``reveal(start, end)`` asks to show a span."""

    reveal = Signal(int, int)

    def _all_indexes(self, view: QAbstractItemView) -> list[QModelIndex]:
        model = view.model()
        found: list[QModelIndex] = []
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                found.append(index)
                if model.rowCount(index):
                    pending.append(index)
        return found

    def mark_overlapping(self, view: QAbstractItemView, start: int, end: int) -> int:
        """Select (without revealing) the items with a span overlapping ``[start, end)``."""
        selection = QItemSelection()
        hits = 0
        if end > start:
            for index in self._all_indexes(view):
                spans = index.data(SPANS_ROLE) or []
                if any(s < end and start < e for s, e in spans):
                    selection.select(index, index)
                    hits += 1
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        view.selectionModel().select(selection, flags)
        if hits:
            view.scrollTo(selection.indexes()[0])
        return hits
