"""Library search with the FTS5 index over title, text and notes."""

from __future__ import annotations

import re
import sqlite3

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(user_text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word must match, last as prefix.

    FTS5 syntax characters in the input are never interpreted (no injection, no syntax error).
    """
    words = _WORD.findall(user_text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if not user_text.rstrip().endswith(tuple(" \t")):
        quoted[-1] += "*"
    return " AND ".join(quoted)


def search(conn: sqlite3.Connection, user_text: str, limit: int = 500) -> list[int]:
    """Article ids matching ``user_text``, best match first."""
    query = fts_query(user_text)
    if query is None:
        return []
    rows = conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? "
        "ORDER BY bm25(search_index, 10.0, 1.0, 4.0) LIMIT ?",
        (query, limit),
    ).fetchall()
    return [int(r[0]) for r in rows]
