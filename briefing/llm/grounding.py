"""Grounding check: is each sentence of a generated text backed by the source article?

Pure functions. A generated sentence is matched to the source sentences that best cover its
content words (light stemming, weighted by rarity in the source), and its numbers and
capitalised names are looked up in the whole source; anything not found is flagged.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources

from briefing.domain.span import Span

SUPPORT_THRESHOLD = 0.4
"""Minimum weighted share of a sentence's content words found in its source sentences
(tuned on CNN/DM highlights, see tests/unit/llm/eval_grounding.py)."""
MAX_SOURCES = 3
MIN_GAIN = 0.1

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_TOKEN = re.compile(rf"{_WORD.pattern}|{_NUMBER.pattern}")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]’”]*(?=\s)|\n+")
# fmt: off
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n",
})
# "one" is left out: it is too often a pronoun to count as a number.
_NUMBER_WORDS = {
    "zero": "0", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
    "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
}
# fmt: on
_SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "k": 1000,
    "million": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}  # fmt: skip
_QUANTITY = re.compile(
    rf"(?<![\w.])({_NUMBER.pattern}|(?:{'|'.join(_NUMBER_WORDS)})\b)"
    rf"(?:\s?({'|'.join(_SCALES)})\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class GroundedSentence:
    """One generated sentence; ``sources`` are source-sentence indices, best match first."""

    text: str
    supported: bool
    score: float
    sources: tuple[int, ...]
    unsupported_numbers: tuple[str, ...]
    unsupported_names: tuple[str, ...]
    span: Span  # where the sentence sits in the generated text


@dataclass(frozen=True, slots=True)
class GroundingReport:
    sentences: tuple[GroundedSentence, ...]

    @property
    def supported_share(self) -> float:
        """Share of generated sentences judged supported (1.0 for an empty text)."""
        if not self.sentences:
            return 1.0
        return sum(s.supported for s in self.sentences) / len(self.sentences)

    @property
    def unsupported(self) -> tuple[GroundedSentence, ...]:
        return tuple(s for s in self.sentences if not s.supported)


def ground(
    generated: str,
    source_text: str,
    sentences: Sequence[Span],
    *,
    threshold: float = SUPPORT_THRESHOLD,
) -> GroundingReport:
    """Check every sentence of ``generated`` against ``source_text`` split at ``sentences``."""
    source = _SourceIndex(source_text, sentences)
    checked = [
        _check(generated[span.start : span.end], span, source, threshold)
        for span in split_sentences(generated)
    ]
    return GroundingReport(tuple(checked))


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of a (generated, plain) text: ends at . ! ? before a space, or a line
    break, except after common abbreviations and single initials."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        _add_span(text, start, match.end(), spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"[\w.]*$", text[:dot])
    token = word.group().lower() if word else ""
    return (len(token) == 1 and token.isalpha()) or token in _ABBREVIATIONS


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(c.isalnum() for c in text[start:end]):
        spans.append(Span(start, end))


class _SourceIndex:
    """Per-sentence stems of the source, their rarity, and the source's numbers and words."""

    def __init__(self, text: str, sentences: Sequence[Span]) -> None:
        spans = list(sentences) or [Span(0, len(text))]
        self.stems = [content_stems(text[s.start : s.end]) for s in spans]
        counts = Counter(stem for stems in self.stems for stem in stems)
        n = len(self.stems)
        self.idf = {stem: math.log((n + 1) / (df + 0.5)) for stem, df in counts.items()}
        self.unseen_idf = math.log((n + 1) / 0.5)
        normal = _normalise(text)
        self.numbers: set[str] = set()
        for _shown, value, bare in quantities(normal):
            self.numbers |= {value, bare}
        self.all_stems: set[str] = set()
        for word in _WORD.findall(normal):
            self.all_stems.add(stem(word.lower()))

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.unseen_idf)


def _check(text: str, span: Span, source: _SourceIndex, threshold: float) -> GroundedSentence:
    stems = content_stems(text)
    total = sum(source.weight(t) for t in stems)
    covered: set[str] = set()
    chosen: list[int] = []
    while len(chosen) < MAX_SOURCES and total > 0:
        best, gain = -1, 0.0
        for index, candidate in enumerate(source.stems):
            if index in chosen:
                continue
            new = sum(source.weight(t) for t in (stems & candidate) - covered)
            if new > gain:
                best, gain = index, new
        if best < 0 or (chosen and gain < MIN_GAIN * total):
            break
        chosen.append(best)
        covered |= stems & source.stems[best]
    score = sum(source.weight(t) for t in covered) / total if total else 0.0
    numbers = _unsupported_numbers(text, source)
    names = _unsupported_names(text, source)
    supported = score >= threshold and not numbers and not names
    return GroundedSentence(text, supported, round(score, 4), tuple(chosen), numbers, names, span)


def _unsupported_numbers(text: str, source: _SourceIndex) -> tuple[str, ...]:
    normal = _normalise(text)
    found = [(shown, value) for shown, value, _bare in quantities(normal)]
    missing = [shown for shown, value in found if value not in source.numbers]
    return tuple(dict.fromkeys(missing))


def _unsupported_names(text: str, source: _SourceIndex) -> tuple[str, ...]:
    """Runs of capitalised words using a word the source never uses (in any case). A lone
    capitalised word opening the sentence is not taken for a name."""
    missing = [
        " ".join(run)
        for run, opens_sentence in _name_runs(_normalise(text))
        if not (opens_sentence and len(run) == 1)
        and any(stem(w.lower()) not in source.all_stems for w in run)
    ]
    return tuple(dict.fromkeys(missing))


def _name_runs(text: str) -> list[tuple[list[str], bool]]:
    """Capitalised words separated by single spaces, and whether each run opens ``text``."""
    runs: list[tuple[list[str], bool]] = []
    run: list[str] = []
    opens = False
    previous_end = -1
    for index, match in enumerate(_TOKEN.finditer(text)):
        word = _strip_possessive(match.group())
        lower = word.lower()
        is_name = (
            word[:1].isupper()
            and len(word) > 1
            and lower not in _stopwords()
            and lower not in _NUMBER_WORDS
        )
        if is_name and run and text[previous_end : match.start()] == " ":
            run.append(word)
        else:
            if run:
                runs.append((run, opens))
            run, opens = ([word], index == 0) if is_name else ([], False)
        previous_end = match.end()
    if run:
        runs.append((run, opens))
    return runs


def content_stems(text: str) -> set[str]:
    """Stems of the content words of ``text`` plus its numbers (prefixed with '#')."""
    normal = _normalise(text)
    stems = {
        stem(w)
        for w in (_strip_possessive(w).lower() for w in _WORD.findall(normal))
        if len(w) > 1 and w not in _stopwords() and w not in _NUMBER_WORDS and w not in _SCALES
    }
    stems |= {"#" + value for _shown, value, _bare in quantities(normal)}
    return stems


def stem(word: str) -> str:
    """A light suffix stripper: the same word forms must meet, not produce real roots."""
    for suffix, replacement, keep in (
        ("ies", "y", 3),
        ("sses", "ss", 2),
        ("ing", "", 3),
        ("ed", "", 3),
        ("es", "", 4),
        ("ly", "", 4),
        ("s", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # running -> runn -> run
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]  # approve / approved / approving meet at "approv"
    return word


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "'"):
        if word.lower().endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def quantities(text: str) -> list[tuple[str, str, str]]:
    """Numbers in ``text`` as (as written, value with its scale, value without it):
    "3,000" -> 3000; "three thousand" -> 3000; "£2.5bn" -> 2500000000 (bare 2.5)."""
    found = []
    for match in _QUANTITY.finditer(text):
        raw, scale = match.group(1), (match.group(2) or "").lower()
        number = _NUMBER_WORDS.get(raw.lower()) or _plain_number(raw)
        try:
            bare = Decimal(number)
        except InvalidOperation:
            continue
        value = bare * _SCALES.get(scale, 1)
        found.append((match.group().strip(), _canonical(value), _canonical(bare)))
    return found


def _plain_number(raw: str) -> str:
    return raw.replace(",", "") if _THOUSANDS.match(raw) else raw.replace(",", ".")


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")


@functools.cache
def _stopwords() -> frozenset[str]:
    source = resources.files("briefing.resources") / "llm" / "grounding_stopwords.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
