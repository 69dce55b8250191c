"""Making arbitrary text safe to place in Markdown (inline text, headings, blockquotes),
in Markdown link destinations, and in YAML double-quoted scalars.

The Markdown escapes work in python-markdown (with the ``extra`` extensions), CommonMark
renderers and Obsidian alike: backslash escapes only for characters python-markdown knows,
HTML character references for the rest (``<``, leading ``=``, ``:`` and ``~``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Characters python-markdown (with tables) and CommonMark both accept backslash escapes for,
# and that can start markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]|#])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Markup that only counts at the start of a line (after optional spaces).
_LINE_START = (
    (re.compile(r"^([>+-])"), r"\\\1"),
    (re.compile(r"^(\d+)([.)])"), r"\1\\\2"),
    (re.compile(r"^="), "&#61;"),
    (re.compile(r"^:"), "&#58;"),
    (re.compile(r"^~"), "&#126;"),
)
_LINE_START_CHARS = frozenset(">+-0123456789=:~")


def escape_inline(text: str) -> str:
    """Escape text so it renders literally on one line (no markup, no raw HTML); runs of
    whitespace, line breaks included, become one space."""
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    text = " ".join(_INLINE.sub(r"\\\1", text).split())
    if "<" in text:
        text = text.replace("<", "&lt;")
    if text and text[0] in _LINE_START_CHARS:
        for pattern, repl in _LINE_START:
            text = pattern.sub(repl, text)
    return text


def escape_line(text: str) -> str:
    """Escape text that must stay on one line (titles, headings, list items)."""
    return escape_inline(text)


def escape_lines(text: str) -> list[str]:
    """Escape multi-line text line by line; blank lines are dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [escape_inline(line) for line in lines if line.strip()]


def blockquote(text: str) -> str:
    """A Markdown blockquote of ``text``; its line breaks stay inside the quote."""
    lines = escape_lines(text) or ["…"]
    return "\n".join(f"> {line}" for line in lines)


def link_destination(url: str) -> str:
    """A URL made safe for a Markdown ``[text](dest)`` destination."""
    return quote(url.strip(), safe="/:?#[]@!$&'*+,;=%~-._")


def text_fragment(url: str, quote_text: str, *, words: int = 5) -> str:
    """``url#:~:text=start,end``: a link that scrolls a browser to the quoted text."""
    parts = quote_text.split()
    if not parts:
        return url
    if len(parts) <= 2 * words:
        directive = _fragment_part(" ".join(parts))
    else:
        start = _fragment_part(" ".join(parts[:words]))
        end = _fragment_part(" ".join(parts[-words:]))
        directive = f"{start},{end}"
    return f"{url.split('#', 1)[0]}#:~:text={directive}"


def _fragment_part(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")


_YAML_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x00": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def _yaml_char(ch: str) -> str:
    if ch in _YAML_ESCAPES:
        return _YAML_ESCAPES[ch]
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F or code == 0xFEFF or 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04X}"
    return ch


def yaml_str(value: str | None) -> str:
    """A YAML scalar for ``value``: always double-quoted (``null`` for None), so ``:``,
    ``#``, ``-``, quotes, newlines or ``yes``/``no`` can never change its meaning."""
    if value is None:
        return "null"
    return '"' + "".join(_yaml_char(ch) for ch in value) + '"'
