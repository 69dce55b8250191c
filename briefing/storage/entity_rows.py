"""Small queries the library's entity index needs besides its grouped ones (see
:mod:`briefing.storage.entity_index`): which articles have no analysis yet, and the titles
and import times of given articles (without reading their texts).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection

from briefing.domain import EngineInfo
from briefing.storage.entity_versions import entity_versions


def articles_without_analysis(
    conn: sqlite3.Connection, engine: EngineInfo, article_ids: Collection[int] | None = None
) -> list[int]:
    """Ids of the articles (all, or ``article_ids``) with no analysis by ``engine`` stored (by
    its version or an older one whose entities it still makes: for the entity index and
    stories, see :mod:`entity_versions`)."""
    sql = (
        "SELECT ar.id FROM articles ar WHERE NOT EXISTS (SELECT 1 FROM analyses an "
        "WHERE an.text_sha256 = ar.text_sha256 AND an.engine_name = ? "
        "AND an.engine_version IN (SELECT value FROM json_each(?))) "
    )
    params: list[object] = [engine.name, json.dumps(entity_versions(engine))]
    if article_ids is not None:
        sql += "AND ar.id IN (SELECT value FROM json_each(?)) "
        params.append(json.dumps(sorted(set(article_ids))))
    return [int(row[0]) for row in conn.execute(sql + "ORDER BY ar.id", params)]


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
