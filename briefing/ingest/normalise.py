"""Text normalisation: the single definition of the article text every offset points into.

Rules: Unicode NFC; ``\\r\\n``/``\\r`` (and the other Unicode line breaks) become ``\\n``;
control characters other than ``\\n`` and ``\\t`` are removed, tabs, NBSP and every other
Unicode space become a plain space; runs of spaces collapse; lines are stripped. Paragraphs:
when the text holds blank lines, each blank-line-separated block is one paragraph whose
single newlines are joined with a space (unwrapping hard-wrapped text); otherwise every
non-empty line is a paragraph. Paragraphs are joined by a single ``\\n``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Characters str.splitlines() treats as line boundaries (besides \n and \r).
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Invisible format characters that only get in the way of search and offsets.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"
_SPACES_RE = re.compile(r" {2,}")


class _CharMap(dict[int, str | None]):
    """str.translate table computed on demand: each code point is classified once."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        replacement: str | None = char
        if char == "\n":
            pass
        elif char == "\r" or char in _LINE_BREAKS:
            replacement = "\n"
        elif char == "\t" or category == "Zs":
            replacement = " "
        elif category in ("Cc", "Cs") or char in _INVISIBLE:
            replacement = None
        self[code] = replacement
        return replacement


@cache
def _char_map() -> _CharMap:
    return _CharMap()


def _clean_chars(raw: str) -> str:
    text = raw.replace("\r\n", "\n")
    text = text.translate(_char_map())
    return unicodedata.normalize("NFC", text)


def _clean_line(line: str) -> str:
    return _SPACES_RE.sub(" ", line).strip(" ")


def normalise_text(raw: str) -> str:
    """Return ``raw`` normalised (see the module docstring); idempotent."""
    lines = [_clean_line(line) for line in _clean_chars(raw).split("\n")]
    # Only blank lines *between* text count: leading/trailing blank lines say nothing.
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None:
        return ""
    last = max(i for i, line in enumerate(lines) if line)
    body = lines[first : last + 1]
    if "" in body:
        paragraphs: list[str] = []
        block: list[str] = []
        for line in [*body, ""]:
            if line:
                block.append(line)
            elif block:
                paragraphs.append(" ".join(block))
                block = []
    else:
        paragraphs = body
    return "\n".join(paragraphs)
