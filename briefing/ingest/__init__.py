"""Ingest: files, pasted text, HTML and URLs -> one normalised article text plus metadata.

Callers use :func:`read_source` (CLI argument: path, URL or ``-``), :func:`read_path`,
:func:`fetch_url`, or the per-format readers; every failure is an ``IngestError`` with a
one-line message naming the input.

The names below are imported on first use, so ``from briefing.ingest import normalise_text``
does not pay for importing trafilatura, lxml and httpx.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.ingest.decode import decode_bytes
    from briefing.ingest.document import IngestedDocument
    from briefing.ingest.html import read_html, sanitise_html
    from briefing.ingest.loader import MAX_FILE_BYTES, read_path, read_source
    from briefing.ingest.markdown import read_markdown
    from briefing.ingest.normalise import normalise_text
    from briefing.ingest.sniff import sniff_kind
    from briefing.ingest.text import read_plain
    from briefing.ingest.url import fetch_bytes, fetch_url

_EXPORTS = {
    "MAX_FILE_BYTES": "loader",
    "IngestedDocument": "document",
    "decode_bytes": "decode",
    "fetch_bytes": "url",
    "fetch_url": "url",
    "normalise_text": "normalise",
    "read_html": "html",
    "read_markdown": "markdown",
    "read_path": "loader",
    "read_plain": "text",
    "read_source": "loader",
    "sanitise_html": "html",
    "sniff_kind": "sniff",
}

__all__ = [
    "MAX_FILE_BYTES",
    "IngestedDocument",
    "decode_bytes",
    "fetch_bytes",
    "fetch_url",
    "normalise_text",
    "read_html",
    "read_markdown",
    "read_path",
    "read_plain",
    "read_source",
    "sanitise_html",
    "sniff_kind",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
