"""The ``maintenance`` table: housekeeping facts about the library (last integrity check and
its result, the readers that have it open), plus the full integrity check itself."""

from __future__ import annotations

import sqlite3


def get(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM maintenance WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO maintenance (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM maintenance WHERE key = ?", (key,))


def with_prefix(conn: sqlite3.Connection, prefix: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT key, value FROM maintenance WHERE substr(key, 1, ?) = ? ORDER BY key",
        (len(prefix), prefix),
    )
    return [(str(k), str(v)) for k, v in rows]


def integrity_problems(conn: sqlite3.Connection, limit: int = 5) -> list[str]:
    """``PRAGMA integrity_check``: an empty list when the whole file is sound (reads it all;
    run it off the GUI thread and never before a command)."""
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        if "interrupted" in str(exc):
            raise  # cancelled (the reader is closing): no finding at all
        return [str(exc)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found
