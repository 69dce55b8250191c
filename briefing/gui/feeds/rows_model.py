"""A read-only table model over prepared rows (cells plus tooltip, accessible text, icon and
the id the row stands for), shared by the entity list, timelines and story lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Row:
    """One row: ``cells`` to display; ``key`` what it stands for (an id, a name)."""

    cells: tuple[str | int, ...]
    key: object = None
    tooltip: str | None = None
    accessible: str | None = None  # read by screen readers for the first cell
    icon: QIcon | None = None  # on the first cell
    search: str = ""  # extra text the filter box matches (aliases)


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.headers = tuple(headers)
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def key_at(self, row: int) -> object:
        return self.rows[row].key if 0 <= row < len(self.rows) else None

    def row_of(self, key: object) -> int:
        return next((n for n, row in enumerate(self.rows) if row.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column] if column < len(row.cells) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return row.accessible
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return row.icon
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(row.cells[column], int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return row.key
        if role == FILTER_ROLE:
            return f"{row.cells[0]} {row.search}"
        return None
