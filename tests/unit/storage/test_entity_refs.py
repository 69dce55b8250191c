"""The entity index's tables (schema_v15.sql): rows with their merge keys stored with each
analysis, kept per article by triggers (article added, revised, deleted; analysis replaced),
and back-filled from the older entity tables when a library is upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.analysis.entity_keys import merge_key
from briefing.domain import Analysis, Article, EngineInfo, Entity, Span, text_sha256
from briefing.storage import analyses as analysis_store
from briefing.storage import articles as article_store
from briefing.storage import open_database
from briefing.storage.migrations import latest_version, migrate
from scripts.make_schema_fixtures import make_database

ENGINE = EngineInfo("builtin", "9.9.9")
NOW = "2026-01-01T00:00:00Z"


def _analysis(text: str, *entities: tuple[str, str, tuple[str, ...], int]) -> Analysis:
    made = tuple(
        Entity(f"e{i}", name, label, aliases, tuple(Span(0, 1) for _ in range(count)))
        for i, (name, label, aliases, count) in enumerate(entities, start=1)
    )
    return Analysis(ENGINE, text_sha256(text), entities=made)


def _article(conn: sqlite3.Connection, text: str) -> int:
    return article_store.insert(conn, Article(0, text[:10], text, text_sha256(text),
                                              imported_at=NOW)).id  # fmt: skip


def _rows(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(
        "SELECT article_id, merge_key, name, label, mentions FROM article_entities "
        "ORDER BY article_id, name"
    ).fetchall()


def _library(tmp_path: Path) -> sqlite3.Connection:
    conn = open_database(tmp_path / "library.sqlite3")
    conn.isolation_level = None
    return conn


def test_stored_analysis_gets_keyed_rows_for_its_articles(tmp_path: Path) -> None:
    conn = _library(tmp_path)
    text = "Mr. Putin met Owen Dempsey on Tuesday."
    first = _article(conn, text)
    analysis_store.put(conn, _analysis(
        text, ("Mr. Putin", "PERSON", ("Mr. Putin", "Putin"), 2),
        ("\u201d Owen Dempsey", "PERSON", ("\u201d Owen Dempsey",), 1),
        ("Tuesday", "DATE", ("Tuesday",), 1),
    ), NOW)  # fmt: skip
    assert _rows(conn) == [
        (first, "putin", "Mr. Putin", "PERSON", 2),
        (first, "owen dempsey", "\u201d Owen Dempsey", "PERSON", 1),
    ]  # values (DATE) are not indexed
    assert conn.execute("SELECT alias, alias_key FROM entity_ref_aliases").fetchall() == [
        ("Putin", "putin")
    ]  # aliases other than the name, with their keys
    # replacing the analysis replaces its rows
    analysis_store.put(conn, _analysis(text, ("Owen Dempsey", "PERSON", (), 3)), NOW)
    assert _rows(conn) == [(first, "owen dempsey", "Owen Dempsey", "PERSON", 3)]
    assert conn.execute("SELECT COUNT(*) FROM entity_ref_aliases").fetchone() == (0,)


def test_rows_follow_the_articles_current_text(tmp_path: Path) -> None:
    conn = _library(tmp_path)
    old, new = "Angela Merkel spoke.", "Olaf Scholz spoke."
    analysis_store.put(conn, _analysis(old, ("Angela Merkel", "PERSON", (), 1)), NOW)
    analysis_store.put(conn, _analysis(new, ("Olaf Scholz", "PERSON", (), 1)), NOW)
    article = _article(conn, old)  # an article whose analysis was cached already
    assert [r[1] for r in _rows(conn)] == ["angela merkel"]
    article_store.add_revision(conn, article, new, text_sha256(new), NOW)
    assert [r[1] for r in _rows(conn)] == ["olaf scholz"]
    article_store.delete(conn, article)
    assert _rows(conn) == []
    # the analyses themselves stay cached, with their keyed rows
    assert conn.execute("SELECT COUNT(*) FROM entity_refs").fetchone() == (2,)


def test_upgrade_back_fills_the_index_from_stored_analyses(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_database(path, 14)  # the version before the entity index (schema_v15.sql)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    before = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("analysis_entities", "analysis_entity_aliases", "analysis_mentions")}
    conn.executescript(
        "BEGIN;"
        "INSERT INTO analysis_entities VALUES (1, 1, 'e2', 'Gov. Kathy Hochul', 'PERSON');"
        "INSERT INTO analysis_entity_aliases VALUES (1, 1, 0, 'Gov. Kathy Hochul');"
        "INSERT INTO analysis_entity_aliases VALUES (1, 1, 1, '\u201cHochul');"
        "INSERT INTO analysis_mentions VALUES (1, 1, 0, 0, 5);"
        "INSERT INTO analysis_mentions VALUES (1, 1, 1, 9, 14);"
        "INSERT INTO analysis_entities VALUES (1, 2, 'e3', 'BBC', 'ORG');"
        "COMMIT;"
    )  # fmt: skip
    conn.close()
    conn = open_database(path, backup_dir=tmp_path / "backups")
    for table, count in before.items():  # nothing of the old tables is lost
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == count + (
            {"analysis_entities": 2, "analysis_entity_aliases": 2, "analysis_mentions": 2}[table]
        )
    refs = conn.execute(
        "SELECT entity_idx, merge_key, name, label, mentions FROM entity_refs ORDER BY entity_idx"
    ).fetchall()
    assert refs == [
        (1, merge_key("Gov. Kathy Hochul", "PERSON"), "Gov. Kathy Hochul", "PERSON", 2),
        (2, "bbc", "BBC", "ORG", 0),
    ]  # the fixture's DATE entity (a value) is not indexed
    assert refs[0][1] == "kathy hochul"
    assert conn.execute("SELECT alias, alias_key FROM entity_ref_aliases").fetchall() == [
        ("\u201cHochul", "hochul")
    ]
    assert conn.execute(
        "SELECT article_id, merge_key FROM article_entities ORDER BY entity_idx"
    ).fetchall() == [(1, "kathy hochul"), (1, "bbc")]  # article 1 has that text
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_migrating_registers_the_key_function(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "plain.sqlite3", isolation_level=None)
    assert migrate(conn)[-1] == latest_version()  # a plain connection: no function beforehand
