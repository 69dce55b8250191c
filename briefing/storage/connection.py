"""Opening the library database safely: checks, backup, WAL, foreign keys, migrations.

A file that is not a SQLite database (or is found damaged) is moved aside with a timestamp,
never deleted — and only while no other connection of this process has it open; a database
written by a newer Briefing is refused untouched. Every check goes through SQLite.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.clock import stamp_for_filename
from briefing.domain.errors import StorageError
from briefing.storage.handles import connect, note_commit, open_connections
from briefing.storage.maintenance import integrity_problems
from briefing.storage.migrations import current_version, latest_version, migrate


class CorruptDatabaseError(StorageError):
    """The database was unreadable; it has been moved aside to ``moved_to``."""

    def __init__(self, message: str, moved_to: Path) -> None:
        super().__init__(message)
        self.moved_to = moved_to


def open_database(path: Path, *, backup_dir: Path | None = None) -> sqlite3.Connection:
    """Open (creating or migrating) the library at ``path``; raise StorageError on trouble.

    Everything here goes through SQLite: the file is never opened by the OS while this
    process may hold connections to it (see :mod:`briefing.storage`)."""
    _ensure_folder(path.parent)
    try:
        conn = connect(path)
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: cannot open the library database ({exc})") from exc
    try:
        _probe(conn, path)
        version = current_version(conn)
        if version > latest_version():
            raise StorageError(
                f"{path}: written by a newer Briefing (schema v{version}; this version knows "
                f"up to v{latest_version()}); it was left untouched — update Briefing"
            )
        conn.execute("PRAGMA foreign_keys = ON")
        mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        if mode.lower() != "wal":
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
    """One committed unit of work (BEGIN IMMEDIATE ... COMMIT), rolled back on any error.
    BEGIN and COMMIT wait for other writers (see :mod:`briefing.storage.handles`)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StorageError(f"the library is busy or not writable: {_explain(exc)}") from exc
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        _rollback(conn)
        raise StorageError(f"could not save to the library: {_explain(exc)}") from exc
    except BaseException:
        _rollback(conn)
        raise
    try:
        conn.execute("COMMIT")
        note_commit(conn)
    except (sqlite3.OperationalError, StorageError) as exc:
        _rollback(conn)
        if isinstance(exc, StorageError):
            raise
        raise StorageError(f"could not save to the library: {_explain(exc)}") from exc


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


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


def _probe(conn: sqlite3.Connection, path: Path) -> None:
    """Cheap checks through SQLite (no whole-file work): the header and schema are read,
    and the first and last leaf of every table's b-tree, which is where truncation or a
    torn file shows. The full integrity check runs in the background (services.maintenance)
    — unless an earlier one found damage, which is confirmed here before anything else."""
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )]
        for table in tables:
            quoted = table.replace('"', '""')
            try:
                conn.execute(  # each on its own: both in one SELECT would scan the table
                    f'SELECT (SELECT min(rowid) FROM "{quoted}"), '
                    f'(SELECT max(rowid) FROM "{quoted}")').fetchone()
            except sqlite3.OperationalError as exc:
                if "no such column" not in str(exc):  # WITHOUT ROWID tables have none
                    raise
        if "maintenance" in tables and _damage_recorded(conn):
            problems = integrity_problems(conn, 1)
            if problems:
                _set_aside(conn, path, f"is damaged ({problems[0]})")
            conn.execute("UPDATE maintenance SET value = 'ok' WHERE key = 'integrity_result'")
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and not _is_damage(exc):
            raise
        code = getattr(exc, "sqlite_errorname", "")
        problem = ("is not a SQLite database" if code == "SQLITE_NOTADB"
                   else f"is damaged ({exc})")
        _set_aside(conn, path, problem)


def _is_damage(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") in {"SQLITE_NOTADB", "SQLITE_CORRUPT"}


def _damage_recorded(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT value FROM maintenance WHERE key = 'integrity_result'").fetchone()
    return row is not None and row[0] != "ok"


def _set_aside(conn: sqlite3.Connection, path: Path, problem: str) -> None:
    """Close ``conn`` (through SQLite, which keeps the process's locks while other
    connections of it use the file) and move the file aside if nothing else here has it."""
    conn.close()
    others = open_connections(path)
    if others:
        raise StorageError(
            f"{path} {problem}; it is still open {others} time(s) in this Briefing process, so "
            "it was left in place — quit Briefing and start it again to move it aside"
        )
    _move_aside(path, problem)


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
