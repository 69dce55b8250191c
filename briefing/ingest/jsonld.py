"""Article metadata from a page's JSON-LD blocks (schema.org NewsArticle and kin).

Sanitising removes every ``<script>``, including the inert ``application/ld+json`` ones many
news sites put their author and date in; this module reads those blocks from the original
page as JSON data only (nothing is executed or kept) so the metadata is not lost.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

_SCRIPT_RE = re.compile(
    r"<script[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "webpage",
     "socialmediaposting", "liveblogposting", "scholarlyarticle", "techarticle"}
)  # fmt: skip
_ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})
_MAX_BLOCK_CHARS = 200_000
_MAX_AUTHORS = 5


@dataclass(frozen=True)
class LinkedMetadata:
    """What the JSON-LD says about the article (each field None when absent)."""

    headline: str | None = None
    author: str | None = None
    published: str | None = None
    modified: str | None = None
    publisher: str | None = None


def _clean(value: Any) -> str | None:
    """A JSON-LD string as text: tags dropped, then character references decoded (WordPress
    writes "&#8216;Title&#8217;" and "Tom &amp; Jerry" into its JSON-LD)."""
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", value)).split())
    return text or None


def _types(obj: dict[str, Any]) -> list[str]:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return [kind.casefold() for kind in names if isinstance(kind, str)]


def _author_names(value: Any) -> list[str]:
    """Names of the people among the authors (organisations are publishers, not authors)."""
    if isinstance(value, list):
        return [name for item in value[:_MAX_AUTHORS] for name in _author_names(item)]
    if isinstance(value, dict):
        if any(kind in _ORGANISATION_TYPES for kind in _types(value)):
            return []
        value = value.get("name")
    name = _clean(value)
    return [name] if name else []


def _name_of(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return _clean(value)


def _objects(data: Any) -> list[dict[str, Any]]:
    """Every JSON object in the block, including those inside ``@graph`` lists."""
    if isinstance(data, list):
        return [obj for item in data for obj in _objects(item)]
    if isinstance(data, dict):
        return [data, *_objects(data.get("@graph"))]
    return []


def _is_article(obj: dict[str, Any]) -> bool:
    return any(kind in _ARTICLE_TYPES for kind in _types(obj))


def _rank(obj: dict[str, Any]) -> int:
    """Prefer real article types over a generic WebPage, and objects with a headline."""
    return ("webpage" in _types(obj)) * 2 + (not obj.get("headline"))


def _blocks(html: str) -> list[Any]:
    """Every JSON-LD block of the page that parses as JSON."""
    found: list[Any] = []
    for match in _SCRIPT_RE.finditer(html):
        block = match.group(1).strip()
        if not block or len(block) > _MAX_BLOCK_CHARS:
            continue
        try:
            found.append(json.loads(block))
        except (ValueError, RecursionError):
            continue
    return found


def linked_data_scripts(html: str) -> str:
    """The page's JSON-LD blocks re-written as pure JSON (nothing else of the script tag,
    ``</`` escaped), for a metadata reader that looks for them in a sanitised page."""
    scripts = []
    for data in _blocks(html):
        try:
            text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        except (ValueError, RecursionError):
            continue
        scripts.append(f'<script type="application/ld+json">{text}</script>')
    return "".join(scripts)


def read_linked_metadata(html: str) -> LinkedMetadata:
    """The best article-like JSON-LD object's headline, authors, dates and publisher."""
    found = [obj for data in _blocks(html) for obj in _objects(data) if _is_article(obj)]
    if not found:
        return LinkedMetadata()
    obj = min(found, key=_rank)
    authors = _author_names(obj.get("author")) or _author_names(obj.get("creator"))
    return LinkedMetadata(
        headline=_clean(obj.get("headline")) or _clean(obj.get("name")),
        author=", ".join(dict.fromkeys(authors)) or None,
        published=_clean(obj.get("datePublished")) or _clean(obj.get("dateCreated")),
        modified=_clean(obj.get("dateModified")),
        publisher=_name_of(obj.get("publisher")),
    )
