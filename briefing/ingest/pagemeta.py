"""Title, author and date of a web page, each with where it came from (``meta_source``).

Sources: the page's JSON-LD article object (``json-ld``), what trafilatura reads from the
page (``page``: JSON-LD of any kind, ``<title>``, ``<h1>``, bylines, dates in the text), its
Open Graph / ``<meta>`` tags (``og:title``, ``meta:author``,
``meta:article:published_time``...) and its byline markup (``byline``). Titles lose a
trailing site name; authors are reduced to names (no bios, job titles, publishers, "By").
The publication date is ``datePublished`` (never ``dateModified``) when it carries the
page's own UTC offset, kept as written so the day stays the page's; otherwise the date the
page shows (a UTC timestamp can be a day off there), then any stated date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath

from briefing.ingest.jsonld import LinkedMetadata
from briefing.ingest.titles import headline_in_title, strip_site_suffix

_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "date", "dc.date", "dc.date.issued", "pubdate", "publishdate", "sailthru.date",
)  # fmt: skip
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "sailthru.author", "byl")
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site")
_BY_RE = re.compile(
    r"^(?:(?:post\s+)?author|autor(?:in)?|written\s+by|posted\s+by|geschrieben\s+von"
    r"|veröffentlicht\s+von|by|von|par|por|door|责任编辑|作者|编辑)\s*[:：]?\s*(?=\S)",
    re.IGNORECASE,
)
_BIO_RE = re.compile(r"\s+(?:is|was|has been|writes|covers|reports)\s+.*$", re.IGNORECASE)
_SPLIT_RE = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_JOB_WORDS = frozenset(
    {"reporter", "editor", "correspondent", "writer", "staff", "contributor", "columnist",
     "journalist", "producer", "author", "senior", "chief", "editorial", "team", "desk",
     "newsroom", "photographer", "analyst", "associate", "deputy", "managing", "news",
     "redaktion", "autor", "autorin", "press", "wire", "agency", "admin", "updated",
     "published", "comments", "comment", "recent", "by", "said", "says", "wrote"}
)  # fmt: skip
_MAX_NAME_WORDS = 5
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LOCAL_OFFSET_RE = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-](?!00:?00)\d{2}:?\d{2}$")
_BYLINE_XPATH = XPath(
    "//*[contains(@class, 'byline') or contains(@id, 'byline') or @rel = 'author'"
    " or @itemprop = 'author' or contains(@class, 'author-name')]"
)
_MAX_BYLINE_WORDS = 12
_HEADINGS_XPATH = XPath("(//h1)[position() <= 3] | (//h2)[position() <= 3]")
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


def _without_job_title(part: str) -> str:
    """"Evan Halper Staff Writer" -> "Evan Halper" (job words trailing a name go)."""
    words = part.split()
    while words and words[-1].casefold().strip(".") in _JOB_WORDS:
        words.pop()
    return " ".join(words)


def _is_name(part: str) -> bool:
    words = part.split()
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    if any(ch.isdigit() for ch in part) or "@" in part or "http" in part.lower():
        return False
    return not any(word.casefold().strip(".") in _JOB_WORDS for word in words)


def _squash(value: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


def clean_authors(raw: str | None, publishers: tuple[str | None, ...] = ()) -> str | None:
    """Names only, ", "-joined: no "By", bios, job titles, e-mail; a publisher or site name
    glued to a person's name goes (a personal site's name can be its author's, so it stays
    when it is the only name)."""
    if not raw:
        return None
    text = _fix_caps(" ".join(raw.split()))
    text = _BY_RE.sub("", text)
    if _STAFF_RE.match(text):
        return text  # "Example Wire staff": a newsroom credit is the only author there is
    publisher_keys = {_squash(p) for p in publishers if p and _squash(p)}
    names: list[str] = []
    for part in _SPLIT_RE.split(text):
        part = _BIO_RE.sub("", _BY_RE.sub("", part.strip(" .:-–—()[]"))).strip(" .:-–—")
        part = _without_job_title(part)
        if _is_name(part) and part not in names:
            names.append(part)
    people = [name for name in names if _squash(name) not in publisher_keys]
    return ", ".join(people or names) or None


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
    linked: LinkedMetadata,
    tags: dict[str, str],
    page_title: str | None,
    sites: tuple[str, ...],
    hostname: str | None,
    headings: list[str],
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
        heading = headline_in_title(title, headings)
        if heading:
            return f"{source}+h1", heading
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
    headings = [" ".join(" ".join(h.itertext()).split()) for h in _HEADINGS_XPATH(tree)]
    chosen_title = _title(linked, tags, extracted.get("title"), sites, hostname, headings)
    if chosen_title:
        result.sources["title"], result.title = chosen_title
    author_options = (
        ("json-ld", linked.author),
        ("page", extracted.get("author")),
        *((f"meta:{key}", value) for key, value in [_first(tags, _AUTHOR_KEYS) or ("", "")]),
        ("byline", byline(tree)),
    )
    for source, value in author_options:
        author = clean_authors(value, sites)
        if author:
            result.sources["author"], result.author = source, author
            break
    published = _first(tags, _PUBLISHED_KEYS)
    stated: list[tuple[str, str]] = [
        (source, value)
        for source, value in (
            ("json-ld", linked.published),
            (f"meta:{published[0]}" if published else "", published[1] if published else None),
        )
        if value and _DATE_RE.match(value)
    ]
    page_date = extracted.get("date")
    # A datetime with the page's own UTC offset says which day it was there; a UTC
    # ("Z") or zone-less one may be a day off, where the date the page shows is not.
    local = [(s, v) for s, v in stated if _LOCAL_OFFSET_RE.search(v)]
    if page_date and _DATE_RE.match(page_date) and not local:
        same_day = [(s, v) for s, v in stated if v[:10] == page_date[:10]]
        local = same_day[:1] or [("page", page_date)]
    for source, value in (local or stated)[:1]:
        result.sources["published"], result.published = source, value
    return result
