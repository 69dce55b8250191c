"""Schema v3 (feeds, feed entries, followed entities) on top of existing libraries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.services import Library
from briefing.services.articles import delete_article, list_articles
from briefing.services.feeds import add_feed, get_feed, refresh_all
from briefing.storage.connection import open_database
from briefing.storage.migrations import migrate
from tests.unit.feeds.conftest import FeedServer


def test_v2_library_gains_the_feed_tables_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    migrate(raw, target=2)
    raw.execute(
        "INSERT INTO articles (title, imported_at, text, text_sha256) VALUES ('Old', 'x', "
        "'Old text.', 'h')"
    )
    raw.close()
    conn = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 3
        assert conn.execute("SELECT title FROM articles").fetchall() == [("Old",)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"feeds", "feed_entries", "followed_entities"} <= tables
    finally:
        conn.close()
    assert any((tmp_path / "backups").iterdir())


def test_an_article_the_reader_deleted_is_not_imported_again(
    lib: Library, feed_server: FeedServer
) -> None:
    feed = add_feed(lib, feed_server.serve_file("/atom.xml", "atom.xml", "application/atom+xml"))
    [first] = refresh_all(lib)
    delete_article(lib, first.new_article_ids[0])
    [second] = refresh_all(lib)
    assert second.new_article_ids == () and len(list_articles(lib)) == 1
    assert get_feed(lib, feed.id).article_count == 1
