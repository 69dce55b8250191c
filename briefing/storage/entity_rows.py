"""Streaming queries over the stored analyses' entities, for the library's entity index.

Rows come straight from SQL (the analyses' entity, alias and mention tables joined to the
articles through their text hash and the engine), one row at a time: no Article or Analysis
object is built, so what the caller keeps is all the memory used.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from typing import NamedTuple

from briefing.domain import EngineInfo


class EntityRow(NamedTuple):
    """One named entity of one article's analysis."""

    article_id: int
    date: str  # published, else imported
    name: str
    label: str
    mentions: int


_CURRENT = (
    "FROM articles ar JOIN analyses an ON an.text_sha256 = ar.text_sha256 "
    "AND an.engine_name = ? AND an.engine_version = ? "
    "JOIN analysis_entities e ON e.analysis_id = an.id "
)


def _where(
    engine: EngineInfo, labels: Collection[str], article_ids: Collection[int] | None
) -> tuple[str, list[object]]:
    params: list[object] = [engine.name, engine.version, json.dumps(sorted(labels))]
    where = "WHERE e.label NOT IN (SELECT value FROM json_each(?)) "
    if article_ids is not None:
        where += "AND ar.id IN (SELECT value FROM json_each(?)) "
        params.append(json.dumps(sorted(set(article_ids))))
    return where, params


def articles_without_analysis(
    conn: sqlite3.Connection, engine: EngineInfo, article_ids: Collection[int] | None = None
) -> list[int]:
    """Ids of the articles (all, or ``article_ids``) with no analysis by ``engine`` stored."""
    sql = (
        "SELECT ar.id FROM articles ar WHERE NOT EXISTS (SELECT 1 FROM analyses an "
        "WHERE an.text_sha256 = ar.text_sha256 AND an.engine_name = ? "
        "AND an.engine_version = ?) "
    )
    params: list[object] = [engine.name, engine.version]
    if article_ids is not None:
        sql += "AND ar.id IN (SELECT value FROM json_each(?)) "
        params.append(json.dumps(sorted(set(article_ids))))
    return [int(row[0]) for row in conn.execute(sql + "ORDER BY ar.id", params)]


def entity_aliases(
    conn: sqlite3.Connection,
    engine: EngineInfo,
    skip_labels: Collection[str],
    article_ids: Collection[int] | None = None,
) -> Iterator[tuple[str, str, str]]:
    """Distinct (entity name, label, alias) of the articles' entities (labels not skipped)."""
    where, params = _where(engine, skip_labels, article_ids)
    yield from conn.execute(
        "SELECT DISTINCT e.name, e.label, al.alias "
        + _CURRENT
        + "JOIN analysis_entity_aliases al ON al.analysis_id = e.analysis_id "
        "AND al.entity_idx = e.idx " + where,
        params,
    )


def entity_rows(
    conn: sqlite3.Connection,
    engine: EngineInfo,
    skip_labels: Collection[str],
    article_ids: Collection[int] | None = None,
) -> Iterator[EntityRow]:
    """Every entity (labels not skipped) of every article's analysis, with its mention count."""
    where, params = _where(engine, skip_labels, article_ids)
    cursor = conn.execute(
        "SELECT ar.id, COALESCE(NULLIF(ar.published, ''), ar.imported_at), e.name, e.label, "
        "(SELECT COUNT(*) FROM analysis_mentions m WHERE m.analysis_id = e.analysis_id "
        "AND m.entity_idx = e.idx) " + _CURRENT + where,
        params,
    )
    for row in cursor:
        yield EntityRow(*row)


def article_titles(conn: sqlite3.Connection, article_ids: Collection[int]) -> dict[int, str]:
    """Titles of the given articles (without reading their texts)."""
    return {aid: title for aid, (title, _) in _article_fields(conn, article_ids).items()}


def imported_times(conn: sqlite3.Connection, article_ids: Collection[int]) -> dict[int, str]:
    """When each of the given articles was imported."""
    return {aid: when for aid, (_, when) in _article_fields(conn, article_ids).items()}


def _article_fields(
    conn: sqlite3.Connection, article_ids: Collection[int]
) -> dict[int, tuple[str, str]]:
    return {
        int(aid): (str(title), str(imported))
        for aid, title, imported in conn.execute(
            "SELECT id, title, imported_at FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(article_ids))),),
        )
    }
