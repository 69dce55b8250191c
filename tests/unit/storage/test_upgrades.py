"""Every earlier schema version, with a row in each of its tables, upgrades to the latest
without losing any of them (fixtures from scripts/make_schema_fixtures.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.services import Library
from briefing.services.annotating import annotations_for
from briefing.storage import open_database
from briefing.storage.migrations import latest_version
from scripts.make_schema_fixtures import ROWS_BY_VERSION, make_database


def test_every_table_of_every_version_gets_a_fixture_row(tmp_path: Path) -> None:
    counts = make_database(tmp_path / "latest.sqlite3", latest_version())
    assert set(ROWS_BY_VERSION) >= set(range(1, latest_version() + 1)), "add the new version"
    assert all(n > 0 for n in counts.values()), counts


@pytest.mark.parametrize("version", range(1, latest_version()))
def test_upgrade_keeps_every_row(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"library-v{version}.sqlite3"
    before = make_database(path, version)
    conn = open_database(path, backup_dir=tmp_path / "backups")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table, count in before.items():
        assert conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == count, table
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    with sqlite3.connect(next((tmp_path / "backups").glob("*.sqlite3"))) as backup:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == version
    backup.close()


def test_upgraded_library_is_usable(tmp_path: Path) -> None:
    from briefing.paths import AppPaths

    root = tmp_path / "lib"
    paths = AppPaths(root / "data", root / "config", root / "cache", root / "logs")
    paths.data.mkdir(parents=True)
    make_database(paths.database, 1)
    with Library.open(paths) as lib:
        notes = annotations_for(lib, 1)
        assert {a.note for a in notes} >= {"my note"}
        assert {a.verdict for a in notes} >= {"disputed"}
        from briefing.services.review import review_queue

        assert review_queue(lib, include_decided=True)


def test_word_counts_are_filled_in_on_upgrade_and_kept_on_import(tmp_path: Path) -> None:
    from briefing.ingest import read_plain
    from briefing.paths import AppPaths
    from briefing.services.articles import get_article, import_document, list_articles
    from briefing.services.revising import revise_article

    root = tmp_path / "lib"
    paths = AppPaths(root / "data", root / "config", root / "cache", root / "logs")
    paths.data.mkdir(parents=True)
    make_database(paths.database, 6)  # before the word-count column
    with Library.open(paths) as lib:
        upgraded = {row.id: row.word_count for row in list_articles(lib)}
        assert upgraded[1] == get_article(lib, 1).word_count == 15  # counted by the migration
        text = "Two paragraphs here.\nAnd a second one, with\u00a0six words."
        added = import_document(lib, read_plain(text, title="Counts"), analyse=False).article
        revise_article(lib, 1, get_article(lib, 1).text + "\nOne more line.")
        listed = {row.id: row.word_count for row in list_articles(lib)}
        for article_id in (1, added.id):
            assert listed[article_id] == get_article(lib, article_id).word_count > 0
