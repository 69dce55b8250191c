"""Quote search in a text: exact occurrences and bounded fuzzy matches, scored by context.

Scoring follows the idea of the Hypothesis client's anchoring: a candidate's quote
similarity, how well the stored prefix and suffix match the text around it, and how close
it lies to where the annotation was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from briefing.domain.span import CONTEXT_CHARS, Selector

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50.0, 20.0, 20.0, 2.0
MIN_FUZZY_QUOTE = 4
"""Quotes shorter than this are only ever matched exactly."""
MAX_ERRORS_CAP = 256
MIN_FUZZY_SCORE = 0.7
"""A fuzzy match's weighted score (0..1) must reach this to be accepted."""
MIN_CONTEXT_SUPPORT = 0.5
"""... and the mean of its prefix and suffix similarity must reach this."""


def max_errors(quote: str) -> int:
    """The edit-distance bound: a fuzzy match differs from the quote by at most this much."""
    return min(MAX_ERRORS_CAP, len(quote) // 2)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    errors: int
    prefix_score: float
    suffix_score: float
    position_score: float
    quote_score: float

    @property
    def context(self) -> float:
        return (self.prefix_score + self.suffix_score) / 2

    @property
    def score(self) -> float:
        total = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
        return (
            QUOTE_WEIGHT * self.quote_score
            + PREFIX_WEIGHT * self.prefix_score
            + SUFFIX_WEIGHT * self.suffix_score
            + POSITION_WEIGHT * self.position_score
        ) / total


def _context_windows(selector: Selector) -> tuple[int, int]:
    """How many chars before/after a candidate to compare with the stored prefix/suffix.

    Selectors made with our convention store CONTEXT_CHARS either side, fewer only at the
    text's edges; then the full window is compared, so that "at the edge" is evidence too.
    Selectors from elsewhere are compared over the length they store.
    """
    plen, slen = len(selector.prefix), len(selector.suffix)
    if CONTEXT_CHARS in (plen, slen) or selector.start == plen:
        return CONTEXT_CHARS, CONTEXT_CHARS
    return plen, slen


def score_candidate(
    selector: Selector, text: str, start: int, end: int, errors: int, expected: int
) -> Candidate:
    """Score ``text[start:end]`` as the new place of ``selector``'s quote."""
    plen, slen = _context_windows(selector)
    new_prefix = text[max(0, start - plen) : start]
    new_suffix = text[end : end + slen]
    return Candidate(
        start=start,
        end=end,
        errors=errors,
        prefix_score=Levenshtein.normalized_similarity(selector.prefix, new_prefix),
        suffix_score=Levenshtein.normalized_similarity(selector.suffix, new_suffix),
        position_score=1.0 - min(1.0, abs(start - expected) / max(1, len(text))),
        quote_score=1.0 - errors / max(1, len(selector.exact)),
    )


def exact_occurrences(text: str, quote: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Start indices of every occurrence of ``quote`` inside ``text[lo:hi]``."""
    hi = len(text) if hi is None else hi
    found: list[int] = []
    at = text.find(quote, lo, hi)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1, hi)
    return found


def best_exact(selector: Selector, text: str, expected: int) -> Candidate | None:
    """The occurrence of the quote with the best context, then nearest to ``expected``."""
    quote = selector.exact
    if not quote:
        return None
    candidates = [
        score_candidate(selector, text, at, at + len(quote), 0, expected)
        for at in exact_occurrences(text, quote)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (-round(c.context, 3), abs(c.start - expected)))


def _myers_ends(pattern: str, text: str, k: int) -> list[tuple[int, int]]:
    """(end, errors) for every end index where some substring of ``text`` is within ``k``
    edits of ``pattern`` (Myers' bit-parallel approximate matching, free start)."""
    m = len(pattern)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    pv, mv, score = mask, 0, m
    out: list[tuple[int, int]] = []
    for j, ch in enumerate(text):
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= k:
            out.append((j + 1, score))
    return out


def _best_start(pattern: str, text: str, end: int, errors: int, lo: int) -> tuple[int, int]:
    """(start >= lo, edits) with the fewest edits for a match ending at ``end``."""
    m = len(pattern)
    best: tuple[int, int] | None = None
    best_key: tuple[int, int] | None = None
    for start in range(max(lo, end - m - errors), min(end, max(lo, end - m + errors)) + 1):
        dist = Levenshtein.distance(pattern, text[start:end], score_cutoff=errors + 1)
        key = (dist, abs((end - start) - m))
        if best_key is None or key < best_key:
            best, best_key = (start, dist), key
    return best if best is not None else (end, m)


def fuzzy_candidates(
    selector: Selector, text: str, expected: int, windows: list[tuple[int, int]]
) -> list[Candidate]:
    """Scored fuzzy matches of the quote within each ``[lo, hi)`` window of ``text``."""
    quote = selector.exact
    if len(quote) < MIN_FUZZY_QUOTE:
        return []
    k = max_errors(quote)
    found: list[Candidate] = []
    for lo, hi in windows:
        ends = _myers_ends(quote, text[lo:hi], k)
        # Keep the best end of each run of consecutive matching ends.
        runs: list[tuple[int, int]] = []
        previous = -2
        for end, err in ends:
            if end == previous + 1 and runs:
                if err < runs[-1][1]:
                    runs[-1] = (end, err)
            else:
                runs.append((end, err))
            previous = end
        for end, err in runs:
            start, dist = _best_start(quote, text, lo + end, err, lo)
            if dist <= k:
                found.append(score_candidate(selector, text, start, lo + end, dist, expected))
    return found


def accept_fuzzy(candidates: list[Candidate]) -> Candidate | None:
    """The best-scoring candidate that the bound, the score and its context all allow."""
    good = [
        c for c in candidates if c.score >= MIN_FUZZY_SCORE and c.context >= MIN_CONTEXT_SUPPORT
    ]
    return max(good, key=lambda c: (c.score, -c.start), default=None)


_QUOTE_CLASSES = {
    **dict.fromkeys("'‘’‚‛ʼ′`´", "['‘’‚‛ʼ′`´]"),
    **dict.fromkeys('"“”„‟«»″', '["“”„‟«»″]'),
}


def _quote_pattern(quote: str) -> str:
    """A regular expression for ``quote`` in which runs of white space match any white
    space and each quote mark matches any of its straight or curly forms."""
    import re

    words = []
    for word in quote.split():
        words.append("".join(_QUOTE_CLASSES.get(ch) or re.escape(ch) for ch in word))
    return r"\s+".join(words)


def find_typed_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote the user typed occurs in ``text``, trying in order: exactly; with any
    white space and any form of quote marks (' for ’, " for “) in the same case; the same
    ignoring case. The first occurrence of the first kind that matches wins, so a same-case
    occurrence with curly quote marks beats a lower-case one earlier in the text."""
    import re

    quote = quote.strip()
    if not quote:
        return None
    index = text.find(quote)
    if index >= 0:
        return index, index + len(quote)
    pattern = _quote_pattern(quote)
    for flags in (0, re.IGNORECASE):
        match = re.search(pattern, text, flags)
        if match:
            return match.start(), match.end()
    return None
