"""Telling changes made by other processes from this process's own, on one open connection.

``PRAGMA data_version`` on a connection changes when any *other* connection commits (one
pragma, no file work). Commits of this process's other connections (the reader's workers)
move it too; :func:`briefing.storage.handles.local_commits` counts those, so a watcher can
tell "another process surely wrote" from "maybe only our own workers did".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from briefing.domain import BriefingError
from briefing.storage.handles import local_commits

_ARTICLES = "SELECT max(id) FROM articles"
"""The newest article: one look-up at the end of the rowid tree. (``count(*)`` would scan an
index of every article on the GUI thread: 15-300 ms at 100,000. A deletion made elsewhere in
the very tick this process's workers also committed is then seen at the next change.)"""


class ChangeProbe:
    """Polled by a watcher: :meth:`poll` says whether the library changed since the last call,
    and whether the articles themselves may have (``full``)."""

    def __init__(self, conn: Callable[[], sqlite3.Connection]) -> None:
        self._conn = conn
        self._version = self._read("PRAGMA data_version")
        self._ours = self._local()
        self._articles = self._read(_ARTICLES)
        self.elsewhere = False  # the last change reported surely came from another process

    def _read(self, sql: str) -> tuple[object, ...] | None:
        try:
            row = self._conn().execute(sql).fetchone()
        except (sqlite3.Error, BriefingError):
            return None  # busy or closing: try again at the next poll
        return tuple(row)

    def _local(self) -> int:
        try:
            return local_commits(excluding=self._conn())
        except (sqlite3.Error, BriefingError, AttributeError):
            return local_commits()

    def poll(self) -> bool | None:
        """None when nothing changed; else ``full``: True when another process surely wrote,
        or when this process's own workers also committed and the articles changed (newest
        id: one look-up); False when only cheap views need a refresh."""
        version, ours = self._read("PRAGMA data_version"), self._local()
        if version is None:
            return None
        moved = self._version is not None and version != self._version
        self._version = version
        mine, self._ours = ours != self._ours, ours
        if not moved:
            return None
        articles = self._read(_ARTICLES)
        full = not mine or articles != self._articles
        self._articles = articles
        self.elsewhere = not mine
        return full
