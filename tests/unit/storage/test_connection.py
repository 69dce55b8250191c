"""Opening, migrating, refusing and recovering library databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.domain import StorageError
from briefing.storage import CorruptDatabaseError, open_database
from briefing.storage.migrations import latest_version, migrate, migration_scripts


def test_new_database_is_at_latest_version_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "lib.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()


def test_migrations_are_numbered_from_one() -> None:
    assert sorted(migration_scripts()) == list(range(1, latest_version() + 1))


@pytest.mark.parametrize("start", range(latest_version()))
def test_every_earlier_version_migrates_and_keeps_data(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    migrate(raw, target=start)
    if start >= 1:
        raw.execute(
            "INSERT INTO articles (title, imported_at, text, text_sha256) "
            "VALUES ('kept', '2025-01-01T00:00:00Z', 'body text', 'abc')"
        )
    raw.close()
    conn = open_database(path, backup_dir=tmp_path / "backups")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    if start >= 1:
        assert conn.execute("SELECT title FROM articles").fetchall() == [("kept",)]
        backups = list((tmp_path / "backups").glob(f"old-v{start}-*.sqlite3"))
        assert len(backups) == 1, "a backup is taken before migrating"
        with sqlite3.connect(backups[0]) as copy:
            assert copy.execute("PRAGMA user_version").fetchone()[0] == start
    conn.close()


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
        raw.execute(f"PRAGMA user_version = {latest_version() + 5}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer Briefing"):
        open_database(path)
    assert path.read_bytes() == before


def test_file_that_is_not_sqlite_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CorruptDatabaseError, match="not a SQLite database") as info:
        open_database(path)
    moved = info.value.moved_to
    assert moved.read_bytes().startswith(b"this is not a database")
    assert not path.exists()
    conn = open_database(path)  # a fresh library can now be started
    conn.close()


def test_truncated_database_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = open_database(path)
    conn.executemany(
        "INSERT INTO articles (title, imported_at, text, text_sha256) VALUES (?, '', ?, ?)",
        [(f"t{i}", "word " * 2000, f"h{i}") for i in range(50)],
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptDatabaseError):
        open_database(path)
    assert len(list(tmp_path.glob("lib.sqlite3.corrupt-*"))) == 1


def test_unwritable_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot create the data folder"):
        open_database(blocker / "sub" / "lib.sqlite3")


def test_many_openers_of_a_new_library_migrate_it_once(tmp_path: Path) -> None:
    import threading

    for round_ in range(5):
        path = tmp_path / f"race{round_}.sqlite3"
        barrier = threading.Barrier(6)
        errors: list[BaseException] = []

        def opener(
            target: Path = path,
            gate: threading.Barrier = barrier,
            errors: list[BaseException] = errors,
        ) -> None:
            gate.wait()
            try:
                open_database(target).close()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=opener) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
