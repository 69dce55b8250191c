"""Capture tokens (hashes only) and received browser captures: rows <-> plain objects."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CaptureToken:
    """A paired extension: never the token itself, only what identifies and describes it."""

    id: int
    label: str
    created_at: str
    last_used_at: str | None
    origin: str | None


@dataclass(frozen=True, slots=True)
class StoredCapture:
    capture_id: str
    article_id: int
    annotation_id: str | None


_TOKEN_COLUMNS = "id, label, created_at, last_used_at, origin"


def add_token(conn: sqlite3.Connection, label: str, token_hash: str, now: str) -> int:
    cursor = conn.execute(
        "INSERT INTO capture_tokens (label, token_hash, created_at) VALUES (?, ?, ?)",
        (label, token_hash, now),
    )
    return int(cursor.lastrowid or 0)


def tokens(conn: sqlite3.Connection) -> list[CaptureToken]:
    rows = conn.execute(f"SELECT {_TOKEN_COLUMNS} FROM capture_tokens ORDER BY id")
    return [CaptureToken(*row) for row in rows]


def token_by_hash(conn: sqlite3.Connection, token_hash: str) -> CaptureToken | None:
    row = conn.execute(
        f"SELECT {_TOKEN_COLUMNS} FROM capture_tokens WHERE token_hash = ?", (token_hash,)
    ).fetchone()
    return CaptureToken(*row) if row else None


def record_use(conn: sqlite3.Connection, token_id: int, origin: str | None, now: str) -> None:
    conn.execute(
        "UPDATE capture_tokens SET last_used_at = ?, origin = coalesce(?, origin) WHERE id = ?",
        (now, origin, token_id),
    )


def delete_token(conn: sqlite3.Connection, token_id: int) -> bool:
    return conn.execute("DELETE FROM capture_tokens WHERE id = ?", (token_id,)).rowcount > 0


def get_capture(conn: sqlite3.Connection, capture_id: str) -> StoredCapture | None:
    row = conn.execute(
        "SELECT capture_id, article_id, annotation_id FROM captures WHERE capture_id = ?",
        (capture_id,),
    ).fetchone()
    return StoredCapture(*row) if row else None


def add_capture(
    conn: sqlite3.Connection, capture: StoredCapture, token_id: int | None, now: str
) -> None:
    conn.execute(
        "INSERT INTO captures (capture_id, article_id, annotation_id, token_id, received_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (capture.capture_id, capture.article_id, capture.annotation_id, token_id, now),
    )


def delete_capture(conn: sqlite3.Connection, capture_id: str) -> None:
    conn.execute("DELETE FROM captures WHERE capture_id = ?", (capture_id,))


def count_captures(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM captures").fetchone()[0])
