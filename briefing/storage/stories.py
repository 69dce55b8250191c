"""The stored story clustering (schema_v14.sql): per-article story features, term document
frequencies, the index of distinctive terms by day, article -> story assignments and the
per-story summaries. Derived data: it can always be rebuilt from the articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from briefing.domain import EngineInfo
from briefing.storage.entity_versions import entity_versions


class FeatureRow(NamedTuple):
    article_id: int
    day: int
    headline: str | None
    vector: str


class SourceRow(NamedTuple):
    """What features are made from: an article, its lead's end, its date and its entities
    (a JSON array of [name, label, mentions], in the analysis's order)."""

    article_id: int
    text_sha256: str
    title: str
    text: str
    date: str
    lead_end: int | None
    entities: str


class StoryRow(NamedTuple):
    id: int
    size: int
    first_day: int
    last_day: int
    score_sum: float
    entities: list[str]


def _ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted(set(ids)))


def sources(conn: sqlite3.Connection, engine: tuple[str, str], ids: Sequence[int],
            skip_labels: Iterable[str]) -> Iterator[SourceRow]:  # fmt: skip
    """The articles ``ids`` with the end of their analysis's second sentence and the
    entities of their analyses but those labelled ``skip_labels`` (the per-article rows of
    the entity index, schema_v15.sql, made into one JSON array each by SQLite)."""
    yield from (SourceRow(*row) for row in conn.execute(
        "SELECT ar.id, ar.text_sha256, ar.title, ar.text, "
        "COALESCE(NULLIF(ar.published, ''), ar.imported_at), "
        "(SELECT s.\"end\" FROM analysis_sentences s WHERE s.analysis_id = an.id "
        "ORDER BY s.idx LIMIT 1 OFFSET 1), "
        "(SELECT json_group_array(json_array(e.name, e.label, e.mentions)) FROM "
        "(SELECT name, label, mentions FROM article_entities WHERE article_id = ar.id "
        "AND engine_name = ?1 AND engine_version IN (SELECT value FROM json_each(?2)) "
        "AND label NOT IN (SELECT value FROM json_each(?4)) "
        "ORDER BY analysis_id, entity_idx) e) "
        "FROM articles ar LEFT JOIN analyses an ON an.text_sha256 = ar.text_sha256 "
        "AND an.engine_name = ?1 AND an.engine_version IN (SELECT value FROM json_each(?2)) "
        "WHERE ar.id IN (SELECT value FROM json_each(?3)) ORDER BY ar.id",
        (engine[0], json.dumps(entity_versions(EngineInfo(*engine))), _ids(ids),
         json.dumps(sorted(skip_labels)))))  # fmt: skip


def forget(conn: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """Drop the features, index entries and assignments of ``ids``; their stories' ids."""
    wanted = _ids(ids)
    stories = {int(r[0]) for r in conn.execute(
        "SELECT story_id FROM story_assignments WHERE article_id IN "
        "(SELECT value FROM json_each(?))", (wanted,))}  # fmt: skip
    for table in ("story_features", "story_postings", "story_assignments"):
        conn.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT value FROM json_each(?))",
                     (wanted,))  # fmt: skip
    return stories


def document_frequencies(conn: sqlite3.Connection, terms: Iterable[str] | None = None
                         ) -> dict[str, int]:  # fmt: skip
    """Stored document frequencies (of ``terms``, or all)."""
    if terms is None:
        return {t: int(n) for t, n in conn.execute("SELECT term, df FROM story_df")}
    return {t: int(n) for t, n in conn.execute(
        "SELECT term, df FROM story_df WHERE term IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(terms))),))}  # fmt: skip


def add_frequencies(conn: sqlite3.Connection, counts: dict[str, int]) -> None:
    conn.executemany(
        "INSERT INTO story_df (term, df) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df", counts.items())


FEATURED = ""
"""The story_df term that counts the indexed articles (no real term is empty)."""


def featured_count(conn: sqlite3.Connection) -> int:
    """How many articles were indexed (kept in story_df: counting rows would scan them)."""
    row = conn.execute("SELECT df FROM story_df WHERE term = ?", (FEATURED,)).fetchone()
    return int(row[0]) if row else 0


def put_features(conn: sqlite3.Connection,
                 rows: Iterable[tuple[int, str, int, str | None, str]],
                 postings: Iterable[tuple[str, int, int]]) -> None:  # fmt: skip
    """Store (article id, text hash, day, headline key, vector) rows and index entries (in
    the index's order: each B-tree page is visited once per run of entries)."""
    conn.executemany("INSERT OR REPLACE INTO story_features VALUES (?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT OR IGNORE INTO story_postings VALUES (?, ?, ?)", sorted(postings))


def features(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> Iterator[FeatureRow]:
    """Stored features (of ``ids``, or all) by day and id."""
    sql = "SELECT article_id, day, headline, vector FROM story_features "
    if ids is None:
        yield from (FeatureRow(*r) for r in conn.execute(sql + "ORDER BY day, article_id"))
        return
    yield from (FeatureRow(*r) for r in conn.execute(
        sql + "WHERE article_id IN (SELECT value FROM json_each(?))", (_ids(ids),)))  # fmt: skip


def entity_counts(conn: sqlite3.Connection, ids: Iterable[int]
                  ) -> Iterator[tuple[int, str, str]]:  # fmt: skip
    """(article id, entity counts JSON, entity names JSON) of the stored features of
    ``ids``: the parts a story's summary needs, cut out by SQLite (the rest is not parsed)."""
    yield from conn.execute(
        "SELECT article_id, COALESCE(json_extract(vector, '$.e'), '{}'), "
        "COALESCE(json_extract(vector, '$.n'), '{}') FROM story_features "
        "WHERE article_id IN (SELECT value FROM json_each(?))", (_ids(ids),))


def feature_keys(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """(day, id) of every featured article, by day and id."""
    return [(int(d), int(a)) for d, a in conn.execute(
        "SELECT day, article_id FROM story_features ORDER BY day, article_id")]  # fmt: skip


def unassigned(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """(day, id) of the featured articles without a story, by day and id."""
    return [(int(r[0]), int(r[1])) for r in conn.execute(
        "SELECT f.day, f.article_id FROM story_features f LEFT JOIN story_assignments a "
        "ON a.article_id = f.article_id WHERE a.article_id IS NULL "
        "ORDER BY f.day, f.article_id")]  # fmt: skip


def postings(conn: sqlite3.Connection, term: str, first: int, last: int, limit: int
             ) -> list[tuple[int, int]]:  # fmt: skip
    """(day, article id) of at most ``limit`` index entries of ``term`` in the days."""
    return [(int(d), int(a)) for d, a in conn.execute(
        "SELECT day, article_id FROM story_postings WHERE term = ? AND day BETWEEN ? AND ? "
        "LIMIT ?", (term, first, last, limit))]  # fmt: skip


def same_headline(conn: sqlite3.Connection, headline: str, first: int, last: int
                  ) -> list[tuple[int, int]]:  # fmt: skip
    return [(int(d), int(a)) for d, a in conn.execute(
        "SELECT day, article_id FROM story_features WHERE headline = ? "
        "AND day BETWEEN ? AND ?", (headline, first, last))]  # fmt: skip


def assignments(conn: sqlite3.Connection, ids: Iterable[int] | None = None
                ) -> dict[int, tuple[int, float]]:  # fmt: skip
    """Article id -> (story id, centrality) (of ``ids``, or all)."""
    sql = "SELECT article_id, story_id, centrality FROM story_assignments"
    params: tuple[str, ...] = ()
    if ids is not None:
        sql += " WHERE article_id IN (SELECT value FROM json_each(?))"
        params = (_ids(ids),)
    return {int(a): (int(s), float(c)) for a, s, c in conn.execute(sql, params)}


def placed(conn: sqlite3.Connection) -> Iterator[tuple[int, int, float, int]]:
    """(article id, story id, centrality, day) of every placed article."""
    yield from conn.execute(
        "SELECT a.article_id, a.story_id, a.centrality, f.day FROM story_assignments a "
        "JOIN story_features f ON f.article_id = a.article_id")


def members(conn: sqlite3.Connection, story_ids: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
    """Story id -> [(day, article id)] of its articles."""
    found: dict[int, list[tuple[int, int]]] = {}
    for story, day, article in conn.execute(
        "SELECT a.story_id, f.day, a.article_id FROM story_assignments a JOIN story_features f "
        "ON f.article_id = a.article_id WHERE a.story_id IN (SELECT value FROM json_each(?))",
        (_ids(story_ids),),
    ):
        found.setdefault(int(story), []).append((int(day), int(article)))
    return found


def stories(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> dict[int, StoryRow]:
    sql = "SELECT id, size, first_day, last_day, score_sum, entities FROM stories"
    params: tuple[str, ...] = ()
    if ids is not None:
        sql += " WHERE id IN (SELECT value FROM json_each(?))"
        params = (_ids(ids),)
    return {int(r[0]): StoryRow(int(r[0]), int(r[1]), int(r[2]), int(r[3]), float(r[4]),
                                json.loads(r[5])) for r in conn.execute(sql, params)}  # fmt: skip


def save(conn: sqlite3.Connection, assigned: Iterable[tuple[int, int, float]],
         summaries: Iterable[StoryRow], dropped: Iterable[int]) -> None:  # fmt: skip
    """Write (article, story, centrality) rows and story summaries; delete ``dropped``."""
    conn.executemany("INSERT OR REPLACE INTO story_assignments VALUES (?, ?, ?)", assigned)
    conn.executemany("DELETE FROM stories WHERE id = ?", ((s,) for s in dropped))
    conn.executemany(
        "INSERT OR REPLACE INTO stories (id, size, first_day, last_day, score_sum, entities) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        ((s.id, s.size, s.first_day, s.last_day, s.score_sum,
          json.dumps(s.entities, ensure_ascii=False)) for s in summaries))  # fmt: skip


def clear_assignments(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM story_assignments")
    conn.execute("DELETE FROM stories")
    conn.execute("DELETE FROM story_broken")


def broken_stories(conn: sqlite3.Connection) -> set[int]:
    """Stories that lost an article since the last catch-up (filled by a trigger)."""
    return {int(r[0]) for r in conn.execute("SELECT story_id FROM story_broken")}


def mended(conn: sqlite3.Connection, story_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM story_broken WHERE story_id = ?", ((s,) for s in story_ids))


def queued(conn: sqlite3.Connection) -> list[int]:
    """Articles added or changed since the last catch-up (filled by triggers); entries of
    deleted articles are dropped."""
    conn.execute("DELETE FROM story_queue WHERE NOT EXISTS "
                 "(SELECT 1 FROM articles WHERE articles.id = story_queue.article_id)")
    return [int(r[0]) for r in conn.execute("SELECT article_id FROM story_queue")]


def dequeue(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM story_queue WHERE article_id = ?", ((a,) for a in ids))


def waiting(conn: sqlite3.Connection, ids: Iterable[int]) -> list[tuple[int, int]]:
    """(day, id) of the given featured articles that have no story, by day and id."""
    return [(int(d), int(a)) for d, a in conn.execute(
        "SELECT f.day, f.article_id FROM story_features f WHERE f.article_id IN "
        "(SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM story_assignments a "
        "WHERE a.article_id = f.article_id) ORDER BY f.day, f.article_id", (_ids(ids),)
    )]  # fmt: skip


def listing(conn: sqlite3.Connection, min_size: int
            ) -> Iterator[tuple[int, str, float, int, float, str, str]]:  # fmt: skip
    """(story id, entities JSON, score sum, article id, centrality, title, date) of every
    article of every story of at least ``min_size`` articles."""
    yield from conn.execute(
        "SELECT s.id, s.entities, s.score_sum, a.article_id, a.centrality, ar.title, "
        "COALESCE(NULLIF(ar.published, ''), ar.imported_at) FROM stories s "
        "JOIN story_assignments a ON a.story_id = s.id JOIN articles ar ON ar.id = a.article_id "
        "WHERE s.size >= ?", (min_size,))  # fmt: skip


def text_hashes(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, str]:
    return {int(a): str(h) for a, h in conn.execute(
        "SELECT id, text_sha256 FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (_ids(ids),))}  # fmt: skip


def cached_claims(conn: sqlite3.Connection, story_id: int, signature: str) -> str | None:
    """The stored comparisons JSON of a story, if made for this ``signature``."""
    row = conn.execute("SELECT comparisons FROM story_claims WHERE story_id = ? "
                       "AND signature = ?", (story_id, signature)).fetchone()  # fmt: skip
    return str(row[0]) if row else None


def claims_signatures(conn: sqlite3.Connection, story_ids: Iterable[int]) -> dict[int, str]:
    """The signature each of ``story_ids`` has its comparisons cached for (those cached)."""
    return {int(k): str(s) for k, s in conn.execute(
        "SELECT story_id, signature FROM story_claims WHERE story_id IN "
        "(SELECT value FROM json_each(?))", (_ids(story_ids),))}  # fmt: skip


def put_claims(conn: sqlite3.Connection, story_id: int, signature: str, data: str) -> None:
    conn.execute("INSERT OR REPLACE INTO story_claims VALUES (?, ?, ?)",
                 (story_id, signature, data))  # fmt: skip
