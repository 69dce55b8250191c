"""Repositories: articles, revisions, the analysis cache, annotations, briefs and search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.domain import (
    Analysis,
    Annotation,
    Article,
    Claim,
    EngineInfo,
    Entity,
    Selector,
    Span,
    text_sha256,
)
from briefing.storage import analyses, annotations, articles, briefs, open_database, search


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return open_database(tmp_path / "lib.sqlite3")


def _article(conn: sqlite3.Connection, text: str = "Alpha beta gamma.\nDelta epsilon.") -> Article:
    return articles.insert(
        conn,
        Article(0, "Title: one", text, text_sha256(text), imported_at="2025-01-01T00:00:00Z"),
    )


def test_article_round_trip_and_revisions(conn: sqlite3.Connection) -> None:
    stored = _article(conn)
    assert stored.id > 0 and stored.revision == 1
    assert articles.find_by_hash(conn, stored.text_sha256) == stored
    number = articles.add_revision(conn, stored.id, "New text.", text_sha256("New text."), "t2")
    assert number == 2
    revised = articles.get(conn, stored.id)
    assert revised is not None and revised.text == "New text." and revised.revision == 2
    assert [r.revision for r in articles.revisions(conn, stored.id)] == [1, 2]
    # the old text's hash still finds the article (no duplicate on re-import of edition 1)
    assert articles.find_by_hash(conn, stored.text_sha256) is not None


def test_analysis_cache_round_trip(conn: sqlite3.Connection) -> None:
    analysis = Analysis(
        engine=EngineInfo("builtin", "1.0.0"),
        text_sha256="abc",
        sentences=(Span(0, 5), Span(6, 12)),
        summaries={"headline": (0,), "short": (0, 1), "brief": (0, 1)},
        entities=(Entity("e1", "Vladimir Putin", "PERSON", ("Putin",), (Span(0, 5),)),),
        claims=(Claim(0, 5, 0.8, "statistic", "Officials", True, ("about",)),),
    )
    analyses.put(conn, analysis, "now")
    assert analyses.get(conn, "abc", EngineInfo("builtin", "1.0.0")) == analysis
    assert analyses.get(conn, "abc", EngineInfo("builtin", "2.0.0")) is None
    analyses.put(conn, analysis, "again")  # replacing does not duplicate
    assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 1


def test_annotation_upsert_tags_and_cascade(conn: sqlite3.Connection) -> None:
    art = _article(conn)
    note = Annotation(
        id="urn:uuid:1",
        article_id=art.id,
        selector=Selector.from_text(art.text, 0, 5),
        note="check this",
        tags=("a", "b"),
        created="t",
        modified="t",
    )
    annotations.upsert(conn, note)
    annotations.upsert(conn, note.with_changes(tags=("b",), note="edited"))
    (found,) = annotations.for_article(conn, art.id)
    assert found.tags == ("b",) and found.note == "edited"
    assert annotations.all_tags(conn) == [("b", 1)]
    articles.delete(conn, art.id)
    assert annotations.get(conn, "urn:uuid:1") is None


def test_briefs_keep_order(conn: sqlite3.Connection) -> None:
    a, b = _article(conn, "one"), _article(conn, "two")
    brief_id = briefs.create(conn, "Morning", "t")
    briefs.set_articles(conn, brief_id, [b.id, a.id, b.id])
    brief = briefs.get(conn, brief_id)
    assert brief is not None and brief.article_ids == (b.id, a.id)


def test_search_matches_title_text_and_notes(conn: sqlite3.Connection) -> None:
    art = _article(conn, "Russian forces took Siversk.")
    other = _article(conn, "Markets closed higher.")
    assert search.search(conn, "siversk") == [art.id]
    assert search.search(conn, "sive") == [art.id]  # prefix while typing
    annotations.upsert(
        conn,
        Annotation("urn:uuid:2", other.id, Selector.from_text(other.text, 0, 7),
                   note="compare with bonds", created="t", modified="t"),
    )
    assert search.search(conn, "bonds") == [other.id]


@pytest.mark.parametrize("hostile", ['"', "a OR", "NEAR(", "*", "title:x", "'); DROP", ""])
def test_search_never_raises_on_syntax(conn: sqlite3.Connection, hostile: str) -> None:
    _article(conn)
    assert isinstance(search.search(conn, hostile), list)
