"""Building a normalised article text line by line together with its structure blocks.

Readers add one logical block at a time (a paragraph, a heading, a list item, a table row
given as cells); each becomes one line of the text, normalised like every article text, and
a :class:`~briefing.domain.structure.Block` records where it sits. Table cells are joined by
a TAB. Also converts trafilatura's XML body (``p``, ``head``, ``list``/``item``,
``table``/``row``/``cell``, ``quote``, ``code``) into such lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing.domain.structure import Block
from briefing.ingest.normalise import normalise_text


def _one_line(text: str) -> str:
    return " ".join(normalise_text(text).split())


@dataclass
class StructuredText:
    """Lines (``kind``, ``level``, text) collected in reading order."""

    lines: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, kind: str, text: str, level: int = 0) -> None:
        """Add one block; text is normalised onto one line (empty text adds nothing)."""
        if kind == "code":
            for raw in normalise_text(text.replace("\n", "\n\n")).split("\n"):
                if raw:
                    self.lines.append((kind, 0, raw))
            return
        line = _one_line(text)
        if line:
            self.lines.append((kind, level, line))

    def add_row(self, cells: Sequence[str], header: bool = False) -> None:
        """Add a table row; cells are joined by TAB (rows whose cells are all empty vanish)."""
        cleaned = [_one_line(cell) for cell in cells]
        if any(cleaned):
            self.lines.append(("table_row", int(header), "\t".join(cleaned)))

    def drop_first(self, count: int = 1) -> None:
        del self.lines[:count]

    def texts(self) -> list[str]:
        return [text for _, _, text in self.lines]

    def build(self) -> tuple[str, tuple[Block, ...]]:
        """The article text and its blocks (plain paragraphs get no block)."""
        parts: list[str] = []
        blocks: list[Block] = []
        offset = 0
        for kind, level, text in self.lines:
            if kind != "paragraph":
                blocks.append(Block(kind, offset, offset + len(text), level))
            parts.append(text)
            offset += len(text) + 1
        return "\n".join(parts), tuple(blocks)


def _inline_text(element: Any, skip: frozenset[str]) -> str:
    """Text of ``element`` without its children named in ``skip`` (their tails are kept)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in skip:
            parts.append(" " if child.tag == "lb" else "")
            parts.append(_inline_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


_NESTED = frozenset({"list", "table", "quote", "p", "head", "code"})


def _add_list(out: StructuredText, element: Any, depth: int) -> None:
    for item in element:
        if item.tag != "item":
            continue
        out.add("list_item", _inline_text(item, _NESTED), depth)
        for child in item:
            if child.tag == "list":
                _add_list(out, child, depth + 1)
            elif child.tag in _NESTED:
                _add_element(out, child, "list_item", depth)


def _add_table(out: StructuredText, element: Any) -> None:
    for row in element.iter("row"):
        cells = [" ".join(cell.itertext()) for cell in row if cell.tag == "cell"]
        header = any(cell.get("role") == "head" for cell in row if cell.tag == "cell")
        out.add_row(cells, header)


def _add_element(out: StructuredText, element: Any, kind: str, level: int) -> None:
    tag = element.tag
    if tag == "head":
        rend = element.get("rend") or "h2"
        number = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
        out.add("heading", " ".join(element.itertext()), number)
    elif tag == "list":
        _add_list(out, element, 1)
    elif tag == "table":
        _add_table(out, element)
    elif tag == "quote":
        add_children(out, element, "quote", 0)
    elif tag == "code":
        out.add("code", "".join(element.itertext()))
    elif tag == "p" or not len(element):
        for piece in _split_breaks(element):
            out.add(kind, piece, level)
    else:
        add_children(out, element, kind, level)


def _split_breaks(element: Any) -> list[str]:
    """The element's text split at ``<lb/>`` line breaks (each piece is one paragraph)."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append(child.tail or "")
        else:
            pieces[-1] += " ".join(child.itertext()) + (child.tail or "")
    return pieces


def add_children(out: StructuredText, parent: Any, kind: str = "paragraph", level: int = 0) -> None:
    """Add the block children of a trafilatura XML element (its own loose text too)."""
    if parent.text and parent.text.strip():
        out.add(kind, parent.text, level)
    for child in parent:
        if isinstance(child.tag, str):
            _add_element(out, child, kind, level)
        if child.tail and child.tail.strip():
            out.add(kind, child.tail, level)
