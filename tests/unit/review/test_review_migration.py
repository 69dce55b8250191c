"""Schema migration 1 -> 2 (review state) on a library holding data: nothing is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.storage import open_database
from briefing.storage.migrations import migrate

TABLES = (
    "articles",
    "revisions",
    "annotations",
    "annotation_tags",
    "briefs",
    "brief_articles",
    "analyses",
    "analysis_claims",
)


def _v1_library(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute("BEGIN")
    for article_id in (1, 2):
        text = f"Article {article_id} says 12 things. It adds more."
        conn.execute(
            "INSERT INTO articles (id, title, imported_at, text, text_sha256) "
            "VALUES (?, ?, '2025-01-01T00:00:00Z', ?, ?)",
            (article_id, f"Title {article_id}", text, f"sha{article_id}"),
        )
        conn.execute(
            "INSERT INTO revisions VALUES (?, 1, ?, ?, '2025-01-01T00:00:00Z')",
            (article_id, text, f"sha{article_id}"),
        )
    rows = [
        (
            "urn:uuid:a",
            1,
            0,
            9,
            "Article 1",
            None,
            "checked",
            "supported",
            "https://x.org",
            "2025-02-01T00:00:00Z",
            "2025-02-02T00:00:00Z",
        ),
        (
            "urn:uuid:b",
            1,
            10,
            14,
            "says",
            "yellow",
            "",
            None,
            None,
            "2025-02-03T00:00:00Z",
            "2025-02-03T00:00:00Z",
        ),
        (
            "urn:uuid:c",
            2,
            0,
            9,
            "Article 2",
            "pink",
            "odd",
            "false",
            None,
            "2025-02-04T00:00:00Z",
            "2025-02-05T00:00:00Z",
        ),
    ]
    conn.executemany(
        'INSERT INTO annotations (id, article_id, start, "end", exact, color, note, verdict, '
        "evidence, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO annotation_tags VALUES (?, ?)",
        [("urn:uuid:b", "to-check"), ("urn:uuid:b", "economy"), ("urn:uuid:c", "to-check")],
    )
    conn.execute("INSERT INTO briefs VALUES (1, 'Weekly', '2025-03-01T00:00:00Z')")
    conn.execute("INSERT INTO brief_articles VALUES (1, 2, 0), (1, 1, 1)")
    conn.execute(
        "INSERT INTO analyses VALUES (1, 'sha1', 'builtin', '1.0.0', '2025-01-01T00:00:00Z')"
    )
    conn.execute("INSERT INTO analysis_claims VALUES (1, 0, 0, 20, 0.5, 'statistic', NULL, 0)")
    conn.execute("COMMIT")
    conn.close()


def _dump(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def test_migration_keeps_every_row_and_stamps_existing_verdicts(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _v1_library(path)
    with sqlite3.connect(path) as raw:
        before = {table: _dump(raw, table) for table in TABLES}
    raw.close()

    conn = open_database(path, backup_dir=tmp_path / "backups")
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 2
    after = {table: _dump(conn, table) for table in TABLES}
    for table in TABLES:
        if table in ("annotations", "articles", "analyses"):
            # columns added at the end (review stamp, word count, language, ...), the old
            # ones unchanged
            width = len(before[table][0])
            assert [row[:width] for row in after[table]] == before[table], table
        else:
            assert after[table] == before[table], table
    texts = dict(conn.execute("SELECT id, text FROM articles").fetchall())
    counts = dict(conn.execute("SELECT id, word_count FROM articles").fetchall())
    assert counts == {i: len(text.split()) for i, text in texts.items()}
    stamps = dict(conn.execute("SELECT id, reviewed_at FROM annotations").fetchall())
    assert stamps == {
        "urn:uuid:a": "2025-02-02T00:00:00Z",
        "urn:uuid:b": None,
        "urn:uuid:c": "2025-02-05T00:00:00Z",
    }
    assert list((tmp_path / "backups").glob("*-v1-*.sqlite3")), "no backup before upgrading"
    conn.close()


def test_migration_adds_the_queue_indexes(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "library.sqlite3")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"annotations_verdict_span", "annotations_reviewed_at", "brief_articles_article"} <= (
        names
    )
    plan = " ".join(
        str(r[-1])
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM annotations WHERE article_id = 1 AND start = 0 "
            'AND "end" = 5 AND verdict IS NOT NULL'
        )
    )
    assert "annotations_verdict_span" in plan
    conn.close()


def test_triggers_stamp_and_clear_verdict_decisions(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "library.sqlite3")
    conn.execute(
        "INSERT INTO articles (id, title, imported_at, text, text_sha256) "
        "VALUES (1, 'T', 't0', 'Some text here.', 'sha')"
    )
    insert = (
        'INSERT INTO annotations (id, article_id, start, "end", exact, verdict, created, '
        "modified) VALUES (?, 1, 0, 4, 'Some', ?, 't1', ?)"
    )
    conn.execute(insert, ("with-verdict", "disputed", "t1"))
    conn.execute(insert, ("plain", None, "t1"))

    def stamp(annotation_id: str) -> object:
        return conn.execute(
            "SELECT reviewed_at FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()[0]

    assert stamp("with-verdict") == "t1" and stamp("plain") is None
    conn.execute("UPDATE annotations SET verdict = 'supported', modified = 't2' WHERE id = 'plain'")
    assert stamp("plain") == "t2"
    conn.execute("UPDATE annotations SET note = 'n', modified = 't3' WHERE id = 'plain'")
    assert stamp("plain") == "t2", "editing the note is not a new decision"
    conn.execute("UPDATE annotations SET verdict = NULL, modified = 't4' WHERE id = 'plain'")
    assert stamp("plain") is None
    conn.close()
