"""The open library: one database connection plus the paths it lives under; and the pool
of handles background workers reuse instead of opening the library for every job."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType

from briefing.domain import BriefingError
from briefing.paths import AppPaths, app_paths
from briefing.storage import open_database
from briefing.storage.connection import transaction

# What a screen catches around a library call: the user-facing errors and SQLite's own (a
# disk I/O error, a damaged page), so that the GUI never imports the database module.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (BriefingError, sqlite3.Error)


class Library(AbstractContextManager["Library"]):
    """A handle on the user's library database. Not shared between threads."""

    def __init__(self, conn: sqlite3.Connection, paths: AppPaths,
                 database: Path | None = None) -> None:
        self.conn = conn
        self.paths = paths
        self.database = database or paths.database  # the file behind ``conn``
        self.kept_open = False  # a pooled handle: close() gives it back (pooled_library)

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
        if self.kept_open and _give_back(self):
            return
        self.kept_open = False
        self.conn.close()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


MAX_IDLE = 4  # idle pooled handles kept in all; the oldest is closed beyond that

_idle: list[Library] = []
_pool_lock = threading.Lock()


def pooled_library(paths: AppPaths) -> Library:
    """A handle on the library at ``paths.database`` for one background job: an idle one
    left by an earlier job (its connection already open: no open, no checks, no schema
    work), or a new one. ``close()`` gives it back instead of closing it, so a worker thread
    reuses a connection job after job; one handle serves one thread at a time."""
    with _pool_lock:
        found = next((i for i in range(len(_idle) - 1, -1, -1)
                      if _idle[i].database == paths.database), None)
        lib = _idle.pop(found) if found is not None else None
    if lib is None:
        lib = Library.open(paths)
        lib.kept_open = True
    return lib


def _give_back(lib: Library) -> bool:
    """Keep ``lib`` for the next job (closing the oldest idle handle beyond MAX_IDLE);
    False when it must really be closed."""
    if lib.conn.in_transaction:
        return False
    with _pool_lock:
        if any(w is lib for w in _idle):
            return True  # given back twice
        _idle.append(lib)
        evicted = _idle.pop(0) if len(_idle) > MAX_IDLE else None
    if evicted is not None:
        evicted.kept_open = False
        evicted.close()
    return evicted is not lib


def close_pooled_libraries() -> None:
    """Close every idle pooled handle (when the reader quits, after its workers finished)."""
    with _pool_lock:
        idle, _idle[:] = list(_idle), []
    for lib in idle:
        lib.kept_open = False
        lib.close()


_in_worker: Library | None = None


def open_worker_library(paths: AppPaths, database: Path) -> None:
    """A pool worker process's own handle on the library at ``database`` (run as the pool's
    initializer, once a process: every task of that worker then reads through
    :func:`worker_library`)."""
    global _in_worker
    _in_worker = Library.open(paths, database=database)


def worker_library() -> Library:
    """The handle :func:`open_worker_library` opened in this worker process."""
    assert _in_worker is not None, "the worker was started without its library"
    return _in_worker
