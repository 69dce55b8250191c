"""The library as a list: one row per article without its text, as listings and the screens
show it (title, source, dates, counts)."""

from __future__ import annotations

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
