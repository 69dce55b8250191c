"""Briefs: named, ordered collections of articles."""

from __future__ import annotations

import sqlite3

from briefing.domain import Brief


def create(conn: sqlite3.Connection, title: str, created_at: str) -> int:
    cursor = conn.execute(
        "INSERT INTO briefs (title, created_at) VALUES (?, ?)", (title, created_at)
    )
    return int(cursor.lastrowid or 0)


def get(conn: sqlite3.Connection, brief_id: int) -> Brief | None:
    row = conn.execute(
        "SELECT id, title, created_at FROM briefs WHERE id = ?", (brief_id,)
    ).fetchone()
    if not row:
        return None
    ids = tuple(
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM brief_articles WHERE brief_id = ? ORDER BY position",
            (brief_id,),
        )
    )
    return Brief(id=row[0], title=row[1], article_ids=ids, created_at=row[2])


def all_briefs(conn: sqlite3.Connection) -> list[Brief]:
    ids = [r[0] for r in conn.execute("SELECT id FROM briefs ORDER BY created_at, id")]
    return [b for b in (get(conn, i) for i in ids) if b is not None]


def set_articles(conn: sqlite3.Connection, brief_id: int, article_ids: list[int]) -> None:
    """Replace the brief's articles with ``article_ids`` in that order. In a transaction."""
    conn.execute("DELETE FROM brief_articles WHERE brief_id = ?", (brief_id,))
    seen: set[int] = set()
    rows = []
    for position, article_id in enumerate(article_ids):
        if article_id not in seen:
            seen.add(article_id)
            rows.append((brief_id, article_id, position))
    conn.executemany(
        "INSERT INTO brief_articles (brief_id, article_id, position) VALUES (?, ?, ?)", rows
    )


def rename(conn: sqlite3.Connection, brief_id: int, title: str) -> None:
    conn.execute("UPDATE briefs SET title = ? WHERE id = ?", (title, brief_id))


def delete(conn: sqlite3.Connection, brief_id: int) -> None:
    conn.execute("DELETE FROM briefs WHERE id = ?", (brief_id,))
