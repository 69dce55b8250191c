"""The open library: one database connection plus the paths it lives under; and the
per-thread handles background workers reuse instead of opening the library for every job."""

from __future__ import annotations

import sqlite3
import threading
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
        self.kept_open = False  # a thread's reused handle: close() leaves it open

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
        if not self.kept_open:
            self.conn.close()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


_threads = threading.local()
_kept: list[Library] = []
_kept_lock = threading.Lock()


def thread_library(paths: AppPaths) -> Library:
    """This thread's handle on the library at ``paths.database``: opened by the thread's
    first job, reused by the next ones (``close()`` on it does nothing). A thread keeps one
    handle: asking for another library closes the previous one. Connections stay with the
    thread that opened them; :func:`close_thread_libraries` closes them all at quit."""
    lib: Library | None = getattr(_threads, "library", None)
    with _kept_lock:
        usable = lib is not None and lib.database == paths.database and lib in _kept
    if usable:
        assert lib is not None
        return lib
    if lib is not None:
        _release(lib)
    lib = Library.open(paths)
    lib.kept_open = True
    _threads.library = lib
    with _kept_lock:
        _kept.append(lib)
    return lib


def _release(lib: Library) -> None:
    with _kept_lock:
        if lib in _kept:
            _kept.remove(lib)
        else:
            return
    lib.kept_open = False
    lib.close()


def close_thread_libraries() -> None:
    """Close every kept per-thread handle (when the reader quits, after its workers have
    finished)."""
    with _kept_lock:
        kept = list(_kept)
    for lib in kept:
        _release(lib)
