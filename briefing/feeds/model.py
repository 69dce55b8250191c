"""Plain data for feeds: a subscription with its state, and one parsed feed entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FEED_STATES: tuple[str, ...] = ("new", "ok", "not-modified", "error")
"""``new``: never fetched; ``ok``: last fetch parsed; ``not-modified``: 304; ``error``."""


@dataclass(frozen=True, slots=True)
class Feed:
    """One subscription and what happened the last time it was fetched."""

    id: int
    url: str
    title: str = ""
    site_url: str | None = None
    added_at: str = ""
    interval_minutes: int = 60
    etag: str | None = None
    last_modified: str | None = None
    state: str = "new"
    last_checked: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    warning: str | None = None
    failures: int = 0
    article_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "site_url": self.site_url,
            "state": self.state,
            "added_at": self.added_at,
            "last_checked": self.last_checked,
            "last_success": self.last_success,
            "last_error": self.last_error,
            "warning": self.warning,
            "failures": self.failures,
            "interval_minutes": self.interval_minutes,
            "articles": self.article_count,
        }


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a parsed feed; ``text`` is normalised (content, else summary)."""

    key: str  # guid/id, else the link, else a hash of title + text
    title: str
    link: str | None = None
    text: str = ""
    author: str | None = None
    published: str | None = None  # ISO 8601 when the feed gives a date

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    site_url: str | None = None
    entries: tuple[FeedEntry, ...] = ()
    warning: str | None = None  # the feed was malformed but could be read
