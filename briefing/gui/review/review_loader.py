"""Loading the review queue off the GUI thread, and the progress counts kept up to date
locally after each decision (no queue rebuild per decision).

``review_queue`` may analyse articles first, so a :class:`QueueJob` runs it on the
QThreadPool with its own Library and hands a :class:`QueueSnapshot` back to the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QRunnable

from briefing.gui.workers import JobSignals
from briefing.services import Library
from briefing.services.articles import list_articles
from briefing.services.library import DATABASE_ERRORS
from briefing.services.review import ReviewItem, queue_progress, review_queue

log = logging.getLogger(__name__)


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


@dataclass(frozen=True, slots=True)
class BriefScope:
    id: int
    title: str
    item_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """One load: the filtered queue plus what filters and progress need."""

    generation: int
    items: list[ReviewItem]
    decided: dict[str, bool]  # every item of the library (decided or not) by id
    briefs: list[BriefScope]
    articles: list[tuple[int, str]]
    tags: list[str]


def load_snapshot(lib: Library, filters: QueueFilters, generation: int) -> QueueSnapshot:
    from briefing.settings_store import load_claim_limits

    saved = load_claim_limits()  # settings claims.min_score / claims.top_n
    limits = {"min_score": saved.min_score or None, "top_n": saved.top_n}
    items = review_queue(
        lib,
        **limits,
        brief_id=filters.brief_id,
        article_id=filters.article_id,
        entity=filters.entity,
        kind=filters.kind,
        tag=filters.tag,
        verdict=filters.verdict,
        include_decided=filters.include_decided,
    )
    everything = review_queue(lib, include_decided=True, **limits)
    briefs = [
        BriefScope(
            b["id"],
            b["title"],
            frozenset(i.id for i in review_queue(lib, brief_id=b["id"], include_decided=True,
                                                 **limits)),
        )
        for b in queue_progress(lib)["briefs"]
    ]
    return QueueSnapshot(
        generation=generation,
        items=items,
        decided={i.id: i.decided for i in everything},
        briefs=briefs,
        articles=[(row.id, row.title) for row in list_articles(lib)],
        tags=sorted({t for i in everything for t in i.tags}, key=str.casefold),
    )


class QueueJob(QRunnable):
    """Builds a :class:`QueueSnapshot` in a pool thread; emits it through ``signals.result``."""

    label = "Loading the review queue"

    def __init__(
        self, open_library: Callable[[], Library], filters: QueueFilters, generation: int
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # ReviewMode keeps it until ``finished``
        self.signals = JobSignals()
        self.open_library = open_library
        self.filters = filters
        self.generation = generation
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            with self.open_library() as lib:
                snapshot = load_snapshot(lib, self.filters, self.generation)
            if not self._cancel.is_set():
                self.signals.result.emit(snapshot)
        except DATABASE_ERRORS as exc:
            log.warning("loading the review queue: %s", exc)  # logged once, shown by the page
            self.signals.error.emit(str(exc))
        except Exception as exc:  # a bug: show it in the banner, log the traceback
            log.exception("loading the review queue failed")
            self.signals.error.emit(f"Loading the review queue failed unexpectedly: {exc}")
        finally:
            self.signals.finished.emit()


@dataclass
class ReviewProgress:
    """Decided/total counts overall and per brief, updated one item at a time."""

    decided: dict[str, bool] = field(default_factory=dict)
    briefs: list[BriefScope] = field(default_factory=list)

    def set_decided(self, item_id: str, decided: bool) -> list[int]:
        """Record a change; returns the ids of briefs this change completed."""
        if item_id not in self.decided:
            return []
        before = {b.id for b in self.briefs if self._complete(b)}
        self.decided[item_id] = decided
        return [b.id for b in self.briefs if self._complete(b) and b.id not in before]

    def overall(self) -> tuple[int, int]:
        """(left, total) over the library."""
        total = len(self.decided)
        return total - sum(self.decided.values()), total

    def brief(self, brief: BriefScope) -> tuple[int, int]:
        done = sum(self.decided.get(i, False) for i in brief.item_ids)
        return len(brief.item_ids) - done, len(brief.item_ids)

    def complete(self, brief_id: int) -> bool:
        return any(b.id == brief_id and self._complete(b) for b in self.briefs)

    def title(self, brief_id: int) -> str:
        return next((b.title for b in self.briefs if b.id == brief_id), f"brief {brief_id}")

    def _complete(self, brief: BriefScope) -> bool:
        return bool(brief.item_ids) and self.brief(brief)[0] == 0
