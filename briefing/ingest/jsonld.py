"""Article metadata from a page's JSON-LD blocks (schema.org NewsArticle and kin).

Sanitising removes every ``<script>``, including the inert ``application/ld+json`` ones many
news sites put their author and date in; this module reads those blocks from the original
page as JSON data only (nothing is executed or kept) so the metadata is not lost.
"""

from __future__ import annotations

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
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "webpage"}
)  # fmt: skip
_MAX_BLOCK_CHARS = 200_000
_MAX_AUTHORS = 5


@dataclass(frozen=True)
class LinkedMetadata:
    """What the JSON-LD says about the article (each field None when absent)."""

    headline: str | None = None
    author: str | None = None
    published: str | None = None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(re.sub(r"<[^>]*>", " ", value).split())
    return text or None


def _author_names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [name for item in value[:_MAX_AUTHORS] for name in _author_names(item)]
    if isinstance(value, dict):
        value = value.get("name")
    name = _clean(value)
    return [name] if name else []


def _objects(data: Any) -> list[dict[str, Any]]:
    """Every JSON object in the block, including those inside ``@graph`` lists."""
    if isinstance(data, list):
        return [obj for item in data for obj in _objects(item)]
    if isinstance(data, dict):
        return [data, *_objects(data.get("@graph"))]
    return []


def _is_article(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(kind, str) and kind.casefold() in _ARTICLE_TYPES for kind in names)


def read_linked_metadata(html: str) -> LinkedMetadata:
    """The first article-like JSON-LD object's headline, authors and publication date."""
    for match in _SCRIPT_RE.finditer(html):
        block = match.group(1).strip()
        if not block or len(block) > _MAX_BLOCK_CHARS:
            continue
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            if not _is_article(obj):
                continue
            authors = _author_names(obj.get("author"))
            return LinkedMetadata(
                headline=_clean(obj.get("headline")),
                author=", ".join(dict.fromkeys(authors)) or None,
                published=_clean(obj.get("datePublished")),
            )
    return LinkedMetadata()
