"""The review queue a page at a time, for a large library: :class:`QueueIndex` walks the
library once (a range of articles at a time, nothing held) and keeps only each item's sort key
and filter columns in a temporary table of its own connection; counts, filters, progress per
brief and pages are then SQL queries, and only a page's items are built in full. Without an
entity filter, the keys of articles with a cached analysis and no annotation are written by
SQL alone (:mod:`briefing.storage.review_keys`); only the others are built in Python.

One index belongs to one Library (opened for it, closed with it); its methods may be called
from any one thread at a time (a lock serialises them), so workers can share it in turn.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from briefing.analysis import engine_info
from briefing.domain import VERDICTS, BriefingError
from briefing.services.articles import DEFAULT_ENGINE
from briefing.services.library import DATABASE_ERRORS, Library
from briefing.services.review import (
    BATCH_ARTICLES,
    ClaimLimits,
    ReviewItem,
    _collect_batch,
    _filtered_batches,
)
from briefing.storage import review as review_store
from briefing.storage import review_keys

log = logging.getLogger(__name__)

PAGE_SIZE = 200
PLAIN_BATCH_ARTICLES = 5000
"""Articles whose plain claim keys one SQL statement writes (cancel is checked between)."""
_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class PageFilters:
    """Filters applied by SQL on the index (as ``review_queue`` takes them)."""

    brief_id: int | None = None
    article_id: int | None = None
    kind: str | None = None
    tag: str | None = None
    verdict: str | None = None
    include_decided: bool = False


@dataclass(frozen=True, slots=True)
class BriefCount:
    id: int
    title: str
    total: int
    decided: int


class Cancelled(Exception):
    """The index was not finished: its builder was asked to stop."""


class QueueIndex:
    """Sort keys of every review item (decided ones too) of ``lib``, in a temporary table."""

    _counter = 0

    def __init__(self, lib: Library, *, entity: str | None = None,
                 min_score: float | None = None, top_n: int | None = None) -> None:
        QueueIndex._counter += 1
        self.lib = lib
        self.entity = entity
        self.limits = ClaimLimits(min_score, top_n)
        self.table = f"temp.review_index_{QueueIndex._counter}"
        self.tags: list[str] = []
        self.members: dict[int, list[int]] = {}  # article id -> ids of briefs holding it
        self._lock = threading.Lock()
        self._noted: list[tuple[str | None, str]] = []  # (verdict, item id) decided since
        self._ends: dict[tuple[PageFilters, int], int] = {}  # (filters, offset) -> last rowid
        self.closed = False

    # building --------------------------------------------------------------------------
    def build(self, cancelled: Callable[[], bool] = lambda: False) -> QueueIndex:
        """Walk the library once; raises :class:`Cancelled` when ``cancelled()`` turns true."""
        with self._lock:
            conn = self.lib.conn
            conn.execute(
                f"CREATE TABLE {self.table}_walk (score REAL, modified TEXT, "
                'article_id INTEGER, start INTEGER, "end" INTEGER, id TEXT, kind TEXT, '
                "claim_kind TEXT, verdict TEXT, tags TEXT)"
            )
            try:
                self._fill(conn, cancelled)
            except BaseException:
                self._drop()
                raise
        return self

    def _fill(self, conn: Any, cancelled: Callable[[], bool]) -> None:
        tags: set[str] = set()
        batches = (
            _filtered_batches(
                self.lib, entity=self.entity, include_decided=True,
                min_score=self.limits.min_score, top_n=self.limits.top_n, keys_only=True,
            )
            if self.entity is not None
            else self._plain_first(cancelled)
        )
        for batch in batches:
            if cancelled():
                raise Cancelled
            conn.executemany(
                f"INSERT INTO {self.table}_walk VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_row(item) for item in batch],
            )
            tags.update(t for item in batch for t in item.tags)
        # copied in the queue's order: rowid is the place in the queue, so pages are read by
        # keyset (rowid > the last one shown) instead of skipping OFFSET rows
        conn.execute(
            f"CREATE TABLE {self.table} AS SELECT * FROM {self.table}_walk "
            'ORDER BY score DESC, modified DESC, article_id, start, "end", id'
        )
        conn.execute(f"DROP TABLE {self.table}_walk")
        conn.execute(f"CREATE INDEX {self.table}_id ON {self.table.removeprefix('temp.')} (id)")
        self.tags = sorted(tags, key=str.casefold)
        self.members = review_store.briefs_by_article(conn)[1]

    def _plain_first(self, cancelled: Callable[[], bool]) -> Iterator[list[ReviewItem]]:
        """With no entity filter: the claims of articles with a cached analysis and no
        annotation go into the walk table by SQL alone, a range of articles at a time; the
        items of the range's other articles are built (analysed first if need be) and
        yielded, as the full walk would have built them."""
        if self.limits.top_n is not None and self.limits.top_n < 1:
            raise BriefingError(f"top {self.limits.top_n}: give at least 1 claim per article")
        info = engine_info(DEFAULT_ENGINE)
        for ids in review_store.article_id_batches(self.lib.conn, PLAIN_BATCH_ARTICLES):
            if cancelled():
                raise Cancelled
            rest = review_keys.write_plain_claim_keys(
                self.lib.conn, f"{self.table}_walk", info, ids[0], ids[-1],
                min_score=self.limits.min_score, top_n=self.limits.top_n,
            )
            for start in range(0, len(rest), BATCH_ARTICLES):
                yield _collect_batch(
                    self.lib, rest[start : start + BATCH_ARTICLES], None, self.limits,
                    keys_only=True,
                )

    def note(self, item: ReviewItem) -> None:
        """Record a decision taken since the walk (any thread, never waits); the next query
        sees it, so filters and progress stay right without walking the library again."""
        self._noted.append((item.verdict, item.id))

    def _apply_noted(self) -> None:
        """Write the noted decisions to the table (call holding the lock)."""
        if self._noted:
            noted = self._noted[:]
            del self._noted[: len(noted)]
            self.lib.conn.executemany(f"UPDATE {self.table} SET verdict = ? WHERE id = ?", noted)

    def _drop(self) -> None:
        self.lib.conn.execute(f"DROP TABLE IF EXISTS {self.table}_walk")
        self.lib.conn.execute(f"DROP TABLE IF EXISTS {self.table}")

    def close(self) -> None:
        """Drop the temporary table and close the index's Library (a pooled handle goes
        back to the pool clean)."""
        with self._lock:
            if not self.closed:
                self.closed = True
                try:
                    self._drop()
                except DATABASE_ERRORS as exc:  # a temporary table: gone with the connection
                    log.warning("dropping the review queue index: %s", exc)
                    self.lib.kept_open = False  # not back to the pool with it: really close
                finally:
                    self.lib.close()

    # reading ---------------------------------------------------------------------------
    def count(self, filters: PageFilters) -> int:
        where, params = _where(filters)
        with self._lock:
            if self.closed:
                return 0
            self._apply_noted()
            row = self.lib.conn.execute(
                f"SELECT count(*) FROM {self.table} WHERE {where}", params
            ).fetchone()
        return int(row[0])

    def page(self, filters: PageFilters, offset: int, limit: int = PAGE_SIZE) -> list[ReviewItem]:
        """Items ``offset``… of the filtered queue, in its order, built afresh (their
        current verdicts and notes)."""
        where, params = _where(filters)
        with self._lock:
            if self.closed:
                return []  # replaced by a newer index meanwhile
            self._apply_noted()
            after = self._ends.get((filters, offset))  # the page before this one ended here
            if after is None:
                where_page, page_params = where, [*params, limit, offset]
            else:
                where_page, page_params = f"rowid > ? AND {where}", [after, *params, limit, 0]
            keys = self.lib.conn.execute(
                f"SELECT rowid, article_id, id FROM {self.table} WHERE {where_page} "
                "ORDER BY rowid LIMIT ? OFFSET ?",
                page_params,
            ).fetchall()
            if keys:
                if len(self._ends) > 64:
                    self._ends.clear()
                self._ends[(filters, offset + len(keys))] = keys[-1][0]
            articles = sorted({article_id for _, article_id, _ in keys})
            built = {
                item.id: item
                for item in _collect_batch(self.lib, articles, self.entity, self.limits)
            } if articles else {}
        return [built[item_id] for _, _, item_id in keys if item_id in built]

    def progress(self) -> tuple[int, int, list[BriefCount]]:
        """(total, decided) over the library, and per brief (every brief listed)."""
        with self._lock:
            self._apply_noted()
            conn = self.lib.conn
            total, decided = conn.execute(
                f"SELECT count(*), count(verdict) FROM {self.table}"
            ).fetchone()
            rows = conn.execute(
                f"SELECT b.id, b.title, count(q.id), count(q.verdict) FROM briefs b "
                "LEFT JOIN brief_articles m ON m.brief_id = b.id "
                f"LEFT JOIN {self.table} q ON q.article_id = m.article_id "
                "GROUP BY b.id ORDER BY b.id"
            ).fetchall()
        return int(total), int(decided), [BriefCount(*row) for row in rows]


def _row(item: ReviewItem) -> tuple[Any, ...]:
    tags = _SEP + _SEP.join(item.tags) + _SEP if item.tags else ""
    return (item.score, item.modified, item.article_id, item.start, item.end, item.id,
            item.kind, item.claim_kind, item.verdict, tags)


def _where(f: PageFilters) -> tuple[str, list[Any]]:
    """SQL conditions equal to ``review_queue``'s filters (entity and limits are built in)."""
    parts: list[str] = ["1"]
    params: list[Any] = []
    if f.brief_id is not None:
        parts.append("article_id IN (SELECT article_id FROM brief_articles WHERE brief_id = ?)")
        params.append(f.brief_id)
    if f.article_id is not None:
        parts.append("article_id = ?")
        params.append(f.article_id)
    if f.kind is not None:
        parts.append("(kind = ? OR claim_kind = ?)")
        params += [f.kind, f.kind]
    if f.tag is not None:
        parts.append("instr(tags, ?) > 0")
        params.append(_SEP + f.tag + _SEP)
    if not (f.include_decided or f.verdict in VERDICTS):
        parts.append("verdict IS NULL")
    if f.verdict in VERDICTS:
        parts.append("verdict = ?")
        params.append(f.verdict)
    elif f.verdict is not None:  # "none"
        parts.append("verdict IS NULL")
    return " AND ".join(parts), params
