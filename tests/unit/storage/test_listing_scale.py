"""The library listing at scale: streamed in pages in the same order as the whole listing,
read through the (imported_at, id) index instead of sorting every article."""

from __future__ import annotations

import sqlite3

from briefing.domain import Article, text_sha256
from briefing.services import Library
from briefing.storage import articles as article_store


def _fill(conn: sqlite3.Connection, count: int) -> None:
    conn.execute("BEGIN")
    for n in range(count):
        text = f"Article number {n} says something."
        # several articles share an import time: ties are broken by id, newest first
        article_store.insert(conn, Article(0, f"T{n}", text, text_sha256(text),
                                           imported_at=f"2025-01-{1 + n // 3:02d}T00:00:00Z"))
    conn.execute("COMMIT")


def test_paged_listing_equals_the_sorted_listing() -> None:
    with Library.open() as lib:
        _fill(lib.conn, 25)
        paged = list(article_store.iter_listing(lib.conn, page=4))
        assert len(paged) == 25
        ordered = sorted(paged, key=lambda r: (r.imported_at, r.id), reverse=True)
        assert paged == ordered
        assert article_store.listing(lib.conn) == paged


def test_listing_reads_the_import_index() -> None:
    with Library.open() as lib:
        plan = " ".join(
            str(row[-1]) for row in lib.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM articles a "
                "WHERE (a.imported_at, a.id) < ('2025', 5) "
                "ORDER BY a.imported_at DESC, a.id DESC LIMIT 10"
            )
        )
        assert "articles_imported" in plan and "TEMP B-TREE" not in plan


def test_first_screen_by_date_reads_the_date_index() -> None:
    """The list's first screen by publication date (schema_v16.sql): the first entries of the
    index on the list's date expression, either way — the same rows as sorting every article."""
    with Library.open() as lib:
        conn = lib.conn
        conn.execute("BEGIN")
        for n, published in enumerate(["2025-03-02T10:00:00Z", None, "2025-03-02", "2024-12-31",
                                       "2025-03-02T23:59:00Z", ""]):  # fmt: skip
            text = f"Dated article {n}."
            article_store.insert(conn, Article(0, f"D{n}", text, text_sha256(text),
                                               published=published))  # fmt: skip
        conn.execute("COMMIT")
        for way in ("DESC", "ASC"):
            plan = " ".join(str(row[-1]) for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM articles ORDER BY "
                f"substr(coalesce(published, ''), 1, 10) {way}, id {way} LIMIT 3"))  # fmt: skip
            assert "articles_list_date" in plan and "TEMP B-TREE" not in plan
        rows = article_store.listing(conn)
        for descending in (True, False):
            ranked = sorted(rows, key=lambda r: ((r.published or "")[:10], r.id),
                            reverse=descending)
            found = article_store.first_by_date(conn, 4, descending)
            assert [r.id for r in found] == [r.id for r in ranked[:4]]
