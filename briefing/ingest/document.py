"""The result every ingest reader returns: normalised text plus the metadata found with it."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.domain.structure import Block


@dataclass(frozen=True)
class IngestedDocument:
    """One article as read from a file, pasted text, an HTML page or a URL.

    ``text`` is already normalised (see :func:`briefing.ingest.normalise.normalise_text`).
    ``published`` is an ISO 8601 date or datetime when the source states one.
    ``blocks`` mark headings, list items, table rows (cells TAB-separated), quotes and code
    as offsets into ``text``; ``warnings`` name problems an import should show (e.g. a body
    that looks like a notice rather than the article); ``meta_source`` says per field
    (title, author, published, text) where the value came from.
    """

    title: str
    text: str
    author: str | None = None
    published: str | None = None
    source_url: str | None = None
    source_path: str | None = None
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()
    meta_source: tuple[tuple[str, str], ...] = ()

    def with_source(self, source: str, *fields: str) -> tuple[tuple[str, str], ...]:
        """``meta_source`` with ``fields`` now coming from ``source`` (e.g. a feed entry)."""
        sources = dict(self.meta_source)
        sources.update(dict.fromkeys(fields, source))
        return tuple(sorted(sources.items()))
