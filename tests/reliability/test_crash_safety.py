"""Killing a writer with SIGKILL at random moments never corrupts the library or loses an
acknowledged annotation (issue: annotations that last / reliability)."""

from __future__ import annotations

import os
import random
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.paths import app_paths

CHILD = Path(__file__).with_name("writer_child.py")
KILLS = 100


def _run_and_kill(rng: random.Random, tag: str) -> set[str]:
    """Start a writer, let it run a random while after it is ready, SIGKILL it, return acks."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), tag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    assert proc.stdout is not None
    acked: set[str] = set()
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    buffer = b""
    ready_at: float | None = None
    delay = rng.uniform(0.0, 0.25)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if ready_at is not None and time.monotonic() - ready_at >= delay:
            break
        if not sel.select(timeout=0.01):
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            if line == b"ready":
                ready_at = time.monotonic()
            elif line.startswith(b"ack "):
                acked.add(line[4:].decode())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # acks written just before the kill are still in the pipe: read them too
    rest = buffer + proc.stdout.read()
    acked.update(x[4:].decode() for x in rest.split(b"\n") if x.startswith(b"ack "))
    sel.close()
    proc.stdout.close()
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert "Traceback" not in err, err
    return acked


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_write() -> None:
    rng = random.Random(20261126)
    acknowledged: set[str] = set()
    for kill in range(KILLS):
        acknowledged |= _run_and_kill(rng, f"k{kill}")
    db = app_paths().database
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT id FROM annotations")}
    tags = conn.execute(
        "SELECT count(*) FROM annotations a WHERE NOT EXISTS "
        "(SELECT 1 FROM annotation_tags t WHERE t.annotation_id = a.id)"
    ).fetchone()[0]
    conn.close()
    assert len(acknowledged) > KILLS, "the writers must have made progress"
    missing = acknowledged - stored
    assert not missing, f"{len(missing)} acknowledged annotations lost"
    assert tags == 0, "an annotation was committed without its tags (torn transaction)"
