"""The claim comparison table of a story: one row per figure several articles give (entity,
unit, then one column per article with its figure and hedge). Rows whose figures differ are
flagged three ways: a tinted background, a warning icon and the words "Differs" (also in
the accessible text), never by colour alone."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from briefing.services.crossref import ClaimComparison, ClaimVersion

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
FIXED = ("Status", "Entity", "Unit")
STATUS, ENTITY, UNIT = range(len(FIXED))
UNIT_NAMES = {"%": "percent", "pp": "percentage points", "km": "kilometres", "m": "metres",
              "mile": "miles", "EUR": "euros", "USD": "dollars", "GBP": "pounds"}  # fmt: skip

Index = QModelIndex | QPersistentModelIndex


def figure_text(version: ClaimVersion) -> str:
    """The figure without its hedge words, then the hedge on a second line."""
    figure = version.figure
    hedge = version.hedge
    if hedge and figure.lower().startswith(hedge):
        figure = figure[len(hedge) :].strip()
    return f"{figure}\nhedge: {hedge}" if hedge else figure


def short_title(title: str, limit: int = 18) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def article_label(position: int, title: str) -> str:
    """How the articles of a story are told apart in headers: "2. Ukraine pulls troo…"."""
    return f"{position + 1}. {short_title(title)}"


def _dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


class ClaimCompareModel(QAbstractTableModel):
    """Rows are :class:`ClaimComparison` s; article columns follow ``article_ids``."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.article_ids: tuple[int, ...] = ()
        self.titles: dict[int, str] = {}
        self.comparisons: list[ClaimComparison] = []

    def set_data(
        self, article_ids: Sequence[int], titles: dict[int, str],
        comparisons: Sequence[ClaimComparison],
    ) -> None:  # fmt: skip
        self.beginResetModel()
        self.article_ids = tuple(article_ids)
        self.titles = dict(titles)
        self.comparisons = list(comparisons)
        self.endResetModel()

    def clear(self) -> None:
        self.set_data((), {}, ())

    def version(self, index: Index) -> ClaimVersion | None:
        """The article's version in the cell at ``index`` (None outside article columns)."""
        if not index.isValid() or index.column() < len(FIXED):
            return None
        article_id = self.article_ids[index.column() - len(FIXED)]
        comparison = self.comparisons[index.row()]
        return next((v for v in comparison.versions if v.article_id == article_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.comparisons)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self.article_ids)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(FIXED):
            return FIXED[section] if role == Qt.ItemDataRole.DisplayRole else None
        position = section - len(FIXED)
        title = self.titles.get(self.article_ids[position], "")
        if role == Qt.ItemDataRole.DisplayRole:
            return article_label(position, title)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.comparisons):
            return None
        comparison = self.comparisons[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole and comparison.differs:
            return QBrush(QColor("#5c2a1c" if _dark() else "#fde4d8"))
        if role == Qt.ItemDataRole.FontRole and comparison.differs and column >= len(FIXED):
            font = QFont()
            font.setBold(True)
            return font
        if column < len(FIXED):
            return self._fixed(comparison, column, role)
        version = self.version(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_text(version) if version else "—"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            title = self.titles.get(self.article_ids[column - len(FIXED)], "")
            if version is None:
                return f"{title}: not given"
            hedged = f", hedged ({version.hedge})" if version.hedge else ""
            return f"{title}: {version.figure}{hedged}"
        if role == Qt.ItemDataRole.ToolTipRole and version is not None:
            return version.sentence
        if role == ARTICLE_ROLE and version is not None:
            return version.article_id
        return None

    @staticmethod
    def _fixed(comparison: ClaimComparison, column: int, role: int) -> object:
        if column == STATUS:
            if role == Qt.ItemDataRole.DisplayRole:
                return "Differs" if comparison.differs else "Agrees"
            if role == Qt.ItemDataRole.DecorationRole:
                icon = (QStyle.StandardPixmap.SP_MessageBoxWarning if comparison.differs
                        else QStyle.StandardPixmap.SP_DialogApplyButton)  # fmt: skip
                return QApplication.style().standardIcon(icon)
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                figures = ", ".join(v.figure for v in comparison.versions)
                verdict = "The figures differ" if comparison.differs else "The figures agree"
                return f"{verdict}: {figures}"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ENTITY:
                return comparison.entity or "—"
            return comparison.unit_label
        if role == Qt.ItemDataRole.ToolTipRole and column == UNIT:
            return UNIT_NAMES.get(comparison.unit, comparison.unit)
        return None


def sentences_html(
    comparison: ClaimComparison | None, titles: dict[int, str], article_ids: Sequence[int]
) -> str:
    """Each article's sentence with its figure in bold, numbered like the table's columns."""
    if comparison is None:
        return ""
    position = {article_id: n + 1 for n, article_id in enumerate(article_ids)}
    items = []
    for version in comparison.versions:
        start = version.sentence.find(version.figure)
        sentence = html.escape(version.sentence)
        if start >= 0:
            end = start + len(version.figure)
            sentence = (html.escape(version.sentence[:start])
                        + f"<b>{html.escape(version.figure)}</b>"
                        + html.escape(version.sentence[end:]))  # fmt: skip
        title = html.escape(titles.get(version.article_id, version.title))
        number = position.get(version.article_id, "")
        items.append(f"<p>{number}. <i>{title}</i>: {sentence}</p>")
    return "".join(items)
