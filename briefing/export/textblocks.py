"""The article's text in a brief, with its structure: headings, lists, tables, quotes.

One line of the article text is one paragraph ("¶3", anchored ``a7-p3`` for the brief's
links); its structure block (see :mod:`briefing.domain.structure`) decides how it is
written in Markdown. Headings become ``####``/``#####`` headings, list items nested list
items, consecutive table rows one Markdown table (cells from the TAB-separated line), quote
lines a block quote; text without a block stays a numbered paragraph.
"""

from __future__ import annotations

from briefing.domain import Article
from briefing.domain.structure import Block
from briefing.export.escape import escape_line
from briefing.export.places import Paragraphs


def _blocks_by_start(article: Article) -> dict[int, Block]:
    return {block.start: block for block in article.blocks}


def _target(paragraphs: Paragraphs, number: int) -> str:
    anchor = paragraphs.anchor(number)
    return f'<a id="{anchor}"></a>' if anchor else ""


def _cell(text: str) -> str:
    return escape_line(text) or " "


def _table(rows: list[tuple[int, str, Block]], paragraphs: Paragraphs) -> str:
    """Consecutive table rows as one Markdown table; the ¶ anchor sits in the first cell."""
    width = max(len(line.split("\t")) for _, line, _ in rows)
    lines: list[str] = []
    body = rows
    if rows[0][2].level == 1:  # a header row
        header = rows[0]
        body = rows[1:]
    else:
        header = None
    head_cells = header[1].split("\t") if header else [""] * width
    head_cells += [""] * (width - len(head_cells))
    first = (_target(paragraphs, header[0]) if header else "") + _cell(head_cells[0])
    lines.append("| " + " | ".join([first, *(_cell(c) for c in head_cells[1:])]) + " |")
    lines.append("|" + "---|" * width)
    for number, line, _ in body:
        cells = line.split("\t")
        cells += [""] * (width - len(cells))
        first = _target(paragraphs, number) + _cell(cells[0])
        lines.append("| " + " | ".join([first, *(_cell(c) for c in cells[1:])]) + " |")
    return "\n".join(lines)


def _line(number: int, line: str, block: Block | None, paragraphs: Paragraphs) -> str:
    target = _target(paragraphs, number)
    text = escape_line(line)
    if block is None or block.kind in ("paragraph", "code"):
        return f"{target}**¶{number}** {text}"
    if block.kind == "heading":
        return f"{'####' if block.level <= 2 else '#####'} {target}{text}"
    if block.kind == "list_item":
        indent = "    " * max(block.level - 1, 0)
        return f"{indent}- {target}{text}"
    return f"> {target}**¶{number}** {text}"  # quote


def text_section(article: Article, paragraphs: Paragraphs) -> str:
    """``### Article text`` and the text, one part per line (tables and lists grouped)."""
    blocks = _blocks_by_start(article)
    parts = ["### Article text"]
    table: list[tuple[int, str, Block]] = []
    items: list[str] = []
    offset = 0
    for number, line in enumerate(article.text.split("\n"), start=1):
        block = blocks.get(offset)
        offset += len(line) + 1
        if block is not None and block.end != offset - 1:
            block = None  # a block that is not exactly this line: show the line plainly
        if table and (block is None or block.kind != "table_row"):
            parts.append(_table(table, paragraphs))
            table = []
        if items and (block is None or block.kind != "list_item"):
            parts.append("\n".join(items))
            items = []
        if not line.strip():
            continue
        if block is not None and block.kind == "table_row":
            table.append((number, line, block))
        elif block is not None and block.kind == "list_item":
            items.append(_line(number, line, block, paragraphs))
        else:
            parts.append(_line(number, line, block, paragraphs))
    if table:
        parts.append(_table(table, paragraphs))
    if items:
        parts.append("\n".join(items))
    return "\n\n".join(parts)
