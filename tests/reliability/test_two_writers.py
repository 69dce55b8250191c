"""Two processes writing the same library at once (GUI + CLI) lose nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from briefing.paths import app_paths

CHILD = Path(__file__).with_name("writer_child.py")


def test_concurrent_writers_keep_every_write() -> None:
    count = 150
    procs = [
        subprocess.Popen(
            [sys.executable, str(CHILD), tag, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        for tag in ("gui", "cli", "cron")
    ]
    acked: set[str] = set()
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        acked |= {x[4:] for x in out.decode().splitlines() if x.startswith("ack ")}
    assert len(acked) == 3 * count
    conn = sqlite3.connect(app_paths().database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT id FROM annotations")}
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert acked <= stored
    assert articles == 1, "the shared article was imported once, not once per process"
