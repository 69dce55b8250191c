"""Reading positions store: round trip, upsert, constraints, cascade when the article goes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.domain import Article, text_sha256
from briefing.ingest import read_plain
from briefing.services import Library
from briefing.services.articles import delete_article, import_document
from briefing.storage import articles, open_database, reading
from briefing.storage.connection import transaction
from briefing.storage.reading import ReadingPosition


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return open_database(tmp_path / "lib.sqlite3")


def _article_id(conn: sqlite3.Connection) -> int:
    text = "Alpha beta gamma.\nDelta epsilon."
    with transaction(conn):
        stored = articles.insert(conn, Article(0, "T", text, text_sha256(text), imported_at="t"))
    return stored.id


def test_round_trip_and_absent(conn: sqlite3.Connection) -> None:
    article_id = _article_id(conn)
    assert reading.get(conn, article_id) is None
    with transaction(conn):
        reading.put(conn, article_id, 18, "Delta epsilon.", "2026-11-26T06:00:00Z")
    assert reading.get(conn, article_id) == ReadingPosition(
        article_id, 18, "Delta epsilon.", "2026-11-26T06:00:00Z"
    )


def test_put_replaces_the_earlier_position(conn: sqlite3.Connection) -> None:
    article_id = _article_id(conn)
    with transaction(conn):
        reading.put(conn, article_id, 18, "Delta", "t1")
        reading.put(conn, article_id, 6, "beta", "t2")
    assert reading.get(conn, article_id) == ReadingPosition(article_id, 6, "beta", "t2")
    assert conn.execute("SELECT count(*) FROM reading_positions").fetchone()[0] == 1


def test_negative_position_and_unknown_article_are_refused(conn: sqlite3.Connection) -> None:
    article_id = _article_id(conn)
    with pytest.raises(sqlite3.IntegrityError), transaction(conn):
        reading.put(conn, article_id, -1, "", "t")
    with pytest.raises(sqlite3.IntegrityError), transaction(conn):
        reading.put(conn, article_id + 1, 0, "", "t")
    assert reading.get(conn, article_id) is None


def test_deleting_the_article_deletes_its_position() -> None:
    with Library.open() as lib:
        kept = import_document(lib, read_plain("Kept text.", title="K"), analyse=False).article
        gone = import_document(lib, read_plain("Gone text.", title="G"), analyse=False).article
        with lib.transaction() as conn:
            reading.put(conn, kept.id, 5, "text.", "t")
            reading.put(conn, gone.id, 5, "text.", "t")
        delete_article(lib, gone.id)
        assert reading.get(lib.conn, gone.id) is None
        assert reading.get(lib.conn, kept.id) == ReadingPosition(kept.id, 5, "text.", "t")
