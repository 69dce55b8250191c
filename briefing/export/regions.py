"""Generated regions of an exported Markdown brief: their HTML-comment markers, the content
hash recorded in each begin marker, and parsing a document back into regions and the
user's text between them (used by the re-export merge).

A region looks like::

    <!-- briefing:begin summary a12 sha256=0123456789ab -->
    ...generated Markdown...
    <!-- briefing:end summary a12 -->

The YAML front matter is a region too: its hash sits in a YAML comment on its last line
(``# briefing:front-matter sha256=...``) because nothing may come before the opening ``---``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

HASH_CHARS = 12
FRONT_MATTER_KEY = "front-matter"
_BEGIN = re.compile(
    r"^\s*<!--\s*briefing:begin\s+(?P<key>\S.*?)\s+sha256=(?P<sha>[0-9a-f]+)\s*-->\s*$"
)
_END = re.compile(r"^\s*<!--\s*briefing:end\s+(?P<key>\S.*?)\s*-->\s*$")
_FRONT_HASH = re.compile(r"^#\s*briefing:front-matter\s+sha256=(?P<sha>[0-9a-f]+)\s*$")
_KEY_PART = re.compile(r"[^A-Za-z0-9_.-]+")


def region_key(kind: str, ident: str = "") -> str:
    """``"summary a12"``: the kind plus an optional id, both reduced to marker-safe chars."""
    parts = [_KEY_PART.sub("-", p).strip("-") for p in (kind, ident)]
    return " ".join(p for p in parts if p)


def content_hash(lines: list[str]) -> str:
    """Hash of a region body that ignores trailing spaces and surrounding blank lines,
    which editors change on their own."""
    stripped = [line.rstrip() for line in lines]
    while stripped and not stripped[0]:
        stripped.pop(0)
    while stripped and not stripped[-1]:
        stripped.pop()
    digest = hashlib.sha256("\n".join(stripped).encode("utf-8")).hexdigest()
    return digest[:HASH_CHARS]


def wrap_region(key: str, body: str) -> str:
    """The body between begin/end markers, the begin marker recording the body's hash.

    Blank lines around the body keep the markers separate HTML blocks in every renderer."""
    lines = body.strip("\n").split("\n")
    return "\n".join(
        [
            f"<!-- briefing:begin {key} sha256={content_hash(lines)} -->",
            "",
            *lines,
            "",
            f"<!-- briefing:end {key} -->",
        ]
    )


def wrap_front_matter(yaml_lines: list[str]) -> str:
    """YAML front matter between ``---`` lines, with its hash in a trailing YAML comment."""
    sha = content_hash(yaml_lines)
    return "\n".join(["---", *yaml_lines, f"# briefing:front-matter sha256={sha}", "---"])


def is_marker_line(line: str) -> bool:
    return bool(_BEGIN.match(line) or _END.match(line))


def recorded_hash(region: Region) -> str | None:
    """The content hash a region's begin marker records (that of the text generated then)."""
    match = _BEGIN.match(region.lines[0]) if region.lines else None
    return match["sha"] if match else None


@dataclass(frozen=True)
class Region:
    """A parsed region: ``lines`` are the full lines including both markers."""

    key: str
    lines: tuple[str, ...]
    edited: bool

    @property
    def body(self) -> tuple[str, ...]:
        return self.lines[1:-1]


@dataclass(frozen=True)
class ParsedDocument:
    """``front`` (or None), then ``gaps[0]``, ``regions[0]``, ``gaps[1]``, ... ``gaps[-1]``.

    Joining every part's lines with "\\n" gives back the parsed text exactly.
    """

    front: Region | None
    gaps: tuple[tuple[str, ...], ...]
    regions: tuple[Region, ...]


def _parse_front(lines: list[str]) -> tuple[Region | None, int]:
    if not lines or lines[0].rstrip() != "---":
        return None, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            block = lines[: i + 1]
            inner = block[1:-1]
            match = _FRONT_HASH.match(inner[-1]) if inner else None
            edited = match is None or content_hash(inner[:-1]) != match["sha"]
            return Region(FRONT_MATTER_KEY, tuple(block), edited), i + 1
    return None, 0


def _find_end(lines: list[str], start: int, key: str) -> int | None:
    """Index of the end marker closing the begin marker at ``start``, if well formed."""
    for j in range(start + 1, len(lines)):
        if _BEGIN.match(lines[j]):
            return None
        end = _END.match(lines[j])
        if end:
            return j if end["key"] == key else None
    return None


def parse_document(text: str) -> ParsedDocument:
    """Split a Markdown brief into front matter, regions and the text between them.

    A begin marker without its matching end marker (or an end marker alone) is treated as
    ordinary text, so nothing a user wrote is ever dropped because markers were damaged.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, i = _parse_front(lines)
    gaps: list[tuple[str, ...]] = []
    regions: list[Region] = []
    gap: list[str] = []
    while i < len(lines):
        begin = _BEGIN.match(lines[i])
        end = _find_end(lines, i, begin["key"]) if begin else None
        if begin is None or end is None:
            gap.append(lines[i])
            i += 1
            continue
        block = lines[i : end + 1]
        edited = content_hash(block[1:-1]) != begin["sha"]
        gaps.append(tuple(gap))
        regions.append(Region(begin["key"], tuple(block), edited))
        gap = []
        i = end + 1
    gaps.append(tuple(gap))
    return ParsedDocument(front, tuple(gaps), tuple(regions))
