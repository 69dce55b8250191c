"""The library as a list: one row per article without its text, as listings and the screens
show it (title, source, dates, counts, where import found each field)."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A library listing row: an article without its text, plus counts."""

    id: int
    title: str
    source: str | None
    author: str | None
    published: str | None
    imported_at: str
    word_count: int
    annotation_count: int
    revision: int
    meta_source_json: str = ""

    @property
    def meta_source(self) -> dict[str, str]:
        """Per field (title, author, published, text): where import found its value."""
        return meta_source_from_json(self.meta_source_json)


def meta_source_from_json(data: str | None) -> dict[str, str]:
    try:
        value = json.loads(data) if data else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items()}
