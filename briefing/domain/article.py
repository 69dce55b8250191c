"""Articles and their revisions (editions of the same story)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.domain.structure import Block

# Scripts written without spaces between words: each character counts as a word.
_UNSPACED_RE = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f"
    "\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\U00020000-\U0002fa1f]"
)


def count_words(text: str) -> int:
    """Words as a reader counts them: space-separated words, plus every Chinese or Japanese
    character (and Thai, Lao, Burmese, Khmer ones), which are written without spaces."""
    unspaced = len(_UNSPACED_RE.findall(text))
    if not unspaced:
        return len(text.split())
    rest = _UNSPACED_RE.sub(" ", text).split()
    return unspaced + sum(1 for token in rest if any(ch.isalnum() for ch in token))


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
    blocks: tuple[Block, ...] = ()  # structure of ``text`` (see briefing.domain.structure)
    warnings: tuple[str, ...] = ()  # problems import noticed, shown with the article
    meta_source: tuple[tuple[str, str], ...] = ()  # (field, where its value came from)

    @property
    def word_count(self) -> int:
        return count_words(self.text)

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
