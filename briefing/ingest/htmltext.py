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


_CELL = "\x1f"  # marks the start of a table cell inside a row's collected text


@dataclass(frozen=True)
class Block:
    """One paragraph of text and the tag that opened it (``h1``, ``p``, ``li``...).

    ``depth`` is the list nesting depth (0 outside lists), ``quoted`` whether the block sits
    in a ``blockquote``; a table row (``tr``) also has its ``cells`` (``header`` when it has
    ``th`` cells), and ``text`` holds them joined by spaces.
    """

    tag: str
    text: str
    depth: int = 0
    quoted: bool = False
    cells: tuple[str, ...] = ()
    header: bool = False


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._block_tag = "p"
        self._skip_depth = 0
        self._pre_depth = 0
        self._list_depth = 0
        self._quote_depth = 0
        self._header_row = False

    def _flush(self) -> None:
        text = "".join(self._parts)
        self._parts = []
        quoted = self._quote_depth > 0
        if _CELL in text:
            cells = tuple(" ".join(cell.split()) for cell in text.split(_CELL)[1:])
            if any(cells):
                joined = " ".join(cell for cell in cells if cell)
                self.blocks.append(
                    Block("tr", joined, self._list_depth, quoted, cells, self._header_row)
                )
            self._header_row = False
            return
        lines = text.split("\n") if self._pre_depth else [text]
        for line in lines:
            cleaned = " ".join(line.split())
            if cleaned:
                self.blocks.append(Block(self._block_tag, cleaned, self._list_depth, quoted))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self._skip_depth += 1
            return
        if tag == "br":
            self._parts.append("\n" if self._pre_depth else " ")
        elif tag in ("td", "th"):
            self._parts.append(_CELL)
            self._header_row = self._header_row or tag == "th"
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._block_tag = tag
            if tag == "pre":
                self._pre_depth += 1
            elif tag in ("ul", "ol"):
                self._list_depth += 1
            elif tag == "blockquote":
                self._quote_depth += 1

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
            elif tag in ("ul", "ol"):
                self._list_depth = max(0, self._list_depth - 1)
            elif tag == "blockquote":
                self._quote_depth = max(0, self._quote_depth - 1)
            self._block_tag = "li" if self._list_depth and tag in ("ul", "ol") else "p"

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
