"""What the library can be filtered by, read in bulk: tags and entity names per article id.

Two set-based queries over the whole library (no per-article loop, no article text read):
one for the tags of each article's annotations, one for the entity names of the analysis
cached for each article's current text by one engine (:mod:`entity_versions`). Both run in one read
transaction so they see the same articles.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from briefing.domain import EngineInfo
from briefing.storage import entity_versions

FILTER_LABELS = ("PERSON", "ORG", "LOC", "MISC")  # entity labels the library filters by

# A row per tag of each annotation of every article (tag NULL for an article without any).
TAGS_SQL = (
    "SELECT ar.id, t.tag FROM articles ar "
    "LEFT JOIN annotations an ON an.article_id = ar.id "
    "LEFT JOIN annotation_tags t ON t.annotation_id = an.id"
)



def _entities_sql(versions: tuple[str, ...]) -> str:
    """A row per entity name of every article (name NULL when it has none), only names from
    the analysis of its CURRENT text (text_sha256) by this engine name and one of
    ``versions`` (a text keeps one analysis among them: :mod:`entity_versions`)."""
    return (
        "SELECT ar.id, e.name FROM articles ar "
        "LEFT JOIN analyses a ON a.text_sha256 = ar.text_sha256 "
        f"AND a.engine_name = ? AND {entity_versions.clause('a.engine_version', versions)} "
        "LEFT JOIN analysis_entities e ON e.analysis_id = a.id "
        f"AND e.label IN ({', '.join('?' * len(FILTER_LABELS))})"
    )


def group_by_article(rows: Iterable[tuple[int, str | None]]) -> dict[int, frozenset[str]]:
    """(article id, value or NULL) rows -> article id -> its set of values.

    Rows of one article usually come together (the joins run per article): one set is built
    at a time and frozen, and equal strings are shared between articles, which keeps the
    result small. Rows of an article that come apart are merged, so any order is correct.
    """
    grouped: dict[int, frozenset[str]] = {}
    shared: dict[str, str] = {}
    current_id: int | None = None
    current: set[str] = set()
    for article_id, value in rows:
        if article_id != current_id:
            if current_id is not None:
                grouped[current_id] = grouped.get(current_id, frozenset()) | current
            current_id, current = article_id, set()
        if value is not None:
            current.add(shared.setdefault(value, value))
    if current_id is not None:
        grouped[current_id] = grouped.get(current_id, frozenset()) | current
    return grouped


def tags_by_article(conn: sqlite3.Connection) -> dict[int, frozenset[str]]:
    """Every article id -> the tags of its annotations (empty when none)."""
    return group_by_article(conn.execute(TAGS_SQL))


def entities_by_article(
    conn: sqlite3.Connection, engine: EngineInfo
) -> dict[int, frozenset[str]]:
    """Every article id -> names of the PERSON/ORG/LOC/MISC entities in the analysis cached
    for its current text by ``engine`` (empty when there is no such analysis)."""
    versions = entity_versions.entity_versions(engine)
    return group_by_article(
        conn.execute(_entities_sql(versions), (engine.name, *versions, *FILTER_LABELS))
    )


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run several reads on one snapshot of the database (a deferred read transaction);
    inside a transaction the caller already opened, that one is used as it is."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN DEFERRED")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def facet_rows(
    conn: sqlite3.Connection, engine: EngineInfo
) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """(tags by article id, entity names by article id), read on one snapshot."""
    with read_snapshot(conn):
        return tags_by_article(conn), entities_by_article(conn, engine)


def tag_counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every tag with the number of articles whose annotations carry it, by tag."""
    return [
        (str(tag), int(n))
        for tag, n in conn.execute(
            "SELECT t.tag, COUNT(DISTINCT an.article_id) FROM annotation_tags t "
            "JOIN annotations an ON an.id = t.annotation_id GROUP BY t.tag ORDER BY t.tag"
        )
    ]


def tag_article_ids(conn: sqlite3.Connection, tag: str) -> set[int]:
    """Ids of the articles with an annotation tagged ``tag``."""
    return {
        int(row[0])
        for row in conn.execute(
            "SELECT DISTINCT an.article_id FROM annotation_tags t "
            "JOIN annotations an ON an.id = t.annotation_id WHERE t.tag = ?",
            (tag,),
        )
    }
