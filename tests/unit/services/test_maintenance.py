"""Integrity checks now and then in the background, and after a reader died."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.domain import StorageError
from briefing.paths import AppPaths
from briefing.services import Library, maintenance
from briefing.storage import CorruptDatabaseError, open_database


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    paths = AppPaths(tmp_path / "data", tmp_path / "config", tmp_path / "cache", tmp_path / "l")
    with Library.open(paths) as opened:
        yield opened


def test_a_new_library_is_due_then_not_until_a_day_later(lib: Library) -> None:
    assert maintenance.integrity_due(lib) == "never checked"
    report = maintenance.check_integrity(lib)
    assert report.ok and report.problems == ()
    assert maintenance.integrity_due(lib) is None
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    assert maintenance.integrity_due(lib, now=later) == "daily check"
    assert maintenance.integrity_due(lib, unclean=True) == "after an unclean shutdown"


def test_a_reader_that_died_is_an_unclean_shutdown(lib: Library) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    with lib.transaction() as conn:
        conn.execute("INSERT INTO maintenance VALUES (?, 't')",
                     (maintenance._session_key(pid),))
    assert maintenance.begin_session(lib) is True
    assert maintenance.begin_session(lib) is False, "the dead session was cleared"
    maintenance.end_session(lib)
    rows = lib.conn.execute("SELECT key FROM maintenance WHERE key LIKE 'session:%'")
    assert rows.fetchall() == []


def test_a_failed_check_is_recorded_and_confirmed_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = open_database(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("CREATE INDEX t_x ON t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(f"v{i}",) for i in range(2000)])
    # Damage the index only (the table stays readable): found by the full check alone.
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX t_x ON t (x DESC)' "
                 "WHERE name = 't_x'")
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()
    reopened = open_database(path)  # the cheap probe does not read whole indexes
    lib = Library(reopened, AppPaths(tmp_path, tmp_path, tmp_path, tmp_path), path)
    report = maintenance.check_integrity(lib)
    assert not report.ok and report.problems
    lib.close()
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(path)
    assert info.value.moved_to.exists() and not path.exists()


def test_check_integrity_never_raises_on_a_read_only_library(lib: Library) -> None:
    lib.conn.execute("PRAGMA query_only = ON")
    report = maintenance.check_integrity(lib)
    assert report.ok
    with pytest.raises(StorageError), lib.transaction() as conn:
        conn.execute("INSERT INTO maintenance VALUES ('x', 'y')")
