"""The subscribed feeds as a table model: title, URL, state (with the last error or warning
as tooltip and a warning icon), last checked, article count."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from briefing.feeds.model import Feed
from briefing.feeds.schedule import parse_stamp

FEED_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS: tuple[str, ...] = ("Title", "URL", "State", "Last checked", "Articles")
TITLE, URL, STATE, CHECKED, COUNT = range(len(COLUMNS))
STATE_TEXT = {"new": "Not checked yet", "ok": "OK", "not-modified": "Not modified",
              "error": "Error"}  # fmt: skip

Index = QModelIndex | QPersistentModelIndex


def local_time(stamp: str | None) -> str:
    """An ISO 8601 UTC stamp shown in local time to the minute ("" when missing)."""
    when = parse_stamp(stamp)
    if when is None:
        return ""
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def state_text(feed: Feed) -> str:
    text = STATE_TEXT.get(feed.state, feed.state)
    if feed.state == "error" and feed.failures > 1:
        text += f" ({feed.failures}×)"
    elif feed.state != "error" and feed.warning:
        text += ", with warnings"
    return text


def state_detail(feed: Feed) -> str:
    """The tooltip and accessible description of a feed's state."""
    if feed.state == "error":
        return feed.last_error or "The last refresh failed."
    if feed.warning:
        return f"Warning: {feed.warning}"
    if feed.state == "new":
        return "Never fetched: refresh to import its articles."
    return f"Last success {local_time(feed.last_success)}" if feed.last_success else ""


class FeedsModel(QAbstractTableModel):
    """Rows are :class:`Feed` snapshots; :meth:`set_feeds` replaces them (keeps no SQL)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.feeds: list[Feed] = []

    def set_feeds(self, feeds: list[Feed]) -> None:
        self.beginResetModel()
        self.feeds = list(feeds)
        self.endResetModel()

    def feed_at(self, row: int) -> Feed | None:
        return self.feeds[row] if 0 <= row < len(self.feeds) else None

    def row_of(self, feed_id: int) -> int:
        return next((n for n, feed in enumerate(self.feeds) if feed.id == feed_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.feeds)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        feed = self.feed_at(index.row()) if index.isValid() else None
        if feed is None:
            return None
        column = index.column()
        if role == FEED_ID_ROLE:
            return feed.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(feed, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATE:
                return state_detail(feed) or None
            if column in (TITLE, URL):
                return feed.url
        if role == Qt.ItemDataRole.AccessibleTextRole and column == STATE:
            detail = state_detail(feed)
            return f"{state_text(feed)}: {detail}" if detail else state_text(feed)
        if role == Qt.ItemDataRole.DecorationRole and column == STATE:
            return self._icon(feed)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return feed.article_count if column == COUNT else self._display(feed, column)
        return None

    @staticmethod
    def _display(feed: Feed, column: int) -> str | int:
        if column == TITLE:
            return feed.title or feed.url.split("://", 1)[-1]
        if column == URL:
            return feed.url
        if column == STATE:
            return state_text(feed)
        if column == CHECKED:
            return local_time(feed.last_checked) or "never"
        return feed.article_count

    @staticmethod
    def _icon(feed: Feed) -> object:
        style = QApplication.style()
        if feed.state == "error":
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if feed.warning:
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        return None
