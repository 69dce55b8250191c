"""Feed bytes -> ParsedFeed with feedparser (which never fetches anything here).

feedparser reads RSS 0.9x/1.0/2.0 and Atom, sniffs the encoding (BOM, XML declaration,
HTTP header), recovers from many malformed feeds (reported as a warning) and sanitises
entry HTML; the entry HTML then becomes normalised paragraphs.
"""

from __future__ import annotations

import hashlib
import io
import time
from typing import Any
from urllib.parse import urlsplit

import feedparser

from briefing.domain.errors import IngestError
from briefing.feeds.model import FeedEntry, ParsedFeed
from briefing.ingest.htmltext import html_blocks
from briefing.ingest.normalise import normalise_text

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_feed(data: bytes, *, url: str, content_type: str = "") -> ParsedFeed:
    """Parse a downloaded feed; raise IngestError naming ``url`` when it is not a feed."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = _trusted_content_type(data, content_type)
    result: Any = feedparser.parse(io.BytesIO(data), response_headers=headers)
    feed = result.get("feed", {})
    entries = [entry for raw in result.get("entries", []) if (entry := _entry(raw))]
    problem = _bozo_message(result) if _bozo(result) else None
    is_feed = bool(result.get("version")) or bool(entries)
    if not is_feed:
        if _looks_like_html(data, content_type):
            raise IngestError(f"{url}: this is a web page, not an RSS or Atom feed")
        detail = f" ({problem})" if problem else ""
        raise IngestError(f"{url}: not a valid RSS or Atom feed{detail}")
    if problem and not entries and not feed.get("title"):
        raise IngestError(f"{url}: not a valid RSS or Atom feed ({problem})")
    return ParsedFeed(
        title=" ".join(str(feed.get("title") or "").split()),
        site_url=feed.get("link") or None,
        entries=tuple(_unique(entries)),
        warning=f"the feed is malformed but could be read ({problem})" if problem else None,
    )


def _trusted_content_type(data: bytes, content_type: str) -> str:
    """Drop the header's charset when the bytes are valid UTF-8 anyway: multi-byte UTF-8
    practically never occurs by accident, while wrong legacy declarations are common."""
    media, _, params = content_type.partition(";")
    if "charset" in params.lower() and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return content_type
        return media.strip()
    return content_type


def _bozo(result: Any) -> bool:
    """True when feedparser met a real problem (a missing or non-XML Content-Type is not)."""
    error = result.get("bozo_exception")
    return bool(result.get("bozo")) and not isinstance(error, feedparser.NonXMLContentType)


def _bozo_message(result: Any) -> str:
    error = result.get("bozo_exception")
    text = " ".join(str(error).split()) if error is not None else ""
    name = type(error).__name__ if error is not None else "error"
    return text or name


def _looks_like_html(data: bytes, content_type: str) -> bool:
    if content_type.split(";")[0].strip().lower() in _HTML_TYPES:
        return True
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _unique(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Drop repeated items (same guid or same link) inside one feed document."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        keys = {entry.key, *([entry.link] if entry.link else [])}
        if keys & seen:
            continue
        seen |= keys
        kept.append(entry)
    return kept


def html_to_text(html: str) -> str:
    """Entry HTML (already sanitised by feedparser) -> normalised paragraphs."""
    if "<" not in html:
        return normalise_text(html)
    return normalise_text("\n".join(block.text for block in html_blocks(html)))


def _entry_text(raw: Any) -> str:
    """The richest text the entry carries: its content, else its summary."""
    best = ""
    for part in [*(raw.get("content") or []), raw.get("summary_detail") or {}]:
        value = part.get("value") or ""
        kind = part.get("type") or "text/html"
        text = html_to_text(value) if "html" in kind else normalise_text(value)
        if len(text) > len(best):
            best = text
    return best


def _web_link(value: str) -> str | None:
    """The link when it is an absolute http(s) URL (the only kind Briefing fetches)."""
    value = value.strip()
    scheme = urlsplit(value).scheme.lower() if value else ""
    return value if scheme in ("http", "https") else None


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    except (TypeError, ValueError):
        return None


def _entry(raw: Any) -> FeedEntry | None:
    title = " ".join(html_to_text(str(raw.get("title") or "")).split())
    link = _web_link(str(raw.get("link") or ""))
    text = _entry_text(raw)
    if not (title or text or link):
        return None
    key = str(raw.get("id") or "").strip() or link
    if not key:
        key = "sha256:" + hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    return FeedEntry(
        key=key,
        title=title,
        link=link,
        text=text,
        author=" ".join(str(raw.get("author") or "").split()) or None,
        published=_iso(raw.get("published_parsed") or raw.get("updated_parsed")),
    )
