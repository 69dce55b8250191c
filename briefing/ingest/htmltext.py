"""A small HTML-to-paragraphs converter for HTML we generated or trust the shape of.

Used for rendered Markdown: every block element (paragraph, heading, list item, table row,
quote, preformatted line) becomes one paragraph; links keep their text; images, scripts,
styles and embedded frames are dropped. Web pages go through :mod:`briefing.ingest.html`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset(
    {"script", "style", "iframe", "noscript", "template", "svg", "math", "object", "embed", "head"}
)
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip


@dataclass(frozen=True)
class Block:
    """One paragraph of text and the tag that opened it (``h1``, ``p``, ``li``...)."""

    tag: str
    text: str


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._block_tag = "p"
        self._skip_depth = 0
        self._pre_depth = 0

    def _flush(self) -> None:
        text = "".join(self._parts)
        self._parts = []
        lines = text.split("\n") if self._pre_depth else [text]
        for line in lines:
            cleaned = " ".join(line.split())
            if cleaned:
                self.blocks.append(Block(self._block_tag, cleaned))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self._skip_depth += 1
            return
        if tag == "br":
            self._parts.append("\n" if self._pre_depth else " ")
        elif tag in ("td", "th"):
            self._parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._block_tag = tag
            if tag == "pre":
                self._pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append("\n" if self._pre_depth else " ")
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag in ("td", "th"):
            self._parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)
            self._block_tag = "p"

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str) -> list[Block]:
    """Split ``html`` into text blocks in document order."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks
