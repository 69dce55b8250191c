"""Reading positions: where the reader stopped in each article (one row per article)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """``position`` is an offset into the article's text as it was when stored; ``quote`` is
    the text from that offset (up to about 32 characters) to re-find it after a revision."""

    article_id: int
    position: int
    quote: str
    updated_at: str


def get(conn: sqlite3.Connection, article_id: int) -> ReadingPosition | None:
    row = conn.execute(
        "SELECT article_id, position, quote, updated_at FROM reading_positions "
        "WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    return ReadingPosition(int(row[0]), int(row[1]), str(row[2]), str(row[3])) if row else None


def put(
    conn: sqlite3.Connection, article_id: int, position: int, quote: str, updated_at: str
) -> None:
    """Insert or replace the article's reading position. Call inside a transaction."""
    conn.execute(
        "INSERT INTO reading_positions (article_id, position, quote, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
        "position = excluded.position, quote = excluded.quote, updated_at = excluded.updated_at",
        (article_id, position, quote, updated_at),
    )
