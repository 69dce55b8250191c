"""Choosing a reader for decoded text whose kind is unknown (odd suffix, stdin, octet-stream)."""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.domain.errors import IngestError
from briefing.ingest.document import IngestedDocument
from briefing.ingest.normalise import normalise_text
from briefing.ingest.text import read_plain

_HTML_START_RE = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)
_HTML_BODY_RE = re.compile(r"<(?:body|article|p)[\s>]", re.I)
_MARKDOWN_START_RE = re.compile(r"\A\s*(?:---[ \t]*\n|#{1,6} \S)")


def sniff_kind(text: str) -> str:
    """``"html"``, ``"markdown"`` or ``"plain"`` judging by how the text starts."""
    head = text[:4096]
    if _HTML_START_RE.match(head) or (head.lstrip().startswith("<") and _HTML_BODY_RE.search(head)):
        return "html"
    if _MARKDOWN_START_RE.match(head):
        return "markdown"
    return "plain"


def read_decoded(
    text: str,
    *,
    kind: str | None,
    name: str,
    url: str | None = None,
    source_path: str | None = None,
    title: str | None = None,
) -> IngestedDocument:
    """Read already decoded text as ``kind`` (sniffed when None); ``title`` overrides.

    ``name`` (the path, URL or "stdin") is what error messages mention.
    """
    if not normalise_text(text):
        raise IngestError(f"{name}: contains no text")
    kind = kind or sniff_kind(text)
    # The HTML and Markdown readers load trafilatura/lxml and python-markdown (over 100 ms,
    # mostly in C that holds the GIL): only for texts that need them.
    if kind == "html":
        from briefing.ingest.html import read_html

        document = read_html(text, url=url, source_path=source_path)
    elif kind == "markdown":
        from briefing.ingest.markdown import read_markdown

        document = read_markdown(text, source_path=source_path)
    else:
        document = read_plain(text, title=title, source_path=source_path)
    chosen = normalise_text(title or "")
    if chosen and document.title != chosen:
        return replace(document, title=chosen, meta_source=document.with_source("user", "title"))
    return document
