"""Claim comparison inside a story cluster: the figures each article gives for the same
thing (same unit, same entities, similar wording), lined up, with disagreements flagged.

Figures are read in digits or words: "75%", "75 per cent", "three quarters", "a third",
"half", "400,000 households", "3.2 billion euros", "30 kilometers", "dozens of drones";
hedges ("about", "roughly", "more than") are kept with each figure.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from briefing.analysis.tokens import STOPWORDS, content_terms, guarded, stem, tokenize
from briefing.services.claim_pairs import MATCH_THRESHOLD, MEASURES, TOLERANCE, matched_pairs
from briefing.services.crossref_entities import LoadedArticle, load_articles, resolve_entities

if TYPE_CHECKING:
    from briefing.services.crossref_clusters import Cluster
    from briefing.services.library import Library

_UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%",
    "percentage point": "pp", "percentage points": "pp",
    "km": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "mile": "mile", "miles": "mile", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "euro": "EUR", "euros": "EUR", "€": "EUR", "dollar": "USD", "dollars": "USD", "$": "USD",
    "pound": "GBP", "pounds": "GBP", "£": "GBP",
}  # fmt: skip
_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "a thousand": 1000,
}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "mn": 1e6}  # fmt: skip
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6,
          "billions": 2e9}  # fmt: skip
_FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
    "two thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
    "three fourths": 75.0, "a fifth": 20.0, "one fifth": 20.0, "two fifths": 40.0,
    "three fifths": 60.0, "four fifths": 80.0, "a tenth": 10.0, "one tenth": 10.0,
}  # fmt: skip
_HEDGES = (
    "about", "around", "roughly", "approximately", "some", "nearly", "almost", "close to",
    "more than", "over", "at least", "less than", "under", "just under", "just over",
    "up to", "an estimated", "estimated",
)  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_WORD_NUMBER = _alternation(_SMALL)
_FIRST_LETTERS = "".join(sorted({w[0] for w in (*_HEDGES, *_FRACTIONS, *_VAGUE, *_SMALL)}))
_NUMBER_RE = guarded(  # a figure starts with a digit, a currency sign or one of those letters
    rf"\d$€£{_FIRST_LETTERS}",
    rf"(?P<hedge>\b(?:{_alternation(_HEDGES)})\s+)?"
    r"(?:"
    rf"(?P<fraction>\b(?:{_alternation(_FRACTIONS).replace(chr(92) + ' ', '[- ]')}))\b(?!-)"
    rf"|(?P<vague>\b(?:{_alternation(_VAGUE)}))\b"
    rf"|(?P<currency>[$€£])?(?P<digits>(?<![\w.,-])\d[\d,]*(?:\.\d+)?)(?![\d-])"
    rf"|(?P<words>\b(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?)\b(?!-)"
    r")"
    rf"(?:\s?(?P<scale>{_alternation(_SCALES)})\b)?"
    r"(?:\s?(?P<unit>%|percentage points?\b|per cent\b|percent\b|pct\b|"
    r"kilomet(?:er|re)s?\b|km\b|miles?\b|met(?:er|re)s?\b|euros?\b|dollars?\b|pounds\b))?",
)


def _trie(words: Iterable[str]) -> str:
    """A pattern for any of ``words`` factored by common prefixes ("t(?:en|h(?:ird|...))"):
    it matches where one of them starts, and fails at once elsewhere, unlike a flat
    alternation that tries each word in turn."""
    tails: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        tails.setdefault(word[0], []).append(word[1:])
    parts = []
    for head, ends in tails.items():
        rest = [end for end in ends if end]
        optional = "?" if len(rest) < len(ends) else ""
        parts.append(re.escape(head) + (f"(?:{_trie(rest)}){optional}" if rest else ""))
    return "|".join(parts)


_NUMBER_WORDS = {key.split()[-1] for key in (*_FRACTIONS, *_VAGUE, *_SMALL)}
_MAY_HOLD_RE = guarded(
    rf"\d{''.join(sorted({word[0] for word in _NUMBER_WORDS}))}",
    rf"\d|\b(?:{_trie(_NUMBER_WORDS)})",
)
r"""Found wherever ``_NUMBER_RE`` finds a figure, so a stretch without it holds none: every
match of that has a digit or a number word (the last word of a key of ``_FRACTIONS``,
``_VAGUE`` or ``_SMALL``) at a word start (behind its ``\b``, or behind the space or hyphen
between a key's words), and this looks for exactly those, with the same flags. Four to five
times cheaper than that on a sentence: it spares it the many sentences without a figure."""
_COUNTABLE = frozenset({"people", "years", "year", "time"})
_POINT_FRACTION_RE = re.compile(r"\s+of\s+an?\s+(?:percentage\s+)?point\b", re.IGNORECASE)
_NOUN_RE = re.compile(r"\s*(?:of\s+(?:the\s+)?)?([A-Za-z][A-Za-z-]+)")
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")


class Quantity(NamedTuple):
    """A figure in a text: its value, unit and hedge, at ``text[start:end]``."""

    start: int
    end: int
    value: float
    unit: str  # "%", "pp", "km", "EUR"..., else the counted noun's stem ("household")
    hedge: str | None
    vague: bool  # "dozens", "hundreds": an order of magnitude, not a figure


def _value(match: re.Match[str]) -> tuple[float, bool] | None:
    if match["fraction"]:
        return _FRACTIONS[" ".join(match["fraction"].lower().replace("-", " ").split())], False
    if match["vague"]:
        return float(_VAGUE[match["vague"].lower()]), True
    if match["digits"]:
        return float(match["digits"].replace(",", "")), False
    parts = re.split(r"[- ]", match["words"].lower())
    if " ".join(parts[:2]) in _SMALL:
        return float(_SMALL[" ".join(parts[:2])]), False
    return float(sum(_SMALL.get(p, 0) for p in parts)), False


def _unit(text: str, match: re.Match[str]) -> str | None:
    if match["fraction"]:
        return "%"
    if match["unit"]:
        return _UNITS.get(match["unit"].lower().rstrip("."), match["unit"].lower())
    if match["currency"]:
        return _UNITS[match["currency"]]
    noun = _NOUN_RE.match(text, match.end())
    if noun is None:
        return None
    word = noun.group(1).lower()
    if (word in STOPWORDS and word not in _COUNTABLE) or word in _SCALES:
        return None
    return stem(word.split("-")[0])


def _is_year_or_time(text: str, match: re.Match[str]) -> bool:
    if not match["digits"] or match["unit"] or match["currency"] or match["scale"]:
        return False
    if _YEAR_RE.match(match["digits"]):
        return True
    return re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|-\d)", text[match.end() :]) is not None


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """The figures in ``text[start:end]`` (years, times and scores are skipped)."""
    found: list[Quantity] = []
    stop = len(text) if end is None else end
    if _MAY_HOLD_RE.search(text, start, stop) is None:
        return found
    for match in _NUMBER_RE.finditer(text, start, stop):
        if _is_year_or_time(text, match):
            continue
        parsed = _value(match)
        unit = _unit(text, match)
        if parsed is None or unit is None:
            continue
        value, vague = parsed
        last = match.end()
        if match["scale"]:
            value *= _SCALES[match["scale"].lower()]
        if match["fraction"] and (point := _POINT_FRACTION_RE.match(text, last, stop)):
            value, unit, last = value / 100, "pp", point.end()  # "a quarter of a point"
        hedge = " ".join(match["hedge"].lower().split()) if match["hedge"] else None
        first = match.start("hedge") if match["hedge"] else match.start()
        found.append(Quantity(first, last, value, unit, hedge, vague))
    return found


@dataclass(frozen=True, slots=True)
class ClaimVersion:
    """How one article states the figure: its sentence, the figure's words and value."""

    article_id: int
    title: str
    sentence: str
    start: int  # the figure's span in the article text
    end: int
    figure: str  # e.g. "about 75%", "roughly three quarters"
    value: float
    hedge: str | None
    claim_kind: str | None  # the analysis claim kind covering it, if any


@dataclass(frozen=True, slots=True)
class ClaimComparison:
    """One figure as each article of a cluster gives it; ``differs`` flags disagreement."""

    entity: str | None  # the named entity the sentences share, if any
    unit: str
    versions: tuple[ClaimVersion, ...]  # one per article, in cluster order
    differs: bool
    unit_word: str = ""  # a counted noun as the first article writes it ("companies")

    @property
    def unit_label(self) -> str:
        """The unit for people: a whole word, never the stem ``unit`` is matched by."""
        return self.unit_word or self.unit

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(v.value for v in self.versions)


class _Figure(NamedTuple):
    doc_index: int
    quantity: Quantity
    sentence: tuple[int, int]
    terms: frozenset[str]  # content words of the sentence
    near: frozenset[str]  # content words within a few words of the figure
    entities: frozenset[str]  # canonical keys of the named entities in the sentence


_WINDOW = 6
_STOP_RE = re.compile(r"[^\sA-Za-z-]")
"""What the looks past a figure (its counted noun, "a.m.", "-1") cannot run through."""

_Read = list[tuple[Quantity, frozenset[str], frozenset[str]]]
"""A sentence's figures as read from its text: each with its sentence's terms and near terms."""


def _read_sentence(text: str, start: int, end: int) -> _Read:
    quantities = [q for q in find_quantities(text, start, end) if not q.vague]
    if not quantities:
        return []
    tokens = tokenize(text, start, end)
    units = {q.unit for q in quantities}
    terms = frozenset(content_terms([t.text for t in tokens])) - units
    read = []
    for quantity in quantities:
        before = [t.text for t in tokens if t.end <= quantity.start][-_WINDOW:]
        after = [t.text for t in tokens if t.start >= quantity.end][:_WINDOW]
        read.append((quantity, terms, frozenset(content_terms(before + after)) - units))
    return read


def _context(text: str, start: int, end: int) -> tuple[int, int, bool, str]:
    r"""All that :func:`_read_sentence` of ``text[start:end]`` depends on, with the offsets
    taken from the sentence start (equal contexts, equal readings moved by the start).

    Before the sentence, the patterns look one character back at most (a ``\b``, the
    digits' look-behind). After it, only the looks from a figure's end look on, through
    whitespace and letters: the counted noun (``_NOUN_RE``: spaces, "of the", a word of
    letters and hyphens) and the time check (spaces, then at most "a.m." and a boundary).
    So nothing past four characters after the first other character behind the sentence
    is read.
    """
    first = max(0, start - 1)
    stop = _STOP_RE.search(text, end)
    last = min(len(text), (stop.start() if stop else len(text)) + 4)
    return start - first, end - start, last == len(text), text[first:last]


def _figures(docs: list[LoadedArticle], keys: dict[tuple[int, str], str]) -> list[_Figure]:
    """Every figure of ``docs``; a sentence read once for every place it stands in the same
    context (copies of one wire story repeat most of theirs)."""
    figures: list[_Figure] = []
    readings: dict[tuple[int, int, bool, str], tuple[int, _Read]] = {}
    for index, doc in enumerate(docs):
        text = doc.article.text
        marks = sorted(
            (mention.start, keys[(doc.article.id, entity.id)])
            for entity in doc.analysis.entities
            if (doc.article.id, entity.id) in keys
            for mention in entity.mentions
        )  # the entities' mentions in text order, to find a sentence's by bisection
        starts = [start for start, _ in marks]
        for sentence in doc.analysis.sentences:
            context = _context(text, sentence.start, sentence.end)
            known = readings.get(context)
            if known is None:
                read = _read_sentence(text, sentence.start, sentence.end)
                known = readings[context] = (sentence.start, read)
            origin, read = known
            if not read:
                continue
            entities = frozenset(
                key
                for _, key in marks[
                    bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)
                ]
            )  # every entity with a mention starting in the sentence
            shift = sentence.start - origin
            for quantity, terms, near in read:
                if shift:
                    quantity = quantity._replace(start=quantity.start + shift,
                                                 end=quantity.end + shift)  # fmt: skip
                figures.append(_Figure(index, quantity, (sentence.start, sentence.end),
                                       terms, near, entities))  # fmt: skip
    return figures


def compare_claims(lib: Library, cluster: Cluster) -> list[ClaimComparison]:
    """The cluster's figures that several articles give for the same thing, side by side.

    Two figures are the same claim when they have the same unit, their sentences share a
    named entity and are worded alike; each article contributes at most one figure per
    claim. Disagreeing claims come first.
    """
    docs = load_articles(lib, cluster.article_ids)
    order = {article_id: n for n, article_id in enumerate(cluster.article_ids)}
    docs.sort(key=lambda d: order.get(d.article.id, len(order)))
    resolution = resolve_entities(docs)
    names = {entry.key: entry.name for entry in resolution.entries}
    figures = _figures(docs, resolution.keys)
    comparisons = [
        _comparison(docs, figures, sorted(group, key=lambda k: (figures[k].doc_index, k)),
                    names)
        for group in _claims(figures)
        if len(group) >= 2
    ]  # fmt: skip
    return sorted(
        comparisons,
        key=lambda c: (
            not c.differs,
            -len(c.versions),
            c.versions[0].article_id,
            c.versions[0].start,
        ),
    )


def _claims(figures: list[_Figure]) -> list[list[int]]:
    """The figures grouped into claims (single ones too): the most alike pairs joined first
    (:func:`briefing.services.claim_pairs.matched_pairs`), never two of one article."""
    group_of = list(range(len(figures)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(figures))}
    articles: dict[int, set[int]] = {i: {f.doc_index} for i, f in enumerate(figures)}
    for i, j in zip(*matched_pairs(figures, MATCH_THRESHOLD), strict=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not articles[gi].isdisjoint(articles[gj]):
            continue  # one figure per article in a claim
        moved = members.pop(gj)
        members[gi].extend(moved)
        articles[gi] |= articles.pop(gj)
        for k in moved:
            group_of[k] = gi
    return list(members.values())


def _comparison(
    docs: list[LoadedArticle], figures: list[_Figure], group: list[int], names: dict[str, str]
) -> ClaimComparison:
    versions = []
    shared = set(figures[group[0]].entities).intersection(*(figures[k].entities for k in group))
    for k in group:
        figure = figures[k]
        doc = docs[figure.doc_index]
        q = figure.quantity
        found = (*doc.analysis.claims, *doc.analysis.claim_candidates)  # shown or on request
        kind = next((c.kind for c in found if c.start <= q.start and q.end <= c.end), None)
        text = doc.article.text
        versions.append(ClaimVersion(
            article_id=doc.article.id, title=doc.article.title,
            sentence=text[figure.sentence[0]:figure.sentence[1]], start=q.start, end=q.end,
            figure=text[q.start:q.end], value=q.value, hedge=q.hedge, claim_kind=kind,
        ))  # fmt: skip
    labels = sorted(names.get(key) or key for key in shared)
    ranked = sorted(labels, key=lambda label: (-len(label.split()), label))
    first = figures[group[0]]
    return ClaimComparison(
        entity=ranked[0] if ranked else None,
        unit=first.quantity.unit,
        versions=tuple(versions),
        differs=not consistent(versions),
        unit_word=next((word for k in group if (word := _unit_word(
            docs[figures[k].doc_index].article.text, figures[k].quantity))), ""),
    )


def _unit_word(text: str, quantity: Quantity) -> str:
    """The counted noun after a figure as written ("companies"), or "" for a measure."""
    if quantity.unit in MEASURES or quantity.unit in _UNITS.values():
        return ""
    noun = _NOUN_RE.match(text, quantity.end)
    if noun is None:
        return ""
    word = noun.group(1).lower().split("-")[0]
    return word if stem(word) == quantity.unit else ""


_APPROXIMATE = frozenset({"about", "around", "roughly", "approximately", "some", "an estimated",
                          "estimated"})  # fmt: skip
_AT_LEAST = frozenset({"more than", "over", "at least", "just over"})
_AT_MOST = frozenset({"less than", "under", "up to", "just under"})
_JUST_UNDER = frozenset({"nearly", "almost", "close to"})
APPROXIMATE_SHARE = 0.025
"""How far from its value an "about" figure may be: "about 75%" allows 73.1-76.9."""
JUST_UNDER_SHARE = 0.1
"""How far under its value a "nearly" figure may be: "nearly 50" allows 45-50."""
_DECIMALS = re.compile(r"\d\.(\d+)")


def figure_range(version: ClaimVersion) -> tuple[float, float]:
    """The values a figure as written allows: its hedge ("about", "more than", "nearly")
    and its precision ("3.2 billion" is anything that rounds to it) widen the bare value."""
    value = version.value
    low = high = value
    decimals = _DECIMALS.search(version.figure)
    if decimals and value:
        written = float(re.sub(r"[^\d.]", "", decimals.group()))
        half = 0.5 * 10 ** -len(decimals.group(1)) * abs(value / written) if written else 0.0
        low, high = value - half * 0.999_999, value + half * 0.999_999  # rounding: half-open
    elif not version.hedge:  # a bare figure: as close as ``TOLERANCE`` counts as the same
        low, high = value - abs(value) * TOLERANCE / 2, value + abs(value) * TOLERANCE / 2
    hedge = version.hedge
    if hedge in _APPROXIMATE:
        spread = abs(value) * APPROXIMATE_SHARE
        low, high = min(low, value - spread), max(high, value + spread)
    elif hedge in _AT_LEAST:
        high = math.inf
    elif hedge in _AT_MOST:
        low = -math.inf
    elif hedge in _JUST_UNDER:
        low = min(low, value - abs(value) * JUST_UNDER_SHARE)
    return low, high


def consistent(versions: Iterable[ClaimVersion]) -> bool:
    """Whether one true value fits every version's :func:`figure_range` (then they agree)."""
    ranges = [figure_range(v) for v in versions]
    return max(low for low, _ in ranges) <= min(high for _, high in ranges)
