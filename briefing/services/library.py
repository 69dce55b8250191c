"""The open library: one database connection plus the paths it lives under."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType

from briefing.paths import AppPaths, app_paths
from briefing.storage import open_database
from briefing.storage.connection import transaction


class Library(AbstractContextManager["Library"]):
    """A handle on the user's library database. Not shared between threads."""

    def __init__(self, conn: sqlite3.Connection, paths: AppPaths,
                 database: Path | None = None) -> None:
        self.conn = conn
        self.paths = paths
        self.database = database or paths.database  # the file behind ``conn``

    @classmethod
    def open(cls, paths: AppPaths | None = None, *, database: Path | None = None) -> Library:
        chosen = paths or app_paths()
        db = database or chosen.database
        return cls(open_database(db, backup_dir=chosen.backups), chosen, db)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with transaction(self.conn) as conn:
            yield conn

    def close(self) -> None:
        self.conn.close()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
