"""Document structure as offsets into the one normalised text: headings, list items, tables.

Every block sits on its own line of the article text; a block is the half-open range
``[start, end)`` of that line (without the newline). Table rows keep their cells separated
by a TAB character. Text that no block covers reads as plain paragraphs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

BLOCK_KINDS = ("paragraph", "heading", "list_item", "table_row", "quote", "code")


@dataclass(frozen=True, slots=True)
class Block:
    """One structural line: ``kind`` (see BLOCK_KINDS), its span, and a level.

    ``level`` is the heading level (1-6), the list nesting depth (1 = top level), 1 for a
    table header row (0 for body rows); 0 elsewhere.
    """

    kind: str
    start: int
    end: int
    level: int = 0

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid block span {self.start}..{self.end}")


def blocks_to_json(blocks: tuple[Block, ...]) -> str:
    """Compact JSON for storage: ``[[kind, start, end, level], ...]`` ("" when none)."""
    if not blocks:
        return ""
    return json.dumps([[b.kind, b.start, b.end, b.level] for b in blocks], separators=(",", ":"))


def blocks_from_json(data: str | None, text: str) -> tuple[Block, ...]:
    """Blocks stored by :func:`blocks_to_json`; any that do not fit ``text`` are dropped."""
    if not data:
        return ()
    try:
        rows = json.loads(data)
    except ValueError:
        return ()
    blocks: list[Block] = []
    for row in rows if isinstance(rows, list) else []:
        try:
            kind, start, end, level = row
            block = Block(str(kind), int(start), int(end), int(level))
        except (TypeError, ValueError):
            continue
        if block.end <= len(text):
            blocks.append(block)
    return tuple(blocks)
