"""Grouped queries over ``article_entities`` (schema_v15.sql) for the library's entity index
and filters: each groups by the stored merge key in SQL (reading one covering index), so
what reaches Python is one row per distinct name or key, not one per article's entity.

Rows are those of the analysis of each article's current text by one engine (its version, or
an older one whose entities it still makes: :mod:`entity_versions`); ``article_ids``
narrows them to some articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Mapping

from briefing.domain import EngineInfo
from briefing.storage import entity_versions

_DATE = "COALESCE(NULLIF(ar.published, ''), ar.imported_at)"


def _rows(
    conn: sqlite3.Connection, engine: EngineInfo, article_ids: Collection[int] | None
) -> tuple[str, list[object]]:
    """A WHERE clause choosing ``article_entities ae`` rows of ``engine`` (of the versions
    whose entities stand for its own, see :mod:`entity_versions`) and of the articles."""
    versions = entity_versions.indexed(conn, engine)
    sql = f"WHERE ae.engine_name = ? AND {entity_versions.clause('ae.engine_version', versions)} "
    params: list[object] = [engine.name, *versions]
    if article_ids is not None:
        sql += "AND ae.article_id IN (SELECT value FROM json_each(?)) "
        params.append(json.dumps(sorted(set(article_ids))))
    return sql, params


def name_counts(
    conn: sqlite3.Connection, engine: EngineInfo, article_ids: Collection[int] | None = None
) -> Iterator[tuple[str, str, str, int, int]]:
    """(merge key, name, label, articles' entities so named, their mentions — at least one
    each) for every distinct name."""
    where, params = _rows(conn, engine, article_ids)
    yield from conn.execute(
        "SELECT ae.merge_key, ae.name, ae.label, COUNT(*), SUM(MAX(ae.mentions, 1)) "
        "FROM article_entities ae " + where + "GROUP BY ae.merge_key, ae.name, ae.label",
        params,
    )


def key_counts(
    conn: sqlite3.Connection, engine: EngineInfo, article_ids: Collection[int] | None = None
) -> Iterator[tuple[str, int, int]]:
    """(merge key, distinct articles, mentions) for every merge key."""
    where, params = _rows(conn, engine, article_ids)
    yield from conn.execute(
        "SELECT ae.merge_key, COUNT(DISTINCT ae.article_id), SUM(ae.mentions) "
        "FROM article_entities ae " + where + "GROUP BY ae.merge_key",
        params,
    )


def alias_keys(
    conn: sqlite3.Connection, engine: EngineInfo, article_ids: Collection[int] | None = None
) -> Iterator[tuple[str, str, str]]:
    """Distinct (merge key, alias, alias key) of the entities (aliases other than the
    entity's own name) of the analyses that are some article's current one."""
    if article_ids is not None:
        where, params = _rows(conn, engine, article_ids)
        yield from conn.execute(
            "SELECT DISTINCT ae.merge_key, al.alias, al.alias_key FROM article_entities ae "
            "JOIN entity_ref_aliases al ON al.analysis_id = ae.analysis_id "
            "AND al.entity_idx = ae.entity_idx " + where,
            params,
        )
        return
    versions = entity_versions.entity_versions(engine)
    yield from conn.execute(
        "SELECT DISTINCT r.merge_key, al.alias, al.alias_key FROM entity_ref_aliases al "
        "JOIN entity_refs r ON r.analysis_id = al.analysis_id AND r.entity_idx = al.entity_idx "
        "WHERE al.analysis_id IN (SELECT an.id FROM analyses an WHERE an.engine_name = ? "
        f"AND {entity_versions.clause('an.engine_version', versions)} "
        "AND EXISTS (SELECT 1 FROM articles ar WHERE ar.text_sha256 = an.text_sha256))",
        (engine.name, *versions),
    )


def _with_roots(conn: sqlite3.Connection, roots: Mapping[str, int]) -> None:
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS entity_roots "
        "(merge_key TEXT PRIMARY KEY, root INTEGER NOT NULL) WITHOUT ROWID"
    )
    conn.execute("DELETE FROM temp.entity_roots")
    conn.executemany("INSERT INTO temp.entity_roots VALUES (?, ?)", roots.items())


def root_counts(
    conn: sqlite3.Connection,
    engine: EngineInfo,
    roots: Mapping[str, int],
    article_ids: Collection[int] | None = None,
) -> list[tuple[int, int, int]]:
    """(root, distinct articles, mentions) per merged entity, ``roots`` mapping merge keys to
    their entity's number (read through the merge-key index: cost grows with their rows)."""
    _with_roots(conn, roots)
    where, params = _rows(conn, engine, article_ids)
    try:
        return [
            (int(root), int(articles), int(mentions))
            for root, articles, mentions in conn.execute(
                "SELECT er.root, COUNT(DISTINCT ae.article_id), SUM(ae.mentions) "
                "FROM temp.entity_roots er JOIN article_entities ae "
                "ON ae.merge_key = er.merge_key " + where + "GROUP BY er.root",
                params,
            )
        ]
    finally:
        conn.execute("DELETE FROM temp.entity_roots")


def root_articles(
    conn: sqlite3.Connection,
    engine: EngineInfo,
    roots: Mapping[str, int],
    article_ids: Collection[int] | None = None,
) -> Iterator[tuple[int, int, str, int]]:
    """(root, article id, date, mentions) per merged entity and article, ordered by root, then
    date and article id."""
    _with_roots(conn, roots)
    where, params = _rows(conn, engine, article_ids)
    try:
        yield from conn.execute(
            f"SELECT er.root, ae.article_id, {_DATE} AS day, SUM(ae.mentions) "
            "FROM article_entities ae JOIN temp.entity_roots er ON er.merge_key = ae.merge_key "
            "JOIN articles ar ON ar.id = ae.article_id "
            + where + "GROUP BY er.root, ae.article_id ORDER BY er.root, day, ae.article_id",
            params,
        )
    finally:
        conn.execute("DELETE FROM temp.entity_roots")


def key_articles(
    conn: sqlite3.Connection,
    engine: EngineInfo,
    keys: Collection[str],
    article_ids: Collection[int] | None = None,
) -> list[tuple[int, str, int]]:
    """(article id, date, mentions) of the articles naming any of ``keys``, by date then id
    (read through the merge-key index: cost grows with those articles only)."""
    where, params = _rows(conn, engine, article_ids)
    return [
        (int(aid), str(day), int(n))
        for aid, day, n in conn.execute(
            f"SELECT ae.article_id, {_DATE} AS day, SUM(ae.mentions) FROM article_entities ae "
            "JOIN articles ar ON ar.id = ae.article_id "
            + where
            + "AND ae.merge_key IN (SELECT value FROM json_each(?)) "
            "GROUP BY ae.article_id ORDER BY day, ae.article_id",
            [*params, json.dumps(sorted(set(keys)))],
        )
    ]


def top_keys(
    conn: sqlite3.Connection, engine: EngineInfo, limit: int
) -> list[tuple[str, int]]:
    """The ``limit`` merge keys named in most articles: (key, distinct articles), most first
    (ties by key)."""
    where, params = _rows(conn, engine, None)
    return [
        (str(key), int(n))
        for key, n in conn.execute(
            "SELECT ae.merge_key, COUNT(DISTINCT ae.article_id) AS n FROM article_entities ae "
            + where + "AND ae.merge_key <> '' GROUP BY ae.merge_key "
            "ORDER BY n DESC, ae.merge_key LIMIT ?",
            [*params, limit],
        )
    ]


def key_names(
    conn: sqlite3.Connection, engine: EngineInfo, keys: Collection[str]
) -> Iterator[tuple[str, str, str, int, int]]:
    """As :func:`name_counts`, for the names of ``keys`` only (through the merge-key index)."""
    where, params = _rows(conn, engine, None)
    yield from conn.execute(
        "SELECT ae.merge_key, ae.name, ae.label, COUNT(*), SUM(MAX(ae.mentions, 1)) "
        "FROM article_entities ae " + where
        + "AND ae.merge_key IN (SELECT value FROM json_each(?)) "
        "GROUP BY ae.merge_key, ae.name, ae.label",
        [*params, json.dumps(sorted(set(keys)))],
    )
