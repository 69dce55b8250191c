"""Feeds, the feed entries already seen, and followed entities: rows <-> plain objects."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from briefing.feeds.model import Feed

_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.added_at, f.interval_minutes, f.etag, "
    "f.last_modified, f.state, f.last_checked, f.last_success, f.last_error, f.warning, "
    "f.failures, (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id "
    "AND e.article_id IS NOT NULL)"
)


@dataclass(frozen=True, slots=True)
class SeenEntry:
    """A feed item already handled: the article it became, and whether it is complete."""

    entry_key: str
    link: str | None
    article_id: int | None
    full_text: bool
    attempts: int


def _feed(row: tuple) -> Feed:
    return Feed(*row)


def add(conn: sqlite3.Connection, url: str, title: str, site_url: str | None, now: str) -> int:
    cursor = conn.execute(
        "INSERT INTO feeds (url, title, site_url, added_at) VALUES (?, ?, ?, ?)",
        (url, title, site_url, now),
    )
    return int(cursor.lastrowid or 0)


def get(conn: sqlite3.Connection, feed_id: int) -> Feed | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM feeds f WHERE f.id = ?", (feed_id,)).fetchone()
    return _feed(row) if row else None


def find_by_url(conn: sqlite3.Connection, url: str) -> Feed | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM feeds f WHERE f.url = ?", (url,)).fetchone()
    return _feed(row) if row else None


def all_feeds(conn: sqlite3.Connection) -> list[Feed]:
    return [_feed(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM feeds f ORDER BY f.id")]


def delete(conn: sqlite3.Connection, feed_id: int) -> None:
    conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))


def record_success(
    conn: sqlite3.Connection,
    feed_id: int,
    *,
    now: str,
    state: str,
    title: str | None = None,
    site_url: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    warning: str | None = None,
    url: str | None = None,
) -> None:
    """A fetch that worked (``ok`` or ``not-modified``): reset the failure count."""
    conn.execute(
        "UPDATE feeds SET state = ?, last_checked = ?, last_success = ?, last_error = NULL, "
        "failures = 0, warning = ?, etag = coalesce(?, etag), "
        "last_modified = coalesce(?, last_modified), "
        "title = CASE WHEN ? <> '' THEN ? ELSE title END, site_url = coalesce(?, site_url), "
        "url = coalesce(?, url) WHERE id = ?",
        (
            state,
            now,
            now,
            warning,
            etag,
            last_modified,
            title or "",
            title or "",
            site_url,
            url,
            feed_id,
        ),
    )


def record_failure(conn: sqlite3.Connection, feed_id: int, *, now: str, error: str) -> None:
    """A fetch that failed: keep everything already stored, count the failure."""
    conn.execute(
        "UPDATE feeds SET state = 'error', last_checked = ?, last_error = ?, "
        "failures = failures + 1 WHERE id = ?",
        (now, error, feed_id),
    )


def seen_entries(conn: sqlite3.Connection, feed_id: int) -> dict[str, SeenEntry]:
    rows = conn.execute(
        "SELECT entry_key, link, article_id, full_text, attempts FROM feed_entries "
        "WHERE feed_id = ?",
        (feed_id,),
    ).fetchall()
    return {r[0]: SeenEntry(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows}


def seen_links(conn: sqlite3.Connection, feed_id: int) -> dict[str, SeenEntry]:
    return {e.link: e for e in seen_entries(conn, feed_id).values() if e.link}


def article_for_link(conn: sqlite3.Connection, link: str) -> int | None:
    """An article any feed already imported from ``link`` (complete text first)."""
    row = conn.execute(
        "SELECT article_id FROM feed_entries WHERE link = ? AND article_id IS NOT NULL "
        "ORDER BY full_text DESC, article_id LIMIT 1",
        (link,),
    ).fetchone()
    return int(row[0]) if row else None


def record_entry(
    conn: sqlite3.Connection,
    feed_id: int,
    entry_key: str,
    *,
    link: str | None,
    article_id: int | None,
    full_text: bool,
    now: str,
) -> None:
    """Insert or update the entry; every update counts one more attempt."""
    conn.execute(
        "INSERT INTO feed_entries (feed_id, entry_key, link, article_id, full_text, attempts, "
        "seen_at) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (feed_id, entry_key) DO UPDATE SET "
        "link = excluded.link, article_id = coalesce(excluded.article_id, article_id), "
        "full_text = excluded.full_text, attempts = attempts + 1",
        (feed_id, entry_key, link, article_id, int(full_text), now),
    )


def feed_ids_for_article(conn: sqlite3.Connection, article_id: int) -> list[int]:
    rows = conn.execute(
        "SELECT DISTINCT feed_id FROM feed_entries WHERE article_id = ? ORDER BY feed_id",
        (article_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def follow(conn: sqlite3.Connection, name: str, now: str) -> None:
    conn.execute(
        "INSERT INTO followed_entities (name, followed_at) VALUES (?, ?) "
        "ON CONFLICT (name) DO NOTHING",
        (name, now),
    )


def unfollow(conn: sqlite3.Connection, name: str) -> None:
    conn.execute("DELETE FROM followed_entities WHERE name = ?", (name,))


def followed(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, followed_at) of every followed entity, oldest first."""
    rows = conn.execute(
        "SELECT name, followed_at FROM followed_entities ORDER BY followed_at, name"
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]
