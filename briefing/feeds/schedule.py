"""When a feed is due: its interval after the last check, backing off after failures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from briefing.feeds.model import Feed

MAX_BACKOFF = timedelta(hours=24)
MIN_INTERVAL = timedelta(minutes=5)


def parse_stamp(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp (``Z`` or offset; naive means UTC) as an aware datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def retry_delay(feed: Feed) -> timedelta:
    """The interval, doubled for each consecutive failure, capped at a day."""
    base = max(timedelta(minutes=feed.interval_minutes), MIN_INTERVAL)
    if feed.failures <= 0:
        return base
    return min(base * (2 ** min(feed.failures, 10)), max(MAX_BACKOFF, base))


def next_check(feed: Feed) -> datetime | None:
    """When the feed should be fetched next (None: now, it was never fetched)."""
    last = parse_stamp(feed.last_checked)
    return None if last is None else last + retry_delay(feed)


def is_due(feed: Feed, now: datetime) -> bool:
    when = next_check(feed)
    return when is None or when <= now


def due(feeds: Iterable[Feed], now: datetime) -> list[Feed]:
    """The feeds to fetch at ``now``: never-checked first, then the longest overdue."""
    ready = [feed for feed in feeds if is_due(feed, now)]
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(ready, key=lambda feed: (next_check(feed) or epoch, feed.id))
