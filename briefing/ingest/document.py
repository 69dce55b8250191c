"""The result every ingest reader returns: normalised text plus the metadata found with it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestedDocument:
    """One article as read from a file, pasted text, an HTML page or a URL.

    ``text`` is already normalised (see :func:`briefing.ingest.normalise.normalise_text`).
    ``published`` is an ISO 8601 date or datetime when the source states one.
    """

    title: str
    text: str
    author: str | None = None
    published: str | None = None
    source_url: str | None = None
    source_path: str | None = None
