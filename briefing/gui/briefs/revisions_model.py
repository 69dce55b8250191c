"""Table models of the revisions dialog: an article's revisions, and annotation anchor states
after a revision (exact / moved / changed / orphaned)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from briefing.domain import Revision

REVISION_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
STATE_COLORS = {"exact": "#2e7d32", "moved": "#1565c0", "changed": "#b26a00",
                "orphaned": "#c62828"}
STATE_HELP = {
    "exact": "found unchanged at the same place",
    "moved": "found unchanged at another place",
    "changed": "attached to slightly different text",
    "orphaned": "its text is gone; kept with its old quote",
}


def revision_date(revision: Revision) -> str:
    """``2026-01-02 13:45`` from the stored ISO 8601 UTC time."""
    return revision.created_at[:16].replace("T", " ")


class RevisionsModel(QAbstractTableModel):
    COLUMNS = ("Revision", "Date (UTC)", "Words", "Characters")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._revisions: list[Revision] = []
        self.current = 0

    def set_revisions(self, revisions: list[Revision], current: int) -> None:
        self.beginResetModel()
        self._revisions = list(revisions)
        self.current = current
        self.endResetModel()

    def revision_at(self, row: int) -> Revision | None:
        return self._revisions[row] if 0 <= row < len(self._revisions) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._revisions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        revision = self.revision_at(index.row()) if index.isValid() else None
        if revision is None:
            return None
        current = revision.revision == self.current
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{revision.revision}{' (current)' if current else ''}",
                revision_date(revision),
                str(len(revision.text.split())),
                str(len(revision.text)),
            )[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (f"Revision {revision.revision}{', current' if current else ''}, "
                    f"{revision_date(revision)}, {len(revision.text.split())} words")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == REVISION_ROLE:
            return revision.revision
        return None


@dataclass(frozen=True, slots=True)
class AnchorRow:
    annotation_id: str
    quote: str
    note: str
    state: str


class AnchorStatesModel(QAbstractTableModel):
    COLUMNS = ("Highlight", "Note", "State")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AnchorRow] = []

    def set_rows(self, rows: list[AnchorRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AnchorRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"“{row.quote}”", row.note, row.state)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.quote}\n{row.state}: {STATE_HELP.get(row.state, '')}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"“{row.quote}”, {row.state}: {STATE_HELP.get(row.state, '')}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QColor(STATE_COLORS.get(row.state, "#000000"))
        return None
