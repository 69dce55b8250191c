"""Choosing a title: headline detection, fallbacks, and trimming " | Site" suffixes."""

from __future__ import annotations

import re
from pathlib import PurePath

MAX_HEADLINE_WORDS = 15
FALLBACK_WORDS = 8
_SENTENCE_END = (".", ",", ";", ":")
# Separators a <title> uses before the site name; " - " only counts when the site is known.
_STRONG_SEPARATORS = (" | ", " · ", " :: ", " // ", " » ", " › ", " ‹ ", " « ")
_WEAK_SEPARATORS = (" - ", " – ", " — ")
_MAX_SITE_WORDS = 4


def looks_like_headline(line: str) -> bool:
    """A short line (< 15 words) that does not end like a sentence."""
    words = line.split()
    return 0 < len(words) < MAX_HEADLINE_WORDS and not line.rstrip().endswith(_SENTENCE_END)


def words_title(text: str) -> str:
    """The first ~8 words followed by an ellipsis (or the whole text when shorter)."""
    words = text.split()
    if len(words) <= FALLBACK_WORDS:
        return " ".join(words)
    return " ".join(words[:FALLBACK_WORDS]).rstrip(".,;:") + "…"


def looks_written_by_a_person(stem: str) -> bool:
    """A file name someone typed as a title ("Meeting notes", "ECB Rate Decision"), not a
    slug or id ("siversk", "article-2024_03", "a1b2c3")."""
    return " " in stem.strip() or any(ch.isupper() for ch in stem)


def fallback_title(text: str, source_path: str | None) -> str:
    """A file name that reads as a title; else the first words of the text; else the stem."""
    stem = PurePath(source_path).stem if source_path else ""
    if stem and looks_written_by_a_person(stem):
        return stem
    return words_title(text) or stem


def _squash(value: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


_DOMAIN_RE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
SEPARATORS = _STRONG_SEPARATORS + _WEAK_SEPARATORS


def _is_site_name(part: str, sitename: str | None, hostname: str | None) -> bool:
    key = _squash(part)
    if not key:
        return False
    if _DOMAIN_RE.match(part):  # "Helge.at", "strafprozess.ch"
        return True
    if sitename and key == _squash(sitename):
        return True
    return bool(hostname) and key in _squash(hostname or "")


def strip_site_suffix(
    title: str, *, sitename: str | None = None, hostname: str | None = None
) -> str:
    """Drop a trailing " | Site Name" from a <title>, but only when it is clearly a site name.

    A strong separator ("|", "·"...) needs a short tail (at most 4 words) and a head of at
    least two words; a dash counts only when the tail matches the known site or host name.
    """
    for separators, need_known_site in ((_STRONG_SEPARATORS, False), (_WEAK_SEPARATORS, True)):
        for separator in separators:
            if separator not in title:
                continue
            head, _, tail = title.rpartition(separator)
            head, tail = head.strip(), tail.strip()
            if len(head.split()) < 2 or len(tail.split()) > _MAX_SITE_WORDS:
                continue
            known = _is_site_name(tail, sitename, hostname)
            if known or not need_known_site:
                return head
    return title


def headline_in_title(title: str, headings: list[str]) -> str | None:
    """The page heading that is one side of ``title``'s separator ("Headline | Site" or
    "Site | Headline" where "Headline" is also a heading of the page), if any."""
    for heading in headings:
        if not heading or heading == title:
            continue
        for separator in SEPARATORS:
            if title.startswith(heading + separator) or title.endswith(separator + heading):
                return heading
    return None
