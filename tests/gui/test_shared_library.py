"""The running reader and other processes on one library: their changes appear in the
reader within about two seconds (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing.gui.shell.library_upkeep import LibraryWatch


def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True,
                          text=True, timeout=60, env=os.environ.copy())
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_other_processes_changes_show_without_a_restart(qtbot, shown_sample,
                                                        tmp_path: Path) -> None:
    win = shown_sample
    qtbot.waitUntil(lambda: not win.tracker.is_busy(), timeout=20000)
    assert win.library.model.rowCount() == 1
    article_id = win.session.article_id
    extra = tmp_path / "cron.txt"
    extra.write_text("Council approves the harbour budget\n\nThe council approved the "
                     "harbour budget on Monday after a long debate.\n", encoding="utf-8")
    _cli("import", str(extra))  # as cron's feeds refresh or a script would
    # Shown at the next poll (every 0.5 s); the wait is generous for a loaded machine.
    qtbot.waitUntil(lambda: win.library.model.rowCount() == 2, timeout=15000)
    before = len(win.session.annotations)
    _cli("annotate", str(article_id), "--quote", "Siversk", "--note", "from the CLI")
    qtbot.waitUntil(lambda: len(win.session.annotations) == before + 1, timeout=15000)
    assert any(a.note == "from the CLI" for a in win.session.annotations)
    assert win.upkeep.refreshes >= 2


def test_the_readers_own_writes_do_not_count_as_changes_from_elsewhere(qtbot, window) -> None:
    from briefing.paths import app_paths
    from briefing.services import Library
    from briefing.services.library import pooled_library

    watch = LibraryWatch(lambda: window.lib.conn, interval_ms=60000)
    same_process = pooled_library(app_paths())  # a worker's handle
    with same_process.transaction() as conn:
        conn.execute("INSERT INTO maintenance VALUES ('a', 'b')")
    with qtbot.waitSignal(watch.changed) as own:
        assert watch.poll() is True
    assert own.args == [False], "this process's own commit: no list rebuild"
    other = Library.open()  # a raw write, as another process would make it
    other.conn.execute("INSERT INTO maintenance VALUES ('c', 'd')")
    other.close()
    with qtbot.waitSignal(watch.changed) as other_write:
        assert watch.poll() is True
    assert other_write.args == [True]
    assert watch.poll() is False, "reported once"
    watch.timer.stop()


def test_the_reader_checks_integrity_in_the_background_and_ends_its_session(
        qtbot, window) -> None:
    from briefing.services import maintenance

    def stored(key: str) -> object:
        row = window.lib.conn.execute(
            "SELECT value FROM maintenance WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    window.upkeep.start()  # what the application does once the window is complete
    assert window.upkeep.reason == "never checked"
    assert stored(maintenance._session_key()) is not None
    qtbot.waitUntil(lambda: stored(maintenance.CHECKED_AT) is not None, timeout=20000)
    assert stored(maintenance.RESULT) == "ok"
    assert not window.banner.isVisible()
    window.upkeep._checked(maintenance.IntegrityReport(False, ("page 7: bad",), "t"))
    assert "failed its integrity check (page 7: bad)" in window.banner.text()
    window.upkeep.stop()
    assert stored(maintenance._session_key()) is None, "a clean quit ends the session"
