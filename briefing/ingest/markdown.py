"""Markdown -> IngestedDocument: render with python-markdown, keep each block as a line.

The title comes from YAML-style front matter (``title:``) or, failing that, from a leading
``# heading``, which then leaves the text so it is not read twice. Headings, list items,
table rows (cells TAB-separated), block quotes and code lines are kept as structure blocks.
"""

from __future__ import annotations

import re

import markdown as markdown_lib

from briefing.domain.errors import IngestError
from briefing.ingest.document import IngestedDocument
from briefing.ingest.htmltext import Block, html_blocks
from briefing.ingest.normalise import normalise_text
from briefing.ingest.structure import StructuredText
from briefing.ingest.titles import fallback_title

_HEADINGS = {f"h{n}": n for n in range(1, 7)}

_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FIELD_RE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return the simple ``key: value`` fields of a leading ``---`` block and the rest."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for key, value in _FIELD_RE.findall(match.group(1)):
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields.setdefault(key.lower(), value.strip())
    return fields, text[match.end() :]


def _add_block(out: StructuredText, block: Block) -> None:
    if block.tag == "tr":
        out.add_row(block.cells, block.header)
    elif block.tag in _HEADINGS:
        out.add("heading", block.text, _HEADINGS[block.tag])
    elif block.tag == "li" or (block.depth and block.tag not in ("pre", "p")):
        out.add("list_item", block.text, max(block.depth, 1))
    elif block.tag == "pre":
        out.add("code", block.text)
    elif block.quoted:
        out.add("quote", block.text)
    else:
        out.add("paragraph", block.text)


def render_markdown(source: str) -> tuple[str | None, StructuredText]:
    """Render Markdown to structured lines; also return a leading ``h1`` (removed from them)."""
    html = markdown_lib.markdown(
        source, extensions=["fenced_code", "tables", "sane_lists"], output_format="html"
    )
    blocks = html_blocks(html)
    heading: str | None = None
    if blocks and blocks[0].tag == "h1":
        heading = normalise_text(blocks[0].text) or None
        blocks = blocks[1:]
    out = StructuredText()
    for block in blocks:
        _add_block(out, block)
    return heading, out


def read_markdown(text: str, *, source_path: str | None = None) -> IngestedDocument:
    """Read a Markdown document (already decoded to str)."""
    fields, body = split_front_matter(text)
    heading, lines = render_markdown(body)
    front_title = normalise_text(fields.get("title", "")) or None
    if heading and front_title and heading != front_title:
        # The heading is not the title: it stays part of the text.
        lines.lines.insert(0, ("heading", 1, heading))
    rendered, blocks = lines.build()
    title = front_title or heading
    if not rendered:
        name = source_path or "the Markdown text"
        raise IngestError(f"{name}: no text found in this Markdown document")
    return IngestedDocument(
        title=title or fallback_title(rendered, source_path),
        text=rendered,
        author=normalise_text(fields.get("author", "")) or None,
        published=fields.get("date") or None,
        source_path=source_path,
        blocks=blocks,
        meta_source=tuple(
            (name, "front-matter") for name in ("author", "published", "title")
            if fields.get({"published": "date"}.get(name, name))
        ),
    )
