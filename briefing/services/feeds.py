"""Feed use cases: subscribe, list, refresh (one feed or all, or only the due ones), OPML.

A refresh never deletes anything: a feed that fails keeps its articles and gets an
``error`` state with the message, the time and the count of consecutive failures. Items
whose feed text is only a teaser get the full text of their linked page; when that page
cannot be read the teaser is stored and the page is tried again on later refreshes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.domain import BriefingError
from briefing.domain.errors import IngestError
from briefing.feeds import schedule
from briefing.feeds.model import Feed, FeedEntry
from briefing.services.library import Library
from briefing.storage import articles as article_store
from briefing.storage import feeds as feed_store

if TYPE_CHECKING:
    import httpx

    from briefing.ingest import IngestedDocument

TEASER_WORDS = 80
"""An entry with fewer words than this is a teaser: its linked page is fetched."""
MAX_PAGE_ATTEMPTS = 3
"""How many refreshes try again to get the full text of a teaser-only item."""
PAGE_TIMEOUT_S = 15.0
PAGE_MAX_BYTES = 5_000_000
_MAX_WARNINGS = 3


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """One feed after a refresh: its new state and the articles it brought in."""

    feed: Feed
    new_article_ids: tuple[int, ...] = ()
    updated_article_ids: tuple[int, ...] = ()  # teasers replaced by their full text
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def add_feed(lib: Library, url: str, *, title: str = "", site_url: str | None = None) -> Feed:
    """Subscribe to ``url`` (not fetched yet); an existing subscription is returned as is."""
    from briefing.ingest.url import check_url

    url = url.strip()
    check_url(url)
    existing = feed_store.find_by_url(lib.conn, url)
    if existing is not None:
        return existing
    with lib.transaction() as conn:
        feed_id = feed_store.add(conn, url, title.strip(), site_url, _stamp(_now(None)))
    return get_feed(lib, feed_id)


def get_feed(lib: Library, feed_id: int) -> Feed:
    feed = feed_store.get(lib.conn, feed_id)
    if feed is None:
        raise BriefingError(f"no feed with id {feed_id}")
    return feed


def list_feeds(lib: Library) -> list[Feed]:
    return feed_store.all_feeds(lib.conn)


def remove_feed(lib: Library, feed_id: int) -> None:
    """Unsubscribe; the articles it brought in stay in the library."""
    get_feed(lib, feed_id)
    with lib.transaction() as conn:
        feed_store.delete(conn, feed_id)


def due_feeds(lib: Library, now: datetime | None = None) -> list[Feed]:
    """The feeds a timer should refresh at ``now`` (interval elapsed, with failure back-off)."""
    return schedule.due(list_feeds(lib), _now(now))


def refresh_all(
    lib: Library,
    *,
    only_due: bool = False,
    now: datetime | None = None,
    client: httpx.Client | None = None,
    progress: Callable[[RefreshResult], None] | None = None,
) -> list[RefreshResult]:
    """Refresh every feed (or only the due ones); one feed's failure never stops the rest."""
    from briefing.feeds.fetch import new_client

    feeds = due_feeds(lib, now) if only_due else list_feeds(lib)
    active = client or new_client()
    results: list[RefreshResult] = []
    try:
        for feed in feeds:
            result = refresh_feed(lib, feed.id, client=active, now=now)
            results.append(result)
            if progress is not None:
                progress(result)
    finally:
        if client is None:
            active.close()
    return results


def refresh_feed(
    lib: Library, feed_id: int, *, client: httpx.Client, now: datetime | None = None,
) -> RefreshResult:
    """Fetch one feed (conditional GET), import its new items, record the feed's state.
    (In the reader the new articles are analysed in its analysis child process: see
    ``services.articles.compute_analyses_with``.)"""
    from briefing.feeds.fetch import fetch_feed
    from briefing.feeds.parse import parse_feed

    feed = get_feed(lib, feed_id)
    stamp = _stamp(_now(now))
    try:
        response = fetch_feed(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, client=client
        )
        parsed = (
            parse_feed(response.body, url=feed.url, content_type=response.content_type)
            if response.modified
            else None
        )
    except BriefingError as error:
        return _failed(lib, feed, stamp, str(error))
    moved = _free_url(lib, feed, response.moved_to)
    if parsed is None:
        with lib.transaction() as conn:
            feed_store.record_success(
                conn, feed.id, now=stamp, state="not-modified", etag=response.etag,
                last_modified=response.last_modified, warning=feed.warning, url=moved,
            )  # fmt: skip
        return RefreshResult(get_feed(lib, feed.id))
    new_ids, updated_ids, warnings = _import_entries(lib, feed, parsed.entries, client, stamp)
    notes = [w for w in (parsed.warning, *warnings) if w][:_MAX_WARNINGS]
    with lib.transaction() as conn:
        feed_store.record_success(
            conn, feed.id, now=stamp, state="ok", title=parsed.title, site_url=parsed.site_url,
            etag=response.etag, last_modified=response.last_modified,
            warning="; ".join(notes) or None, url=moved,
        )  # fmt: skip
    return RefreshResult(get_feed(lib, feed.id), tuple(new_ids), tuple(updated_ids))


def _failed(lib: Library, feed: Feed, stamp: str, message: str) -> RefreshResult:
    message = " ".join(message.split())
    if not message.startswith(feed.url):
        message = f"{feed.url}: {message}"
    with lib.transaction() as conn:
        feed_store.record_failure(conn, feed.id, now=stamp, error=message)
    return RefreshResult(get_feed(lib, feed.id), error=message)


def _free_url(lib: Library, feed: Feed, moved_to: str | None) -> str | None:
    """The permanent-redirect target, unless another subscription already uses it."""
    if not moved_to or moved_to == feed.url:
        return None
    return None if feed_store.find_by_url(lib.conn, moved_to) else moved_to


def _import_entries(
    lib: Library, feed: Feed, entries: tuple[FeedEntry, ...], client: httpx.Client, stamp: str,
) -> tuple[list[int], list[int], list[str]]:
    """Import the entries not seen before (oldest first); retry incomplete teasers."""
    from briefing.services.articles import import_document

    seen = feed_store.seen_entries(lib.conn, feed.id)
    by_link = {entry.link: entry for entry in seen.values() if entry.link}
    new_ids: list[int] = []
    updated_ids: list[int] = []
    warnings: list[str] = []
    for entry in reversed(entries):
        prior = seen.get(entry.key) or (by_link.get(entry.link) if entry.link else None)
        if prior is not None and (
            prior.full_text or not entry.link or prior.attempts >= MAX_PAGE_ATTEMPTS
        ):
            continue
        if prior is None and entry.link:
            known = article_store.find_by_source_url(lib.conn, entry.link)
            if known is not None:  # the same link came from another feed or an import
                _remember(lib, feed, entry, known.id, True, stamp)
                continue
        document, complete, problem = _entry_document(entry, client)
        if problem:
            warnings.append(problem)
        key = prior.entry_key if prior is not None else None
        if document is None or (prior is not None and not complete):
            # Nothing new to store yet: count the attempt, try the page again next time.
            _remember(lib, feed, entry, prior.article_id if prior else None, False, stamp, key)
            continue
        try:
            result = import_document(lib, document)
        except BriefingError as error:
            warnings.append(" ".join(str(error).split()))
            _remember(lib, feed, entry, prior.article_id if prior else None, False, stamp, key)
            continue
        if result.status == "new":
            new_ids.append(result.article.id)
        elif result.status == "revised":
            updated_ids.append(result.article.id)
        _remember(lib, feed, entry, result.article.id, complete, stamp, key)
    return new_ids, updated_ids, warnings


def _remember(
    lib: Library,
    feed: Feed,
    entry: FeedEntry,
    article_id: int | None,
    complete: bool,
    stamp: str,
    prior_key: str | None = None,
) -> None:
    with lib.transaction() as conn:
        feed_store.record_entry(
            conn, feed.id, prior_key or entry.key, link=entry.link, article_id=article_id,
            full_text=complete, now=stamp,
        )  # fmt: skip


def _entry_document(
    entry: FeedEntry, client: httpx.Client
) -> tuple[IngestedDocument | None, bool, str | None]:
    """(document, has its full text, problem): the feed text, or the linked page's."""
    from briefing.ingest import IngestedDocument

    teaser = (
        IngestedDocument(
            title=entry.title or _first_words(entry.text),
            text=entry.text,
            author=entry.author,
            published=entry.published,
            source_url=entry.link,
        )
        if entry.text.strip()
        else None
    )
    if entry.word_count >= TEASER_WORDS or not entry.link:
        return teaser, teaser is not None, None
    try:
        page = _fetch_page(entry.link, client)
    except BriefingError as error:
        return teaser, False, f"full text not available ({' '.join(str(error).split())})"
    if teaser is not None and len(page.text.split()) <= entry.word_count:
        return teaser, True, None
    from_feed = [
        name
        for name, value in (
            ("title", entry.title), ("author", entry.author), ("published", entry.published)
        )
        if value
    ]
    document = replace(
        page,
        title=entry.title or page.title,
        author=entry.author or page.author,
        published=entry.published or page.published,
        source_url=entry.link,
        meta_source=page.with_source("feed", *from_feed),
    )
    return document, True, None


def _fetch_page(url: str, client: httpx.Client) -> IngestedDocument:
    from briefing.ingest.url import fetch_url

    return fetch_url(url, timeout=PAGE_TIMEOUT_S, max_bytes=PAGE_MAX_BYTES, client=client)


def _first_words(text: str, count: int = 12) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def import_opml(lib: Library, path: Path) -> list[Feed]:
    """Subscribe to every feed of an OPML file; return the subscriptions it added."""
    from briefing.feeds.opml import MAX_OPML_BYTES, read_opml

    try:
        size = path.stat().st_size
        if size > MAX_OPML_BYTES:
            raise IngestError(f"{path}: the OPML file is larger than the 5 MB limit")
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror})") from None
    added: list[Feed] = []
    for outline in read_opml(data, str(path)):
        if feed_store.find_by_url(lib.conn, outline.url) is None:
            added.append(add_feed(lib, outline.url, title=outline.title, site_url=outline.site_url))
    return added


def export_opml(lib: Library) -> str:
    from briefing.feeds.opml import Outline, write_opml

    return write_opml(Outline(f.url, f.title, f.site_url) for f in list_feeds(lib))
