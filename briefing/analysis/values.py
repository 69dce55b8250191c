"""Regular-expression recognisers for value mentions: DATE, PERCENT, MONEY and QUANTITY."""

from __future__ import annotations

import re
from typing import NamedTuple


class Mention(NamedTuple):
    """One entity mention: ``text[start:end]`` with its label; ``certain`` when a rule, not
    a statistical guess, gave the label (a name after "Mr", a place after "the town of")."""

    start: int
    end: int
    label: str
    certain: bool = False


_NUM = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|trillion|bn|mn|m|k)\b)?"
_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH = rf"(?:{_MONTH_FULL}|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNITS = (
    r"kilomet(?:er|re)s?|km|miles?|met(?:er|re)s?|feet|ft|inch(?:es)?|yards?|tons?|tonnes?|"
    r"kg|kilograms?|pounds|lbs?|grams?|lit(?:er|re)s?|gallons?|barrels?|acres?|hectares?|"
    r"square (?:miles|kilomet(?:er|re)s|met(?:er|re)s|feet)|degrees?|mph|km/h|megawatts?|MW|GW"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "MONEY",
        re.compile(
            rf"(?=[$€£¥U0-9])(?:US\$|[$€£¥])\s?{_NUM}{_SCALE}"
            rf"|(?=[0-9])\b{_NUM}(?:\s(?:million|billion|trillion))?\s(?:dollars|euros|yen|rubles|"
            r"roubles|hryvnias?|yuan|rupees)\b"
        ),
    ),
    (
        "PERCENT",
        re.compile(rf"(?=[0-9])\b{_NUM}\s?(?:%|percent\b|per cent\b|percentage points?\b)"),
    ),
    ("QUANTITY", re.compile(rf"(?=[0-9])\b{_NUM}(?:\s|-)?(?:{_UNITS})(?![\w])")),
    (
        "DATE",
        re.compile(
            r"(?=[A-Z0-9]|yesterday|today|tomorrow|last |next |this |early |late |in |since )"
            rf"(?:\b{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:1[89]|20)\d\d)?\b"
            rf"|\b\d{{1,2}}\s(?:{_MONTH_FULL})(?:\s(?:1[89]|20)\d\d)?\b"
            rf"|\b(?:{_MONTH_FULL})\s(?:1[89]|20)\d\d\b"
            r"|\b(?:1[89]|20)\d\d-\d\d-\d\d\b"
            rf"|\b(?:(?:last|next|this|early|late)\s)?(?:{_WEEKDAY})\b"
            r"|\b(?:yesterday|today|tomorrow)\b"
            r"|\b(?:last|next|this) (?:week|month|year|weekend|spring|summer|autumn|winter)\b"
            r"|\b(?:in|since) (?P<year>(?:1[89]|20)\d\d)\b"
            r"|\b(?:January|February|April|June|July|August|September|October|November|"
            r"December)\b)"
        ),
    ),
)


def value_mentions(text: str) -> list[Mention]:
    """Non-overlapping value mentions in text order (earlier patterns win overlaps)."""
    found: list[Mention] = []
    for label, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            group = "year" if label == "DATE" and m.group("year") else 0
            found.append(Mention(m.start(group), m.end(group), label))
    return remove_overlaps(found, len(text))


def remove_overlaps(mentions: list[Mention], length: int | None = None) -> list[Mention]:
    """Keep, in list order of priority, mentions that do not overlap an already kept one.

    Linear: an occupancy map of the text records the characters already taken.
    """
    size = length if length is not None else max((m.end for m in mentions), default=0)
    taken = bytearray(size)
    kept: list[Mention] = []
    for m in mentions:
        if m.end <= size and not any(taken[m.start : m.end]):
            kept.append(m)
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    kept.sort()
    return kept
