"""Page furniture that must not reach the article text, removed from the parsed page.

Hover-cards (a person's name link followed by a hidden card with the full name, a bio line
and a "MORE" link), stand-alone "MORE" / "Read more" links inside paragraphs, share rows,
inline ads and photo credits. Everything is matched on markup (class/id names and link
texts), never on the words of the article itself. Also turns layout tables (old pages put
the whole page in one) into plain containers, so the article in them is not read as a table.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import XPath

# Class or id fragments that mark furniture. Matched as whole "-"/"_"-separated words.
_JUNK_WORDS = (
    "hovercard", "hover-card", "rollover-people-block", "rollover-block", "tooltip", "popover",
    "share-bar", "share-buttons", "sharebar", "social-share", "share-tools", "sharing",
    "share-row", "shareline", "social-links", "ad-slot", "ad-container", "advert",
    "advertisement", "inline-ad", "dfp-ad", "sponsored", "newsletter-signup",
    "image-credit", "photo-credit", "credit", "caption-credit", "media-credit",
)  # fmt: skip
_JUNK_RE = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(re.escape(w) for w in _JUNK_WORDS) + r")(?:$|[\s_-])", re.I
)
_MORE_RE = re.compile(r"^(?:MORE|More|more|Read more|READ MORE|More »|more »|\[more\])$")
_CARD_HINT_RE = re.compile(r"rollover|hover|card|bio|tooltip|popover", re.I)
_CLASSED = XPath("//*[@class or @id]")
_TABLES = XPath("//table")
_FORMS = XPath("//form")
_PARAGRAPHS = XPath(".//p")
_OWN_CELLS = XPath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th")
_OWN_ROWS = XPath("./tr | ./*/tr")
_TABLE_PARTS = XPath(
    "./tr | ./*/tr | ./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th"
    " | ./*[self::tbody or self::thead or self::tfoot]"
)
_BLOCKS_IN_CELL = XPath(".//table | .//p | .//div | .//ul | .//ol | .//h1 | .//h2 | .//h3 | .//br")
_MAX_CELL_WORDS = 60
_LINKS = XPath("//a")
_MAX_CARD_WORDS = 80
_MAX_JUNK_WORDS = 150
_CONTENT_FORM_SHARE = 0.4
_CONTENT_RE = re.compile(r"article|content|story|entry|post-body|main", re.I)


def _drop(element: Any) -> None:
    """Remove ``element`` but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _is_junk_container(element: Any) -> bool:
    """Furniture by its class/id; never a container that says it holds the article or is
    longer than any furniture is ("sc-ad-container article-content" wraps whole stories)."""
    if element.tag in ("html", "body", "main", "article"):
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if not _JUNK_RE.search(names) or _CONTENT_RE.search(names):
        return False
    return len(" ".join(element.itertext()).split()) <= _MAX_JUNK_WORDS


def _card_around(link: Any) -> Any:
    """The hover-card holding a "MORE" link: the nearest inline ancestor whose class says so,
    short enough not to be the article."""
    for ancestor in link.iterancestors():
        if ancestor.tag in ("p", "div", "article", "section", "main", "body", "li", "td"):
            break
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _CARD_HINT_RE.search(names):
            words = len(" ".join(ancestor.itertext()).split())
            return ancestor if words <= _MAX_CARD_WORDS else None
    return None


def _is_layout_table(table: Any) -> bool:
    """A table used for page layout rather than data: a single cell or row, or cells that
    hold whole paragraphs (block elements, line breaks, long text)."""
    cells = _OWN_CELLS(table)
    if len(cells) <= 1 or len(_OWN_ROWS(table)) <= 1:
        return True
    return any(
        _BLOCKS_IN_CELL(cell) or len(" ".join(cell.itertext()).split()) > _MAX_CELL_WORDS
        for cell in cells
    )


def _words(element: Any) -> int:
    return len(" ".join(element.itertext()).split())


def _is_content_form(form: Any, page_words: int) -> bool:
    """A form that wraps the article (ASP.NET pages put the whole body in one), not a login,
    search or comment form: it holds at least two real paragraphs or most of the page."""
    paragraphs = [p for p in _PARAGRAPHS(form) if _words(p) >= 15]
    return len(paragraphs) >= 2 or _words(form) >= _CONTENT_FORM_SHARE * page_words


def unwrap_forms(tree: Any) -> int:
    """Unwrap forms that hold the article; drop the others (login, search, comment forms)
    with their content. Returns how many were dropped."""
    dropped = 0
    page_words = _words(tree)
    for form in list(_FORMS(tree)):
        if _is_content_form(form, page_words):
            form.tag = "div"
        else:
            _drop(form)
            dropped += 1
    return dropped


def unwrap_layout_tables(tree: Any) -> int:
    """Turn layout tables into plain containers (data tables stay tables); returns how many."""
    changed = 0
    for table in _TABLES(tree):
        if _is_layout_table(table):
            for part in _TABLE_PARTS(table):
                part.tag = "div"
            table.tag = "div"
            changed += 1
    return changed


def remove_junk(tree: Any) -> int:
    """Remove furniture from a parsed page in place; returns how many elements went."""
    removed = 0
    for link in list(_LINKS(tree)):
        if not _MORE_RE.match(" ".join("".join(link.itertext()).split())):
            continue
        card = _card_around(link)
        _drop(card if card is not None else link)
        removed += 1
    for element in list(_CLASSED(tree)):
        if element.getparent() is not None and _is_junk_container(element):
            _drop(element)
            removed += 1
    return removed
