"""Annotations and their tags: rows <-> domain objects (upsert keeps ids stable)."""

from __future__ import annotations

import sqlite3

from briefing.domain import Annotation, Selector

_COLUMNS = (
    'id, article_id, start, "end", exact, prefix, suffix, color, note, verdict, evidence, '
    "anchor, created, modified"
)


def _tags(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for annotation_id, tag in conn.execute(
            f"SELECT annotation_id, tag FROM annotation_tags WHERE annotation_id IN ({marks}) "
            "ORDER BY tag",
            chunk,
        ):
            found.setdefault(annotation_id, []).append(tag)
    return found


def _build(rows: list[tuple], tags: dict[str, list[str]]) -> list[Annotation]:
    return [
        Annotation(
            id=row[0],
            article_id=row[1],
            selector=Selector(row[2], row[3], row[4], row[5], row[6]),
            color=row[7],
            note=row[8],
            tags=tuple(tags.get(row[0], ())),
            verdict=row[9],
            evidence=row[10],
            anchor=row[11],
            created=row[12],
            modified=row[13],
        )
        for row in rows
    ]


def for_article(conn: sqlite3.Connection, article_id: int) -> list[Annotation]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM annotations WHERE article_id = ? ORDER BY start, \"end\", id",
        (article_id,),
    ).fetchall()
    return _build(rows, _tags(conn, [r[0] for r in rows]))


def for_articles(conn: sqlite3.Connection, article_ids: list[int]) -> dict[int, list[Annotation]]:
    """article id -> its annotations (as :func:`for_article` orders them), a few queries for
    many articles."""
    found: dict[int, list[Annotation]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE article_id IN ({marks}) "
            'ORDER BY article_id, start, "end", id',
            chunk,
        ).fetchall()
        for annotation in _build(rows, _tags(conn, [r[0] for r in rows])):
            found.setdefault(annotation.article_id, []).append(annotation)
    return found


def get(conn: sqlite3.Connection, annotation_id: str) -> Annotation | None:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)
    ).fetchall()
    found = _build(rows, _tags(conn, [annotation_id]))
    return found[0] if found else None


def all_annotations(conn: sqlite3.Connection) -> list[Annotation]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM annotations ORDER BY article_id, start, id"
    ).fetchall()
    return _build(rows, _tags(conn, [r[0] for r in rows]))


def upsert(conn: sqlite3.Connection, annotation: Annotation) -> None:
    """Insert or replace one annotation with its tags. Call inside a transaction."""
    sel = annotation.selector
    conn.execute(
        f"INSERT INTO annotations ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        'ON CONFLICT(id) DO UPDATE SET article_id = excluded.article_id, start = excluded.start, '
        '"end" = excluded."end", exact = excluded.exact, prefix = excluded.prefix, '
        "suffix = excluded.suffix, color = excluded.color, note = excluded.note, "
        "verdict = excluded.verdict, evidence = excluded.evidence, anchor = excluded.anchor, "
        "created = excluded.created, modified = excluded.modified",
        (
            annotation.id,
            annotation.article_id,
            sel.start,
            sel.end,
            sel.exact,
            sel.prefix,
            sel.suffix,
            annotation.color,
            annotation.note,
            annotation.verdict,
            annotation.evidence,
            annotation.anchor,
            annotation.created,
            annotation.modified,
        ),
    )
    conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation.id,))
    conn.executemany(
        "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag) VALUES (?, ?)",
        [(annotation.id, tag) for tag in annotation.tags],
    )


def delete(conn: sqlite3.Connection, annotation_id: str) -> bool:
    return conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,)).rowcount > 0


def all_tags(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every tag with the number of articles using it."""
    return [
        (tag, count)
        for tag, count in conn.execute(
            "SELECT t.tag, count(DISTINCT a.article_id) FROM annotation_tags t "
            "JOIN annotations a ON a.id = t.annotation_id GROUP BY t.tag ORDER BY t.tag"
        )
    ]


def articles_with_tag(conn: sqlite3.Connection, tag: str) -> list[int]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT a.article_id FROM annotations a JOIN annotation_tags t "
            "ON t.annotation_id = a.id WHERE t.tag = ?",
            (tag,),
        )
    ]
