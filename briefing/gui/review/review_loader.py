"""Loading the review queue off the GUI thread a page at a time, and the progress counts
kept up to date locally after each decision (no queue rebuild per decision).

A :class:`QueueJob` builds a :class:`QueueIndex` (one walk over the library in a pool
thread, with its own Library, keeping only sort keys) and hands back a :class:`QueueSnapshot`:
the count, the first page and the progress counts. Further pages (:class:`PageJob`) and
filter changes other than the entity are SQL queries on that index; nothing is built for
every item of the library up front.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice

from PySide6.QtCore import QRunnable

from briefing.gui.workers import JobSignals
from briefing.services import Library
from briefing.services.articles import iter_articles
from briefing.services.library import DATABASE_ERRORS
from briefing.services.review import ReviewItem
from briefing.services.review_pages import PAGE_SIZE, BriefCount, PageFilters, QueueIndex

log = logging.getLogger(__name__)

ARTICLE_CHOICES = 1000
"""How many of the newest articles the article filter (and the evidence list) offers."""


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """What the queue is narrowed to (None: no filter); ``verdict`` as review_queue takes it."""

    brief_id: int | None = None
    article_id: int | None = None
    entity: str | None = None
    kind: str | None = None
    tag: str | None = None
    verdict: str | None = None
    include_decided: bool = False

    def page_filters(self) -> PageFilters:
        return PageFilters(self.brief_id, self.article_id, self.kind, self.tag, self.verdict,
                           self.include_decided)


BriefScope = BriefCount


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """One load: the filtered queue's size and first page, plus what filters and progress
    need; ``index`` serves the further pages."""

    generation: int
    index: QueueIndex
    filters: QueueFilters
    count: int
    items: list[ReviewItem]
    total: int
    decided: int
    briefs: list[BriefCount]
    articles: list[tuple[int, str]]
    tags: list[str]


def build_index(lib: Library, entity: str | None,
                cancelled: Callable[[], bool] = lambda: False) -> QueueIndex:
    """A :class:`QueueIndex` of ``lib`` with the saved claim limits."""
    from briefing.settings_store import load_claim_limits

    saved = load_claim_limits()  # settings claims.min_score / claims.top_n
    return QueueIndex(lib, entity=entity, min_score=saved.min_score or None,
                      top_n=saved.top_n).build(cancelled)


def _newest_articles(lib: Library) -> list[tuple[int, str]]:
    """(id, title) of the newest ARTICLE_CHOICES articles: the article filter's choices (a
    combo box of a whole 100k library would stall the window while it is filled)."""
    with closing(iter_articles(lib)) as rows:
        return [(row.id, row.title) for row in islice(rows, ARTICLE_CHOICES)]


def load_snapshot(index: QueueIndex, filters: QueueFilters, generation: int) -> QueueSnapshot:
    chosen = filters.page_filters()
    total, decided, briefs = index.progress()
    return QueueSnapshot(
        generation=generation,
        index=index,
        filters=filters,
        count=index.count(chosen),
        items=index.page(chosen, 0, PAGE_SIZE),
        total=total,
        decided=decided,
        briefs=briefs,
        articles=_newest_articles(index.lib),
        tags=index.tags,
    )


class QueueJob(QRunnable):
    """Builds (or reuses) a :class:`QueueIndex` in a pool thread and emits a
    :class:`QueueSnapshot` through ``signals.result``. ``reuse`` is an index built for the same
    entity that is still current; ``retire`` one to close first (the index it replaces)."""

    label = "Loading the review queue"

    def __init__(
        self, open_library: Callable[[], Library], filters: QueueFilters, generation: int,
        *, reuse: QueueIndex | None = None, retire: QueueIndex | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # ReviewMode keeps it until ``finished``
        self.signals = JobSignals()
        self.open_library = open_library
        self.filters = filters
        self.generation = generation
        self.reuse = reuse
        self.retire = retire
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        built: QueueIndex | None = None
        try:
            if self.retire is not None:
                self.retire.close()
            index = self.reuse
            if index is None:
                lib = self.open_library()
                try:
                    built = index = build_index(lib, self.filters.entity, self._cancel.is_set)
                except BaseException:
                    lib.close()
                    raise
            snapshot = load_snapshot(index, self.filters, self.generation)
            if not self._cancel.is_set():
                self.signals.result.emit(snapshot)
                built = None  # the page owns it now
        except DATABASE_ERRORS as exc:
            log.warning("loading the review queue: %s", exc)  # logged once, shown by the page
            self.signals.error.emit(str(exc))
        except Exception as exc:
            if not self._cancel.is_set():  # a bug: show it in the banner, log the traceback
                log.exception("loading the review queue failed")
                self.signals.error.emit(f"Loading the review queue failed unexpectedly: {exc}")
        finally:
            if built is not None:
                built.close()
            self.signals.finished.emit()


class PageJob(QRunnable):
    """Reads one more page of the queue from its index in a pool thread."""

    def __init__(self, index: QueueIndex, filters: QueueFilters, offset: int,
                 generation: int) -> None:
        super().__init__()
        self.signals = JobSignals()
        self.index = index
        self.filters = filters
        self.offset = offset
        self.generation = generation

    def run(self) -> None:
        try:
            items = self.index.page(self.filters.page_filters(), self.offset, PAGE_SIZE)
            self.signals.result.emit((self.generation, self.offset, items))
        except DATABASE_ERRORS as exc:
            log.warning("loading a page of the review queue: %s", exc)
            self.signals.error.emit(str(exc))
        except Exception as exc:
            log.exception("loading a page of the review queue failed")
            self.signals.error.emit(f"Loading the review queue failed unexpectedly: {exc}")
        finally:
            self.signals.finished.emit()


@dataclass
class ReviewProgress:
    """Decided/total counts overall and per brief, updated one item at a time: ``seen``
    holds the decided state of the items loaded so far (a page at a time), ``members`` the
    briefs of each article."""

    total: int = 0
    decided: int = 0
    briefs: list[BriefCount] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)
    seen: dict[str, bool] = field(default_factory=dict)

    def saw(self, items: list[ReviewItem]) -> None:
        for item in items:
            self.seen.setdefault(item.id, item.decided)

    def set_decided(self, item: ReviewItem) -> list[int]:
        """Record a change; returns the ids of briefs this change completed."""
        before = self.seen.get(item.id)
        if before is None or before == item.decided:
            return []
        self.seen[item.id] = item.decided
        step = 1 if item.decided else -1
        self.decided += step
        completed = []
        holding = set(self.members.get(item.article_id, ()))
        for n, brief in enumerate(self.briefs):
            if brief.id in holding:
                self.briefs[n] = BriefCount(brief.id, brief.title, brief.total,
                                            brief.decided + step)
                if self._complete(self.briefs[n]):
                    completed.append(brief.id)
        return completed

    def overall(self) -> tuple[int, int]:
        """(left, total) over the library."""
        return self.total - self.decided, self.total

    def brief(self, brief: BriefCount) -> tuple[int, int]:
        current = next((b for b in self.briefs if b.id == brief.id), brief)
        return current.total - current.decided, current.total

    def complete(self, brief_id: int) -> bool:
        return any(b.id == brief_id and self._complete(b) for b in self.briefs)

    def title(self, brief_id: int) -> str:
        return next((b.title for b in self.briefs if b.id == brief_id), f"brief {brief_id}")

    @staticmethod
    def _complete(brief: BriefCount) -> bool:
        return brief.total > 0 and brief.decided == brief.total
