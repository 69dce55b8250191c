"""The review queue's sort keys written by SQL alone: for articles with a cached analysis and
no annotation (nearly all of a large library), every claim's queue row comes straight from
``analysis_claims`` into the caller's temporary table, with no Python object per claim.

The rows equal what the review service builds for such an article (``ArticleItems``: a
claim without an assessment, no tags, dated by the article's recency), and the ``top_n`` /
``min_score`` limits are the same rule as ``ClaimLimits.apply``: after the score floor, the
``top_n`` strongest by score, then earliest start, then stored order.
"""

from __future__ import annotations

import sqlite3

from briefing.domain import EngineInfo
from briefing.storage.facets import read_snapshot
from briefing.storage.review import RECENCY_SQL

_ANALYSED = (
    "JOIN analyses an ON an.text_sha256 = a.text_sha256 "
    "AND an.engine_name = ? AND an.engine_version = ?"
)
_ANNOTATED = "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)"


def write_plain_claim_keys(
    conn: sqlite3.Connection,
    table: str,
    engine: EngineInfo,
    first_id: int,
    last_id: int,
    *,
    min_score: float | None = None,
    top_n: int | None = None,
) -> list[int]:
    """Insert into ``table`` (columns: score, modified, article_id, start, end, id, kind,
    claim_kind, verdict, tags) the claim keys of articles ``first_id``..``last_id`` that
    have a cached analysis by ``engine`` and no annotation; return, read on the same
    snapshot, the ids of that range's other articles (annotated, or without a cached
    analysis), whose items the caller builds itself."""
    floor, floor_params = "1", list[object]()
    if min_score is not None:
        floor, floor_params = "c.score >= ?", [min_score]
    stronger, stronger_params = "1", list[object]()
    if top_n is not None:
        # a claim below the floor is never stronger than one above it: no floor needed here
        stronger = (
            "(SELECT count(*) FROM analysis_claims d WHERE d.analysis_id = c.analysis_id "
            "AND (d.score > c.score OR (d.score = c.score AND "
            "(d.start < c.start OR (d.start = c.start AND d.idx < c.idx))))) < ?"
        )
        stronger_params = [top_n]
    with read_snapshot(conn):
        conn.execute(  # the articles first: their recency is read once, not once a claim
            f"WITH a AS MATERIALIZED (SELECT a.id, a.text_sha256, {RECENCY_SQL} AS modified "
            f"FROM articles a WHERE a.id BETWEEN ? AND ? AND NOT {_ANNOTATED}) "
            f"INSERT INTO {table} SELECT c.score, a.modified, a.id, c.start, c.\"end\", "
            "'claim:' || a.id || ':' || c.start || ':' || c.\"end\", 'claim', c.kind, NULL, '' "
            f"FROM a {_ANALYSED} JOIN analysis_claims c ON c.analysis_id = an.id "
            f"WHERE {floor} AND {stronger}",
            [first_id, last_id, engine.name, engine.version, *floor_params, *stronger_params],
        )
        rest = conn.execute(
            f"SELECT a.id FROM articles a WHERE a.id BETWEEN ? AND ? AND ({_ANNOTATED} "
            "OR NOT EXISTS (SELECT 1 FROM analyses an WHERE an.text_sha256 = a.text_sha256 "
            "AND an.engine_name = ? AND an.engine_version = ?)) ORDER BY a.id",
            [first_id, last_id, engine.name, engine.version],
        ).fetchall()
    return [int(r[0]) for r in rest]
