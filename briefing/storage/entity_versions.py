"""Which stored analyses stand for an engine's entities in SQL: its own version's and those of
older versions whose entities it still makes (``analysis.builtin_info.entity_versions``), so
that an engine update that changes claims only leaves the entity index, the filters and the
stories as they were instead of waiting for every article to be analysed again.

A text keeps at most one analysis among those versions (``analyses.put`` drops the others),
so an article's entities are never counted twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from briefing.analysis.builtin_info import entity_versions
from briefing.domain import EngineInfo

__all__ = ["clause", "entity_versions", "indexed"]


def clause(column: str, versions: Sequence[str]) -> str:
    """``column = ?`` or ``column IN (?, …)`` for ``versions`` (their values go in the
    parameters, in order)."""
    if len(versions) == 1:
        return f"{column} = ?"
    return f"{column} IN ({', '.join('?' * len(versions))})"


def indexed(conn: sqlite3.Connection, engine: EngineInfo) -> tuple[str, ...]:
    """The versions of ``engine``'s entities that have rows in the per-article entity index
    (one seek each), else its own: a query over one version reads the index in its order,
    over several it sorts (about three times the time at 100,000 articles)."""
    versions = entity_versions(engine)
    if len(versions) == 1:
        return versions
    sql = "SELECT 1 FROM article_entities WHERE engine_name = ? AND engine_version = ? LIMIT 1"
    present = tuple(v for v in versions if conn.execute(sql, (engine.name, v)).fetchone())
    return present or versions[:1]
