"""Migration 4 -> 5 adds the brief-summary tables and keeps every article-level result."""

from __future__ import annotations

from pathlib import Path

from briefing.services import Library
from briefing.services.llm import brief_result, results_for
from briefing.storage import open_database
from scripts.make_schema_fixtures import make_database

TABLES = ("llm_results", "llm_result_sentences", "llm_sentence_sources", "llm_unsupported_terms")


def _rows(conn, table: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return conn.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall()


def test_v4_results_survive_unchanged_and_the_brief_tables_start_empty(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "library-v4.sqlite3"
    make_database(path, 4)
    with sqlite3.connect(path) as old:
        before = {table: _rows(old, table) for table in TABLES}
    old.close()
    assert all(before.values())
    conn = open_database(path, backup_dir=tmp_path / "backups")
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 5
    for table in TABLES:
        assert _rows(conn, table) == before[table], table
    assert conn.execute("SELECT count(*) FROM llm_brief_results").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_upgraded_library_reads_old_results_and_has_no_brief_summary(tmp_path: Path) -> None:
    from briefing.paths import AppPaths

    root = tmp_path / "lib"
    paths = AppPaths(root / "data", root / "config", root / "cache", root / "logs")
    paths.data.mkdir(parents=True)
    make_database(paths.database, 4)
    with Library.open(paths) as lib:
        (old,) = results_for(lib, 1)
        assert old.text == "Most of the region is held." and old.sentences[0].sources
        assert old.sentences[0].sources[0].article_id is None
        assert brief_result(lib, 1) is None
