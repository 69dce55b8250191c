"""One-off work in a low-priority child process (the integrity check): it runs in another,
niced process; cancelling stops it; the off switch keeps it in the calling thread."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.paths import AppPaths
from briefing.services import Library, maintenance
from briefing.services.child_process import (
    ENV_SWITCH,
    LOW_PRIORITY,
    LOWER_PRIORITY,
    ChildCancelled,
    run_in_child,
    spawn_pool,
)
from briefing.storage import open_database


def where_and_how_nice() -> tuple[int, int]:
    return os.getpid(), os.nice(0)


def sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


@pytest.fixture
def children_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SWITCH, "1")


def test_the_work_runs_in_another_process_at_low_priority(children_on: None) -> None:
    pid, niceness = run_in_child(where_and_how_nice)
    assert pid != os.getpid()
    assert niceness >= min(os.nice(0) + LOW_PRIORITY, 19) > os.nice(0)


def test_cancel_stops_the_child(children_on: None) -> None:
    began = time.monotonic()
    asked = []

    def cancelled() -> bool:
        asked.append(time.monotonic())
        return time.monotonic() - began > 0.5

    with pytest.raises(ChildCancelled):
        run_in_child(sleep_then_pid, 60.0, cancelled=cancelled)
    assert time.monotonic() - began < 30  # not the minute the work would take
    assert len(asked) > 1


def test_the_switch_keeps_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SWITCH, "0")
    assert run_in_child(where_and_how_nice)[0] == os.getpid()


def test_the_integrity_check_in_a_child_finds_damage_and_records_it(
        children_on: None, tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = open_database(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("CREATE INDEX t_x ON t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(f"v{i}",) for i in range(2000)])
    conn.execute("PRAGMA writable_schema = ON")  # an index that no longer matches its table
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX t_x ON t (x DESC)' "
                 "WHERE name = 't_x'")
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()
    lib = Library(open_database(path), AppPaths(tmp_path, tmp_path, tmp_path, tmp_path), path)
    try:
        report = maintenance.check_integrity(lib, in_child=True)
        assert not report.ok and report.problems
        recorded = lib.conn.execute("SELECT value FROM maintenance WHERE key = ?",
                                    (maintenance.RESULT,)).fetchone()
        assert recorded is not None and recorded[0] != "ok"
    finally:
        lib.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness: Linux")
def test_a_child_started_by_a_lowered_thread_is_niced_from_the_process() -> None:
    """The reader's worker threads run at a niceness of their own; a child one of them
    starts is niced relative to the reader, not to that thread (it would inherit both)."""
    found: list[int] = []

    def start_from_lowered_thread() -> None:
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + 5)
        pool = spawn_pool(LOWER_PRIORITY)
        try:
            found.append(pool.submit(where_and_how_nice).result(timeout=60)[1])
        finally:
            pool.shutdown()

    thread = threading.Thread(target=start_from_lowered_thread)
    thread.start()
    thread.join()
    assert found == [min(os.nice(0) + LOWER_PRIORITY, 19)]
