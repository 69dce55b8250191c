"""Articles and their revisions (editions of the same story)."""

from __future__ import annotations

from dataclasses import dataclass


def text_sha256(text: str) -> str:
    """The content hash used for de-duplication and the analysis cache."""
    import hashlib  # here, not at import time: the reader's start-up does not hash

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One article in the library. ``text`` is the normalised text every offset points into."""

    id: int
    title: str
    text: str
    text_sha256: str
    source_url: str | None = None
    source_path: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as found
    imported_at: str = ""  # ISO 8601 UTC
    revision: int = 1

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def source(self) -> str | None:
        return self.source_url or self.source_path


@dataclass(frozen=True, slots=True)
class Revision:
    """A stored edition of an article's text (revision 1 is the first import)."""

    article_id: int
    revision: int
    text: str
    text_sha256: str
    created_at: str
