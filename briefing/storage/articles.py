"""Articles and their revisions: rows <-> domain objects, content-hash de-duplication."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from briefing.domain import Article, Revision
from briefing.domain.article import count_words
from briefing.domain.library import ArticleRow as ArticleRow  # listings are built here
from briefing.domain.library import meta_source_from_json
from briefing.domain.structure import Block, blocks_from_json, blocks_to_json

_COLUMNS = (
    "id, title, text, text_sha256, source_url, source_path, author, published, imported_at, "
    "revision, blocks, warnings, meta_source"
)


def _warnings_from_json(data: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(data) if data else []
    except ValueError:
        return ()
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def highest_id(conn: sqlite3.Connection) -> int:
    """The highest article id (0 when empty): an upper bound of the count, read at once."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])


def _article(row: sqlite3.Row | tuple) -> Article:
    return Article(
        id=row[0],
        title=row[1],
        text=row[2],
        text_sha256=row[3],
        source_url=row[4],
        source_path=row[5],
        author=row[6],
        published=row[7],
        imported_at=row[8],
        revision=row[9],
        blocks=blocks_from_json(row[10], row[2]),
        warnings=_warnings_from_json(row[11]),
        meta_source=tuple(sorted(meta_source_from_json(row[12]).items())),
    )


def get(conn: sqlite3.Connection, article_id: int) -> Article | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    return _article(row) if row else None


def find_by_hash(conn: sqlite3.Connection, text_sha256: str) -> Article | None:
    """The article whose current text, or any stored revision, has this content hash."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM articles WHERE text_sha256 = ? "
        "UNION SELECT a.id, a.title, a.text, a.text_sha256, a.source_url, a.source_path, "
        "a.author, a.published, a.imported_at, a.revision, a.blocks, a.warnings, "
        "a.meta_source FROM articles a "
        "JOIN revisions r ON r.article_id = a.id WHERE r.text_sha256 = ? ORDER BY 1 LIMIT 1",
        (text_sha256, text_sha256),
    ).fetchone()
    return _article(row) if row else None


def find_by_source_url(conn: sqlite3.Connection, url: str) -> Article | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM articles WHERE source_url = ? ORDER BY id LIMIT 1", (url,)
    ).fetchone()
    return _article(row) if row else None


def insert(conn: sqlite3.Connection, article: Article) -> Article:
    """Insert a new article (its id is assigned) and record it as revision 1."""
    cursor = conn.execute(
        "INSERT INTO articles (title, text, text_sha256, source_url, source_path, author, "
        "published, imported_at, revision, word_count, blocks, warnings, meta_source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
        (
            article.title,
            article.text,
            article.text_sha256,
            article.source_url,
            article.source_path,
            article.author,
            article.published,
            article.imported_at,
            article.word_count,
            blocks_to_json(article.blocks),
            json.dumps(list(article.warnings), ensure_ascii=False) if article.warnings else "",
            json.dumps(dict(article.meta_source)) if article.meta_source else "",
        ),
    )
    article_id = int(cursor.lastrowid or 0)
    conn.execute(
        "INSERT INTO revisions (article_id, revision, text, text_sha256, created_at) "
        "VALUES (?, 1, ?, ?, ?)",
        (article_id, article.text, article.text_sha256, article.imported_at),
    )
    stored = get(conn, article_id)
    assert stored is not None
    return stored


def add_revision(
    conn: sqlite3.Connection,
    article_id: int,
    text: str,
    text_sha256: str,
    created_at: str,
    blocks: tuple[Block, ...] = (),
) -> int:
    """Store a new edition and make it the article's current text; returns its number.

    The structure blocks of the old text do not fit the new one: they are replaced by
    ``blocks`` (those of the new text, when known)."""
    row = conn.execute(
        "SELECT coalesce(max(revision), 0) FROM revisions WHERE article_id = ?", (article_id,)
    ).fetchone()
    number = int(row[0]) + 1
    conn.execute(
        "INSERT INTO revisions (article_id, revision, text, text_sha256, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (article_id, number, text, text_sha256, created_at),
    )
    conn.execute(
        "UPDATE articles SET text = ?, text_sha256 = ?, revision = ?, word_count = ?, "
        "blocks = ? WHERE id = ?",
        (text, text_sha256, number, count_words(text), blocks_to_json(blocks), article_id),
    )
    return number


def revisions(conn: sqlite3.Connection, article_id: int) -> list[Revision]:
    rows = conn.execute(
        "SELECT article_id, revision, text, text_sha256, created_at FROM revisions "
        "WHERE article_id = ? ORDER BY revision",
        (article_id,),
    ).fetchall()
    return [Revision(*row) for row in rows]


def update_title(conn: sqlite3.Connection, article_id: int, title: str) -> None:
    conn.execute("UPDATE articles SET title = ? WHERE id = ?", (title, article_id))


def delete(conn: sqlite3.Connection, article_id: int) -> None:
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


_LISTING = (
    "SELECT a.id, a.title, coalesce(a.source_url, a.source_path), a.author, a.published, "
    "a.imported_at, a.word_count, "
    "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id), a.revision, "
    "a.meta_source FROM articles a"
)
_NEWEST_FIRST = " ORDER BY a.imported_at DESC, a.id DESC"


def iter_listing(conn: sqlite3.Connection, page: int = 1000) -> Iterator[ArticleRow]:
    """Every library row, newest import first, read ``page`` rows at a time (keyset paging
    on the (imported_at, id) index: nothing is held, nothing sorted)."""
    rows = conn.execute(_LISTING + _NEWEST_FIRST + " LIMIT ?", (page,)).fetchall()
    while rows:
        yield from (ArticleRow(*row) for row in rows)
        last = rows[-1]
        rows = conn.execute(
            _LISTING + " WHERE (a.imported_at, a.id) < (?, ?)" + _NEWEST_FIRST + " LIMIT ?",
            (last[5], last[0], page),
        ).fetchall()


def listing(conn: sqlite3.Connection, ids: list[int] | None = None) -> list[ArticleRow]:
    """Library rows, newest import first (or in the order of ``ids`` when given)."""
    sql = _LISTING
    if ids is None:
        return list(iter_listing(conn))
    marks = ",".join("?" * len(ids))
    by_id = {
        row[0]: ArticleRow(*row)
        for row in conn.execute(sql + f" WHERE a.id IN ({marks})", ids).fetchall()
    }
    return [by_id[i] for i in ids if i in by_id]


def first_by_date(conn: sqlite3.Connection, limit: int,
                  descending: bool = True) -> list[ArticleRow]:
    """The ``limit`` rows that come first by publication date as the library list shows it
    (its first ten characters, none as empty; ties by id): the list's first screen, read
    before the whole listing. The first ``limit`` entries of the index on that expression
    (schema_v16.sql), then their rows looked up by id: milliseconds at 100,000."""
    way = "DESC" if descending else "ASC"
    ids = [row[0] for row in conn.execute(
        f"SELECT id FROM articles ORDER BY substr(coalesce(published, ''), 1, 10) {way}, "
        f"id {way} LIMIT ?", (limit,))]
    return listing(conn, ids)


def from_id(conn: sqlite3.Connection, first_id: int, limit: int) -> list[ArticleRow] | None:
    """The rows of the articles whose id is ``first_id`` or more (those added since a
    moment: ids grow), or None when there are more than ``limit``. A range of the rowid."""
    rows = conn.execute(_LISTING + " WHERE a.id >= ? ORDER BY a.id LIMIT ?",
                        (first_id, limit + 1)).fetchall()
    return None if len(rows) > limit else [ArticleRow(*row) for row in rows]


def count(conn: sqlite3.Connection) -> int:
    """How many articles there are (a scan of the smallest index: for workers)."""
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
