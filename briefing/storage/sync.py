"""Sync bookkeeping and per-reviewer verdicts in the library database (schema v8 tables)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from briefing.domain.verdicts import ReviewerVerdict as ReviewerVerdict
from briefing.sync.records import Record, parse_record


@dataclass(frozen=True, slots=True)
class Applied:
    """What the records of one entity last put into the library."""

    entity: str
    target: str  # article | annotation | verdict | deleted
    fingerprint: str
    heads: tuple[str, ...]


# ------------------------------------------------------------------------------ settings


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM sync_settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_setting(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM sync_settings WHERE key = ?", (key,))
    else:
        conn.execute(
            "INSERT INTO sync_settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


# ------------------------------------------------------------------------------- records


def known_record_ids(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT id FROM sync_records")}


def insert_record(conn: sqlite3.Connection, record: Record) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO sync_records (id, device, kind, entity, record) "
        "VALUES (?, ?, ?, ?, ?)",
        (record.id, record.device, record.kind, record.entity, record.dumps()),
    )


def records_for(conn: sqlite3.Connection, entity: str) -> list[Record]:
    return [
        parse_record(row[0])
        for row in conn.execute("SELECT record FROM sync_records WHERE entity = ?", (entity,))
    ]


def record_ids_for(conn: sqlite3.Connection, entity: str) -> list[str]:
    return sorted(
        row[0] for row in conn.execute("SELECT id FROM sync_records WHERE entity = ?", (entity,))
    )


def pending_entities(conn: sqlite3.Connection) -> list[str]:
    """Entities with records that have not been put into the library yet."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT entity FROM sync_records "
            "WHERE entity NOT IN (SELECT entity FROM sync_applied) ORDER BY entity"
        )
    ]


def applied(conn: sqlite3.Connection, target: str | None = None) -> dict[str, Applied]:
    sql = "SELECT entity, target, fingerprint, heads FROM sync_applied"
    rows = conn.execute(sql + " WHERE target = ?", (target,)) if target else conn.execute(sql)
    return {
        row[0]: Applied(row[0], row[1], row[2], tuple(json.loads(row[3]))) for row in rows
    }


def set_applied(
    conn: sqlite3.Connection, entity: str, target: str, fingerprint: str, heads: tuple[str, ...]
) -> None:
    conn.execute(
        "INSERT INTO sync_applied (entity, target, fingerprint, heads) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(entity) DO UPDATE SET target = excluded.target, "
        "fingerprint = excluded.fingerprint, heads = excluded.heads",
        (entity, target, fingerprint, json.dumps(sorted(heads))),
    )


def conflicted_entities(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT entity FROM sync_applied WHERE json_array_length(heads) > 1 ORDER BY entity"
        )
    ]


# ------------------------------------------------------------------------------ articles


def article_for_uid(conn: sqlite3.Connection, uid: str) -> int | None:
    row = conn.execute("SELECT article_id FROM sync_articles WHERE uid = ?", (uid,)).fetchone()
    return None if row is None else int(row[0])


def uid_by_article(conn: sqlite3.Connection) -> dict[int, str]:
    rows = conn.execute("SELECT uid, article_id FROM sync_articles")
    return {int(row[1]): row[0] for row in rows}


def map_article(conn: sqlite3.Connection, uid: str, article_id: int) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO sync_articles (uid, article_id) VALUES (?, ?)", (uid, article_id)
    )


def unmapped_article_ids(conn: sqlite3.Connection) -> list[int]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM sync_articles) "
            "ORDER BY id"
        )
    ]


# ------------------------------------------------------------------------------ verdicts


def upsert_reviewer_verdict(conn: sqlite3.Connection, verdict: ReviewerVerdict) -> None:
    """Store another reviewer's verdict (the local reader's come from its annotations)."""
    conn.execute(
        'INSERT OR REPLACE INTO claim_verdicts (id, article_id, start, "end", reviewer, '
        "reviewer_name, verdict, note, evidence, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            verdict.id, verdict.article_id, verdict.start, verdict.end, verdict.reviewer,
            verdict.reviewer_name, verdict.verdict, verdict.note, verdict.evidence,
            verdict.decided_at,
        ),
    )


def delete_reviewer_verdict(conn: sqlite3.Connection, verdict_id: str) -> None:
    conn.execute("DELETE FROM claim_verdicts WHERE id = ? AND reviewer != ''", (verdict_id,))


def verdicts_for_span(
    conn: sqlite3.Connection, article_id: int, start: int, end: int
) -> list[ReviewerVerdict]:
    return _verdicts(conn, 'WHERE article_id = ? AND start = ? AND "end" = ?',
                     (article_id, start, end))


def verdicts_for_article(conn: sqlite3.Connection, article_id: int) -> list[ReviewerVerdict]:
    return _verdicts(conn, "WHERE article_id = ?", (article_id,))


def verdicts_for_articles(
    conn: sqlite3.Connection, article_ids: list[int]
) -> list[ReviewerVerdict]:
    """The verdicts of many articles (as :func:`verdicts_for_article` orders each one's)."""
    found: list[ReviewerVerdict] = []
    for start in range(0, len(article_ids), 500):
        chunk = tuple(article_ids[start : start + 500])
        found += _verdicts(conn, f"WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)
    return found


def _verdicts(
    conn: sqlite3.Connection, where: str, args: tuple[object, ...]
) -> list[ReviewerVerdict]:
    rows = conn.execute(
        'SELECT id, article_id, start, "end", reviewer, reviewer_name, verdict, note, evidence, '
        f"decided_at FROM claim_verdicts {where} ORDER BY start, \"end\", reviewer != '', "
        "reviewer_name, reviewer, id",
        args,
    )
    return [ReviewerVerdict(*row) for row in rows]
