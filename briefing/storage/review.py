"""Queries behind the review queue: analysed articles, their claims and sentences, entity
mentions, review stamps on annotations, brief membership and evidence look-ups.

Everything here reads or writes rows only; building review items is the service's job.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import IO

from briefing.domain import Claim, EngineInfo, Span

_CHUNK = 500
_WORD = re.compile(r"\w+", re.UNICODE)
RECENCY_SQL = (  # the later of an article's import and its latest revision
    "max(a.imported_at, coalesce((SELECT max(r.created_at) FROM revisions r "
    "WHERE r.article_id = a.id), ''))"
)


@dataclass(frozen=True, slots=True)
class AnalysedArticle:
    """An article with the id of its cached analysis by one engine version."""

    article_id: int
    title: str
    text: str
    recency: str  # the later of its import and its latest revision (ISO 8601 UTC)
    analysis_id: int | None  # None: no analysis cached for its current text


def _chunks(ids: Sequence[int]) -> Iterable[tuple[list[int], str]]:
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        yield chunk, ",".join("?" * len(chunk))


def analysed_articles(
    conn: sqlite3.Connection, engine: EngineInfo, article_ids: Sequence[int] | None = None,
    *, texts: bool = True,
) -> list[AnalysedArticle]:
    """Articles (all, or ``article_ids``) with their analysis id for ``engine``, if cached
    (``texts`` False: every ``text`` is left empty, not read)."""
    text = "a.text" if texts else "''"
    sql = (
        f"SELECT a.id, a.title, {text}, {RECENCY_SQL}, an.id FROM articles a "
        "LEFT JOIN analyses an ON an.text_sha256 = a.text_sha256 "
        "AND an.engine_name = ? AND an.engine_version = ?"
    )
    params: list[object] = [engine.name, engine.version]
    if article_ids is None:
        rows = conn.execute(sql + " ORDER BY a.id", params).fetchall()
    else:
        rows = []
        for chunk, marks in _chunks(sorted(set(article_ids))):
            rows += conn.execute(
                sql + f" WHERE a.id IN ({marks}) ORDER BY a.id", [*params, *chunk]
            ).fetchall()
    return [AnalysedArticle(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def article_recency(conn: sqlite3.Connection, article_id: int) -> str:
    """The later of the article's import and its latest revision ('' if no such article)."""
    row = conn.execute(f"SELECT {RECENCY_SQL} FROM articles a WHERE a.id = ?", (article_id,))
    found = row.fetchone()
    return str(found[0]) if found else ""


def claims(conn: sqlite3.Connection, analysis_ids: Sequence[int]) -> dict[int, list[Claim]]:
    """analysis id -> its claims in stored order (hedge words are not loaded)."""
    found: dict[int, list[Claim]] = {}
    for chunk, marks in _chunks(analysis_ids):
        for aid, start, end, score, kind, speaker, hedged in conn.execute(
            'SELECT analysis_id, start, "end", score, kind, speaker, hedged FROM analysis_claims '
            f"WHERE analysis_id IN ({marks}) ORDER BY analysis_id, idx",
            chunk,
        ):
            found.setdefault(aid, []).append(
                Claim(start, end, float(score), kind, speaker, bool(hedged))
            )
    return found


def sentence_bounds(
    conn: sqlite3.Connection, analysis_ids: Sequence[int]
) -> dict[int, tuple[list[int], list[int]]]:
    """analysis id -> (starts, ends) of its sentences in order (plain ints: cheap to load)."""
    found: dict[int, tuple[list[int], list[int]]] = {}
    for chunk, marks in _chunks(analysis_ids):
        for aid, start, end in conn.execute(
            'SELECT analysis_id, start, "end" FROM analysis_sentences '
            f"WHERE analysis_id IN ({marks}) ORDER BY analysis_id, idx",
            chunk,
        ):
            bounds = found.get(aid)
            if bounds is None:
                bounds = found[aid] = ([], [])
            bounds[0].append(start)
            bounds[1].append(end)
    return found


def entity_mentions(
    conn: sqlite3.Connection, analysis_ids: Sequence[int], name: str
) -> dict[int, list[Span]]:
    """analysis id -> mentions of every entity named or aliased ``name`` (any case)."""
    found: dict[int, list[Span]] = {}
    wanted = name.strip().casefold()
    for chunk, marks in _chunks(analysis_ids):
        rows = conn.execute(
            'SELECT m.analysis_id, m.start, m."end" FROM analysis_mentions m '
            "JOIN analysis_entities e ON e.analysis_id = m.analysis_id AND e.idx = m.entity_idx "
            f"WHERE m.analysis_id IN ({marks}) AND (lower(e.name) = ? OR EXISTS ("
            "SELECT 1 FROM analysis_entity_aliases x WHERE x.analysis_id = e.analysis_id "
            "AND x.entity_idx = e.idx AND lower(x.alias) = ?)) "
            "ORDER BY m.analysis_id, m.start",
            [*chunk, wanted, wanted],
        )
        for aid, start, end in rows:
            found.setdefault(aid, []).append(Span(start, end))
    return found


def entity_names(
    conn: sqlite3.Connection, engine: EngineInfo, labels: Sequence[str]
) -> dict[int, list[set[str]]]:
    """article id -> one set per entity (``labels`` only): its lower-cased name and aliases."""
    marks = ",".join("?" * len(labels))
    found: dict[int, dict[int, set[str]]] = {}
    rows = conn.execute(
        "SELECT a.id, e.idx, lower(e.name), lower(x.alias) FROM articles a "
        "JOIN analyses an ON an.text_sha256 = a.text_sha256 AND an.engine_name = ? "
        "AND an.engine_version = ? JOIN analysis_entities e ON e.analysis_id = an.id "
        "LEFT JOIN analysis_entity_aliases x ON x.analysis_id = e.analysis_id "
        f"AND x.entity_idx = e.idx WHERE e.label IN ({marks})",
        [engine.name, engine.version, *labels],
    )
    for article_id, idx, name, alias in rows:
        names = found.setdefault(article_id, {}).setdefault(idx, set())
        names.add(name)
        if alias:
            names.add(alias)
    return {article_id: list(by_idx.values()) for article_id, by_idx in found.items()}


def articles_with_phrase(conn: sqlite3.Connection, phrase: str, limit: int = 200) -> list[int]:
    """Ids of articles whose text holds ``phrase`` as whole tokens (FTS5 phrase match)."""
    words = _WORD.findall(phrase)
    if not words:
        return []
    rows = conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?",
        (f'body : "{" ".join(words)}"', limit),
    ).fetchall()
    return [int(r[0]) for r in rows]


def reviewed_at(conn: sqlite3.Connection, annotation_ids: Sequence[str]) -> dict[str, str | None]:
    """annotation id -> when its verdict was decided (None: never, or cleared)."""
    found: dict[str, str | None] = {}
    for start in range(0, len(annotation_ids), _CHUNK):
        chunk = list(annotation_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(
                f"SELECT id, reviewed_at FROM annotations WHERE id IN ({marks})", chunk
            ).fetchall()
        )
    return found


def set_reviewed_at(conn: sqlite3.Connection, annotation_id: str, value: str | None) -> None:
    """Overwrite the review stamp (undo restores it exactly). Call inside a transaction."""
    conn.execute("UPDATE annotations SET reviewed_at = ? WHERE id = ?", (value, annotation_id))


def verdict_annotation_ids(conn: sqlite3.Connection, article_id: int, span: Span) -> list[str]:
    """Ids of the annotations assessing the claim at ``span`` of the article: covering
    exactly that span, not orphaned, with a verdict or without a colour
    (``Annotation.assesses``)."""
    return [
        r[0]
        for r in conn.execute(
            'SELECT id FROM annotations WHERE article_id = ? AND start = ? AND "end" = ? '
            "AND anchor != 'orphaned' AND (verdict IS NOT NULL OR color IS NULL) ORDER BY id",
            (article_id, span.start, span.end),
        )
    ]


def brief_article_ids(conn: sqlite3.Connection, brief_id: int) -> list[int] | None:
    """The brief's article ids in order, or None when there is no such brief."""
    if conn.execute("SELECT 1 FROM briefs WHERE id = ?", (brief_id,)).fetchone() is None:
        return None
    return [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM brief_articles WHERE brief_id = ? ORDER BY position",
            (brief_id,),
        )
    ]


def briefs_by_article(conn: sqlite3.Connection) -> tuple[dict[int, str], dict[int, list[int]]]:
    """(brief id -> title, article id -> ids of the briefs holding it)."""
    titles = dict(conn.execute("SELECT id, title FROM briefs ORDER BY id").fetchall())
    members: dict[int, list[int]] = {}
    for brief_id, article_id in conn.execute(
        "SELECT brief_id, article_id FROM brief_articles ORDER BY brief_id, position"
    ):
        members.setdefault(article_id, []).append(brief_id)
    return titles, members


def article_titles(conn: sqlite3.Connection, article_ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk, marks in _chunks(article_ids):
        found.update(
            conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", chunk).fetchall()
        )
    return found


def article_id_batches(conn: sqlite3.Connection, size: int) -> Iterator[list[int]]:
    """Every article id in order, ``size`` at a time (keyset paging: nothing held)."""
    last = -1
    while True:
        batch = [
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, size)
            )
        ]
        if not batch:
            return
        yield batch
        last = batch[-1]


class Spool:
    """Sorts review items in the queue's order (score, then most recent, then article and
    position) so that they can be streamed in that order without holding them: each item's
    text goes to an anonymous temporary file as it comes, and only its sort key and place in
    that file to a temporary table, which SQLite sorts (on disk when it outgrows its cache).
    Small rows make the sort cheap; the texts are read back once, in order."""

    _counter = 0

    def __init__(self, conn: sqlite3.Connection) -> None:
        Spool._counter += 1
        self.conn = conn
        self.table = f"temp.review_spool_{Spool._counter}"
        self.pending: list[tuple[object, ...]] = []
        self.file: IO[bytes] | None = None
        self.size = 0

    def __enter__(self) -> Spool:
        self.conn.execute(
            f"CREATE TABLE {self.table} (score REAL, modified TEXT, article_id INTEGER, "
            'start INTEGER, "end" INTEGER, id TEXT, offset INTEGER, length INTEGER)'
        )
        self.file = tempfile.TemporaryFile(prefix="briefing-review-")
        return self

    def add(self, score: float, modified: str, article_id: int, start: int, end: int,
            item_id: str, payload: str) -> None:
        assert self.file is not None, "use Spool as a context manager"
        data = payload.encode("utf-8")
        self.file.write(data)
        self.pending.append((score, modified, article_id, start, end, item_id, self.size,
                             len(data)))
        self.size += len(data)
        if len(self.pending) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        self.conn.executemany(
            f"INSERT INTO {self.table} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self.pending
        )
        self.pending = []

    def ordered(self) -> Iterator[str]:
        assert self.file is not None, "use Spool as a context manager"
        self._flush()
        self.file.flush()
        fd = self.file.fileno()
        cursor = self.conn.execute(
            f"SELECT offset, length FROM {self.table} "
            'ORDER BY score DESC, modified DESC, article_id, start, "end", id'
        )
        for offset, length in cursor:
            yield os.pread(fd, length, offset).decode("utf-8")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        self.conn.execute(f"DROP TABLE IF EXISTS {self.table}")
