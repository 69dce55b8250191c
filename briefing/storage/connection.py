"""Opening the library database safely: checks, backup, WAL, foreign keys, migrations.

A file that is not a SQLite database (or fails its integrity check) is moved aside with a
timestamp, never deleted; a database written by a newer Briefing is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.clock import stamp_for_filename
from briefing.domain.errors import StorageError
from briefing.storage.migrations import current_version, latest_version, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15.0


class CorruptDatabaseError(StorageError):
    """The database was unreadable; it has been moved aside to ``moved_to``."""

    def __init__(self, message: str, moved_to: Path) -> None:
        super().__init__(message)
        self.moved_to = moved_to


def open_database(path: Path, *, backup_dir: Path | None = None) -> sqlite3.Connection:
    """Open (creating or migrating) the library at ``path``; raise StorageError on trouble."""
    _ensure_folder(path.parent)
    if path.exists():
        _check_header(path)
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: cannot open the library database ({exc})") from exc
    try:
        _check_integrity(conn, path)
        version = current_version(conn)
        if version > latest_version():
            raise StorageError(
                f"{path}: written by a newer Briefing (schema v{version}; this version knows "
                f"up to v{latest_version()}); it was left untouched — update Briefing"
            )
        conn.execute("PRAGMA foreign_keys = ON")
        mode = _set_wal(conn)
        if str(mode).lower() != "wal":
            raise StorageError(f"{path}: cannot use write-ahead logging here ({mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        if 0 < version < latest_version():
            _backup(conn, path, backup_dir or path.parent / "backups", version)
        migrate(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StorageError(f"{path}: {_explain(exc)}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One committed unit of work (BEGIN IMMEDIATE ... COMMIT), rolled back on any error."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StorageError(f"the library is busy or not writable: {_explain(exc)}") from exc
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        conn.execute("ROLLBACK")
        raise StorageError(f"could not save to the library: {_explain(exc)}") from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.execute("ROLLBACK")
        raise StorageError(f"could not save to the library: {_explain(exc)}") from exc


def _set_wal(conn: sqlite3.Connection) -> str:
    """Switch to write-ahead logging. Changing the journal mode needs an exclusive lock and
    SQLite may answer "locked" at once instead of waiting, while another process opens the
    same new library: retry for up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _explain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return "the data folder is read-only"
    if "disk is full" in text or "disk I/O" in text:
        return "the disk is full or failing; nothing was saved"
    if "locked" in text:
        return "the library is locked by another Briefing process; try again"
    return text


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"{folder}: cannot create the data folder ({exc.strerror})") from exc
    if not os.access(folder, os.W_OK):
        raise StorageError(f"{folder}: the data folder is read-only; nothing can be saved")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the library database ({exc.strerror})") from exc
    if header and header != SQLITE_MAGIC:
        _move_aside(path, "is not a SQLite database")


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        conn.close()
        _move_aside(path, f"is damaged ({exc})")
    if rows and rows[0][0] != "ok":
        conn.close()
        _move_aside(path, f"is damaged ({rows[0][0]})")


def _move_aside(path: Path, problem: str) -> None:
    target = path.with_name(f"{path.name}.corrupt-{stamp_for_filename()}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise StorageError(f"{path} {problem}, and it could not be moved aside: {exc}") from exc
    raise CorruptDatabaseError(
        f"{path} {problem}; it was moved aside to {target.name} and a new library will be "
        "started",
        target,
    )


def _backup(conn: sqlite3.Connection, path: Path, folder: Path, version: int) -> Path:
    _ensure_folder(folder)
    target = folder / f"{path.stem}-v{version}-{stamp_for_filename()}.sqlite3"
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()
    return target
