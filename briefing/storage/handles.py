"""The library's SQLite connections: which are open in this process, and waiting when busy.

:class:`LibraryConnection` is the connection class every library handle uses. It records
itself in a per-process registry (by the database's real path) from creation until it is
closed or garbage-collected, so that storage can tell whether this process still holds the
file open before it moves a damaged file aside. Its ``execute`` waits out "database is
locked" (SQLite's busy timeout first, then retries with back-off) for statements that can
be retried safely — anything outside a transaction, ``BEGIN`` and ``COMMIT`` — and after a
bounded time raises :class:`LibraryBusyError` naming the library instead of the bare
SQLite message.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.domain.errors import StorageError

BUSY_TIMEOUT_S = 10.0  # SQLite's own busy handler, per attempt
RETRY_WINDOW_S = 30.0  # then our retries with back-off, in all
_FIRST_PAUSE_S = 0.02
_LONGEST_PAUSE_S = 1.0

_lock = threading.Lock()
_open: dict[str, weakref.WeakSet[LibraryConnection]] = {}
_commits = [0]  # transactions this process committed (any library), see local_commits()


class LibraryBusyError(StorageError):
    """Another process kept the library locked for longer than Briefing waits."""


def path_key(path: Path) -> str:
    """The name the registry knows a database by (resolving links reads no file)."""
    return os.path.realpath(path)


def open_connections(path: Path) -> int:
    """How many connections of this process are open on the database at ``path``."""
    with _lock:
        return len(_open.get(path_key(path), ()))


def is_open_library_file(path: Path) -> bool:
    """True when ``path`` is a library database this process has open, or its -wal, -shm
    or -journal file: reading it through the OS would drop this process's locks, so
    callers (the importer) refuse it. Resolves the name only; never opens the file."""
    key = path_key(path)
    for suffix in ("-wal", "-shm", "-journal"):
        key = key.removesuffix(suffix)
    with _lock:
        return bool(_open.get(key))


def note_commit(conn: sqlite3.Connection) -> None:
    with _lock:
        _commits[0] += 1
        if isinstance(conn, LibraryConnection):
            conn.commits += 1


def local_commits(excluding: sqlite3.Connection | None = None) -> int:
    """How many transactions this process has committed so far, leaving out those of the
    connection ``excluding``: lets a watcher of ``PRAGMA data_version`` on that connection
    tell other processes' changes from those of this process's other connections."""
    with _lock:
        own = excluding.commits if isinstance(excluding, LibraryConnection) else 0
        return _commits[0] - own


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "database is busy" (waiting may help)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
    text = str(exc)
    return "locked" in text or "busy" in text


def _retryable(sql: str, in_transaction: bool) -> bool:
    if not in_transaction:
        return True  # one statement on its own: it did nothing, it can run again
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in {"COMMIT", "END"}  # a busy COMMIT leaves the transaction open


class LibraryConnection(sqlite3.Connection):
    """A connection to a library database (see the module docstring)."""

    library_path: Path
    commits = 0  # transactions committed through this connection (see note_commit)

    def register(self, path: Path) -> None:
        self.library_path = path
        with _lock:
            _open.setdefault(path_key(path), weakref.WeakSet()).add(self)

    def close(self) -> None:
        path = getattr(self, "library_path", None)
        if path is not None:
            with _lock:
                handles = _open.get(path_key(path))
                if handles is not None:
                    handles.discard(self)
                    if not handles:
                        del _open[path_key(path)]
        super().close()

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self._patiently(sql, lambda: super(LibraryConnection, self).execute(
            sql, parameters))

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        rows = list(parameters)
        return self._patiently(sql, lambda: super(LibraryConnection, self).executemany(
            sql, rows))

    def _patiently(self, sql: str, run: Any) -> sqlite3.Cursor:
        deadline = time.monotonic() + RETRY_WINDOW_S
        pause = _FIRST_PAUSE_S
        while True:
            try:
                cursor: sqlite3.Cursor = run()
                return cursor
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                if not _retryable(sql, self.in_transaction) or time.monotonic() > deadline:
                    raise self.busy_error() from exc
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST_PAUSE_S)

    def busy_error(self) -> LibraryBusyError:
        where = getattr(self, "library_path", "the library")
        return LibraryBusyError(
            f"{where}: the library stayed locked by another Briefing process for more than "
            f"{BUSY_TIMEOUT_S + RETRY_WINDOW_S:.0f} s; nothing was saved — try again"
        )


def connect(path: Path) -> LibraryConnection:
    """A new registered connection in autocommit mode (transactions are explicit)."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False,
        factory=LibraryConnection,
    )
    assert isinstance(conn, LibraryConnection)
    conn.register(path)
    return conn
