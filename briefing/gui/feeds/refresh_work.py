"""What a refresh worker does: fetch feeds one after another through the feed services,
reporting "n of m" before each and stopping between feeds when cancelled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from briefing.domain import BriefingError
from briefing.services import Library
from briefing.services.feeds import RefreshResult, due_feeds, list_feeds, refresh_feed

if TYPE_CHECKING:
    from briefing.gui.background import CallJob


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    """The feeds refreshed (possibly fewer than planned when cancelled)."""

    results: tuple[RefreshResult, ...]
    planned: int
    cancelled: bool
    scheduled: bool = False  # started by the timer, not by the user
    new_articles: tuple[tuple[int, str], ...] = ()  # (id, title), followed entities first

    @property
    def new_article_ids(self) -> list[int]:
        return [i for result in self.results for i in result.new_article_ids]

    @property
    def updated_article_ids(self) -> list[int]:
        return [i for result in self.results for i in result.updated_article_ids]

    @property
    def failures(self) -> list[RefreshResult]:
        return [result for result in self.results if not result.ok]

    def summary(self) -> str:
        new = len(self.new_article_ids)
        text = (f"{new} new article{'s' if new != 1 else ''} from {len(self.results)} "
                f"feed{'s' if len(self.results) != 1 else ''}")  # fmt: skip
        if self.failures:
            text += f"; {len(self.failures)} failed"
        if self.cancelled:
            text += f"; cancelled after {len(self.results)} of {self.planned}"
        return text


def refresh_feeds(
    lib: Library,
    job: CallJob,
    *,
    feed_ids: Iterable[int] | None = None,
    only_due: bool = False,
    scheduled: bool = False,
    now: datetime | None = None,
) -> RefreshOutcome:
    """Refresh the chosen feeds (all, the due ones, or ``feed_ids``); one failure never stops
    the rest. Progress is ``(done, total, feed title)``."""
    from briefing.feeds.fetch import new_client

    feeds = due_feeds(lib, now) if only_due else list_feeds(lib)
    if feed_ids is not None:
        wanted = set(feed_ids)
        feeds = [feed for feed in feeds if feed.id in wanted]
    results: list[RefreshResult] = []
    total = len(feeds)
    with new_client() as client:
        for done, feed in enumerate(feeds):
            if job.is_cancelled():
                break
            job.signals.progress.emit(done, total, feed.title or feed.url)
            try:
                results.append(refresh_feed(lib, feed.id, client=client, now=now))
            except BriefingError:  # unsubscribed while the refresh ran
                continue
    job.signals.progress.emit(len(results), total, "")
    new_ids = [i for result in results for i in result.new_article_ids]
    return RefreshOutcome(
        tuple(results), total, job.is_cancelled(), scheduled, _listed(lib, new_ids)
    )


def _listed(lib: Library, article_ids: list[int]) -> tuple[tuple[int, str], ...]:
    """The new articles as (id, title), those about followed entities first."""
    from briefing.services.articles import list_articles
    from briefing.services.crossref import followed_first

    if not article_ids:
        return ()
    order = {article_id: n for n, article_id in enumerate(article_ids)}
    rows = sorted(list_articles(lib, article_ids), key=lambda row: order.get(row.id, 0))
    return tuple((row.id, row.title) for row in followed_first(lib, rows))
