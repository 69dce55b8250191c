"""Several handles on one library: move-aside only when nothing else here holds the file,
"database is locked" waited out and then named, per-thread handles reused."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from briefing.domain import StorageError
from briefing.paths import AppPaths
from briefing.services.library import (
    MAX_IDLE,
    Library,
    close_pooled_libraries,
    pooled_library,
)
from briefing.storage import LibraryBusyError, handles, open_connections, open_database
from briefing.storage.connection import transaction


def test_connections_are_counted_per_file_until_closed(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    first, second = open_database(path), open_database(path)
    assert open_connections(path) == 2
    first.close()
    assert open_connections(path) == 1
    second.close()
    assert open_connections(path) == 0


def test_damage_found_while_open_elsewhere_here_is_not_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    keeper = open_database(path)
    keeper.execute("INSERT INTO maintenance VALUES ('integrity_result', 'page 3: bad')")
    keeper.execute("CREATE TABLE junk (x)")
    # A recorded failure is confirmed on the next open; here the file is sound: cleared.
    again = open_database(path)
    assert again.execute(
        "SELECT value FROM maintenance WHERE key = 'integrity_result'").fetchone() == ("ok",)
    again.close()
    from briefing.storage import connection

    def damaged(_conn: object, _path: Path) -> None:
        connection._set_aside(_conn, _path, "is damaged (test)")  # type: ignore[arg-type]

    original = connection._probe
    connection._probe = damaged  # type: ignore[assignment]
    try:
        with pytest.raises(StorageError, match="left in place"):
            open_database(path)
    finally:
        connection._probe = original  # type: ignore[assignment]
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))
    keeper.close()


def test_a_writer_waits_for_another_then_succeeds(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handles, "BUSY_TIMEOUT_S", 0.05)
    path = tmp_path / "lib.sqlite3"
    holder = open_database(path)
    waiter = handles.connect(path)  # a short busy timeout: our retries do the waiting
    waiter.execute("PRAGMA busy_timeout = 50")
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.6, lambda: holder.execute("COMMIT"))
    released.start()
    started = time.monotonic()
    with transaction(waiter) as conn:
        conn.execute("INSERT INTO maintenance VALUES ('k', 'v')")
    assert time.monotonic() - started >= 0.5
    released.join()
    assert holder.execute("SELECT value FROM maintenance WHERE key = 'k'").fetchone() == ("v",)
    holder.close()
    waiter.close()


def test_a_library_locked_too_long_is_a_clear_error_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handles, "RETRY_WINDOW_S", 0.3)
    path = tmp_path / "lib.sqlite3"
    holder = open_database(path)
    waiter = open_database(path)
    waiter.execute("PRAGMA busy_timeout = 20")
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(LibraryBusyError, match=str(path)) as info, transaction(waiter):
        pass
    assert "locked by another Briefing process" in str(info.value)
    assert not isinstance(info.value, sqlite3.Error)
    holder.execute("ROLLBACK")
    holder.close()
    waiter.close()


def test_job_handles_are_reused_bounded_and_closed_at_quit(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "config", tmp_path / "cache", tmp_path / "l")
    first = pooled_library(paths)
    with first as lib:
        lib.conn.execute("SELECT 1")
    assert open_connections(paths.database) == 1, "given back, not closed"
    assert pooled_library(paths) is first, "the next job reuses the open handle"
    seen: list[Library] = []
    worker = threading.Thread(target=lambda: seen.append(pooled_library(paths)))
    worker.start()
    worker.join()
    assert seen[0] is not first, "two jobs at once never share a connection"
    first.close()
    seen[0].close()
    assert open_connections(paths.database) == 2
    many = [pooled_library(paths) for _ in range(MAX_IDLE + 3)]
    for lib in many:
        lib.close()
    assert open_connections(paths.database) == MAX_IDLE, "idle handles are bounded"
    close_pooled_libraries()
    assert open_connections(paths.database) == 0


def test_the_open_library_itself_is_never_read_as_an_article(tmp_path: Path) -> None:
    from briefing.domain import IngestError
    from briefing.services.articles import read_source  # the guarded way in (CLI, reader)

    path = tmp_path / "lib.sqlite3"
    conn = open_database(path)
    conn.execute("INSERT INTO maintenance VALUES ('k', 'v')")
    for name in (path, path.with_name(path.name + "-wal")):
        with pytest.raises(IngestError, match="own library database"):
            read_source(str(name))
    conn.close()
