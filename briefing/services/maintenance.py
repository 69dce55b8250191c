"""Library upkeep that must never hold up a command or the window: the integrity check, run
at most once a day and after an unclean shutdown of a reader, from a background worker.

A reader records a session (host and process id) in the library when it starts and removes
it when it quits; a session whose process is gone means that reader died, so the next
reader checks the whole file. A failed check is recorded: the next opening of the library
confirms it and moves the damaged file aside (see :mod:`briefing.storage`).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefing.clock import utc_now
from briefing.services.library import Library
from briefing.storage import maintenance as store
from briefing.storage.changes import ChangeProbe as ChangeProbe  # the reader's watch polls it

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(days=1)
CHECKED_AT = "integrity_checked_at"
RESULT = "integrity_result"
_SESSION = "session:"


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    ok: bool
    problems: tuple[str, ...]
    checked_at: str


def _session_key(pid: int | None = None) -> str:
    return f"{_SESSION}{socket.gethostname()}:{os.getpid() if pid is None else pid}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def begin_session(lib: Library) -> bool:
    """Record this reader as running; True when an earlier reader on this machine never
    ended its session (it crashed or was killed): an unclean shutdown."""
    mine = _session_key()
    host_prefix = f"{_SESSION}{socket.gethostname()}:"
    unclean = False
    with lib.transaction() as conn:
        for key, _value in store.with_prefix(conn, host_prefix):
            pid_text = key[len(host_prefix):]
            if key != mine and pid_text.isdigit() and not _alive(int(pid_text)):
                store.delete(conn, key)
                unclean = True
        store.put(conn, mine, utc_now())
    return unclean


def end_session(lib: Library) -> None:
    with lib.transaction() as conn:
        store.delete(conn, _session_key())


def integrity_due(lib: Library, *, unclean: bool = False, now: datetime | None = None,
                  ) -> str | None:
    """Why the integrity check should run now (None: not due)."""
    if unclean:
        return "after an unclean shutdown"
    last = store.get(lib.conn, CHECKED_AT)
    if last is None:
        return "never checked"
    when = datetime.fromisoformat(last.replace("Z", "+00:00"))
    if (now or datetime.now(UTC)) - when >= CHECK_EVERY:
        return "daily check"
    return None


def integrity_problems_at(database: Path) -> tuple[str, ...]:
    """The integrity check's findings on the library file ``database``, read on a connection
    of its own (what :func:`check_integrity` runs in a child process)."""
    from briefing.storage.handles import connect

    conn = connect(database)
    try:
        return tuple(store.integrity_problems(conn))
    finally:
        conn.close()


def check_integrity(lib: Library, *, in_child: bool = False,
                    cancelled: Callable[[], bool] | None = None) -> IntegrityReport:
    """Read the whole file (minutes on a huge library: call from a worker) and record the
    outcome; damage is logged once and reported, never repaired here. ``in_child``: the file
    is read by a low-priority child process (the reader: the check then yields the cores to
    its GUI thread; ``ChildCancelled`` when ``cancelled()`` turns true meanwhile); the
    outcome is recorded here either way."""
    if in_child:
        from briefing.services.child_process import run_in_child

        problems = run_in_child(integrity_problems_at, lib.database, cancelled=cancelled)
    else:
        problems = tuple(store.integrity_problems(lib.conn))
    when = utc_now()
    try:
        with lib.transaction() as conn:
            store.put(conn, CHECKED_AT, when)
            store.put(conn, RESULT, "ok" if not problems else "; ".join(problems)[:500])
    except Exception as exc:  # a damaged file may refuse the note too; the report stands
        log.warning("%s: could not record the integrity check: %s", lib.database, exc)
    if problems:
        log.error("%s failed its integrity check: %s", lib.database, "; ".join(problems))
    return IntegrityReport(not problems, problems, when)
