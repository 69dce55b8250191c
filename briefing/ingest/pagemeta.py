"""Title, author and date of a web page, each with where it came from (``meta_source``).

Sources, best first: the page's JSON-LD article object (``json-ld``), its Open Graph /
``<meta>`` tags (``og:title``, ``meta:author``, ``meta:article:published_time``...), the
page's byline markup (``byline``), and what trafilatura read from the page (``page``:
``<title>``, ``<h1>``, bylines, dates in the text). Titles lose a trailing site name;
authors are reduced to names (no bios, job titles, publishers, "By"); the publication date
is ``datePublished`` (never ``dateModified``), written as the page wrote it, so its own
time zone and day stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath

from briefing.ingest.jsonld import LinkedMetadata
from briefing.ingest.titles import strip_site_suffix

_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "date", "dc.date", "dc.date.issued", "pubdate", "publishdate", "sailthru.date",
)  # fmt: skip
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "sailthru.author", "byl")
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site")
_BY_RE = re.compile(r"^(?:by|von|par|por|door)\s*:?\s+", re.IGNORECASE)
_BIO_RE = re.compile(r"\s+(?:is|was|has been|writes|covers|reports)\s+.*$", re.IGNORECASE)
_SPLIT_RE = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_JOB_WORDS = frozenset(
    {"reporter", "editor", "correspondent", "writer", "staff", "contributor", "columnist",
     "journalist", "producer", "author", "senior", "chief", "editorial", "team", "desk",
     "newsroom", "photographer", "analyst", "associate", "deputy", "managing", "news",
     "redaktion", "autor", "autorin", "press", "wire", "agency", "admin", "updated",
     "published", "comments", "comment", "recent"}
)  # fmt: skip
_MAX_NAME_WORDS = 5
_BYLINE_XPATH = XPath(
    "//*[contains(@class, 'byline') or contains(@id, 'byline') or @rel = 'author'"
    " or @itemprop = 'author' or contains(@class, 'author-name')]"
)
_MAX_BYLINE_WORDS = 12
_STAFF_RE = re.compile(r"^[\w .&'-]{1,40} staff$", re.IGNORECASE)


@dataclass
class PageMetadata:
    """The chosen fields and, per field, where each came from."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def meta_tags(tree: Any) -> dict[str, str]:
    """``name``/``property``/``itemprop`` (lower-cased) -> first non-empty ``content``."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        value = " ".join((meta.get("content") or "").split())
        if not value:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                found.setdefault(key, value)
    return found


def _first(tags: dict[str, str], keys: tuple[str, ...]) -> tuple[str, str] | None:
    for key in keys:
        if tags.get(key):
            return key, tags[key]
    return None


def _fix_caps(name: str) -> str:
    """"JOHN SMITH" -> "John Smith" (names written in capitals by the page's style)."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) > 3 and all(ch.isupper() for ch in letters):
        return " ".join(part.capitalize() for part in name.split())
    return name


def _is_name(part: str, publisher_keys: set[str]) -> bool:
    words = part.split()
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    if any(ch.isdigit() for ch in part) or "@" in part or "http" in part.lower():
        return False
    if any(word.casefold().strip(".") in _JOB_WORDS for word in words):
        return False
    if _squash(part) in publisher_keys:
        return False
    return any(word[:1].isupper() for word in words)


def _squash(value: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


def clean_authors(raw: str | None, publishers: tuple[str | None, ...] = ()) -> str | None:
    """Names only, ", "-joined: no "By", bios, job titles, e-mail, publisher or site names."""
    if not raw:
        return None
    text = _fix_caps(" ".join(raw.split()))
    text = _BY_RE.sub("", text)
    publisher_keys = {_squash(p) for p in publishers if p and _squash(p)}
    names: list[str] = []
    for part in _SPLIT_RE.split(text):
        part = _BIO_RE.sub("", _BY_RE.sub("", part.strip(" .:-–—()[]"))).strip(" .:-–—")
        if _is_name(part, publisher_keys) and part not in names:
            names.append(part)
    if not names and _STAFF_RE.match(text):
        return text  # "Example Wire staff": a newsroom credit is the only author there is
    return ", ".join(names) or None


def byline(tree: Any) -> str | None:
    """The text of the first byline element outside comment sections ("By Jane Roe")."""
    for element in _BYLINE_XPATH(tree):
        if any(
            "comment" in f"{a.get('class') or ''} {a.get('id') or ''}".lower()
            for a in (element, *element.iterancestors())
        ):
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if text and len(text.split()) <= _MAX_BYLINE_WORDS:
            return text
    return None


def _title(
    linked: LinkedMetadata, tags: dict[str, str], page_title: str | None, sites: tuple[str, ...],
    hostname: str | None,
) -> tuple[str, str] | None:
    options = (
        ("json-ld", linked.headline),
        ("og:title", tags.get("og:title") or tags.get("twitter:title")),
        ("page", page_title),
    )
    for source, value in options:
        if not value:
            continue
        title = " ".join(value.split())
        for site in (*sites, None):
            title = strip_site_suffix(title, sitename=site, hostname=hostname)
        if title:
            return source, title
    return None


def page_metadata(
    extracted: dict[str, Any], linked: LinkedMetadata, tree: Any, hostname: str | None
) -> PageMetadata:
    """Choose title, author and date from JSON-LD, meta tags and trafilatura's findings."""
    tags = meta_tags(tree)
    sites = tuple(
        dict.fromkeys(
            s for s in (extracted.get("sitename"), linked.publisher,
                        *(tags.get(k) for k in _SITE_KEYS)) if s
        )
    )  # fmt: skip
    result = PageMetadata()
    chosen_title = _title(linked, tags, extracted.get("title"), sites, hostname)
    if chosen_title:
        result.sources["title"], result.title = chosen_title
    author_options = (
        ("json-ld", linked.author),
        *((f"meta:{key}", value) for key, value in [_first(tags, _AUTHOR_KEYS) or ("", "")]),
        ("byline", byline(tree)),
        ("page", extracted.get("author")),
    )
    for source, value in author_options:
        author = clean_authors(value, sites)
        if author:
            result.sources["author"], result.author = source, author
            break
    published = _first(tags, _PUBLISHED_KEYS)
    date_options = (
        ("json-ld", linked.published),
        (f"meta:{published[0]}" if published else "", published[1] if published else None),
        ("page", extracted.get("date")),
    )
    for source, value in date_options:
        if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            result.sources["published"], result.published = source, value
            break
    return result
