"""Learned departures from the lead: swap one lead sentence for a later one when confident.

The lead (the first k non-fragment, non-repeating sentences) is a strong summary of news; the
summariser leaves it only through one *swap*: lead sentence ``j`` out, one of the next
``POOL`` eligible sentences ``m`` in. A linear model predicts each swap's ROUGE gain over the
lead from casing-independent cues of both sentences (position, length, centroid similarity,
repeats, quote-only and caption cues, overlap with the rest of the summary); the best swap is
made only when its predicted gain exceeds a threshold chosen by nested cross-validation
(scripts/analysis/train_summary_swaps.py, which writes the ``swaps`` section of
resources/analysis/summary.json with its cross-validated figures). Lengths without a fitted
model keep the lead. Cost: ``k × POOL`` dot products per summary.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from operator import mul
from typing import Any

from briefing.analysis.summary_features import overlap

POOL = 4
"""How many eligible sentences after the lead are candidates for a swap."""
REDUNDANT = 0.6
"""A sentence sharing this much of its content words with a chosen one is not chosen."""
_SAID = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»„"
SENTENCE_CUES = (
    "log_words",
    "opens_quote",
    "quote_only",
    "said",
    "early_colon",
    "redundancy",
    "overlap_first",
)


def _sentence_vector(
    i: int,
    others: Sequence[int],
    sentences: Sequence[str],
    rows: Sequence[Sequence[float]],
    term_sets: Sequence[frozenset[str]],
    word_counts: Sequence[int],
) -> list[float]:
    text = sentences[i].strip()
    opens = text[:1] in _QUOTES
    return [
        *rows[i],
        math.log1p(word_counts[i]),
        float(opens),
        float(opens and text.rstrip(".")[-1:] in _QUOTES),
        float(bool(_SAID.search(text))),
        float(":" in text[:40]),
        max((overlap(term_sets[i], term_sets[o]) for o in others), default=0.0),
        overlap(term_sets[i], term_sets[0]) if i else 1.0,
    ]


def swap_features(
    j: int,
    m: int,
    base: Sequence[int],
    sentences: Sequence[str],
    rows: Sequence[Sequence[float]],
    term_sets: Sequence[frozenset[str]],
    word_counts: Sequence[int],
) -> list[float]:
    """The feature vector of "lead sentence ``j`` out, sentence ``m`` in" for summary ``base``."""
    others = [i for i in base if i != j]
    args = (sentences, rows, term_sets, word_counts)
    return [
        *_sentence_vector(j, others, *args),
        *_sentence_vector(m, others, *args),
        float(m - j),
        float(base.index(j) == len(base) - 1),
    ]


def candidate_swaps(
    base: Sequence[int],
    eligible: Sequence[int],
    word_counts: Sequence[int],
    term_sets: Sequence[frozenset[str]],
    max_growth: int | None,
) -> list[tuple[int, int]]:
    """(out, in) pairs: every lead sentence against each of the next POOL eligible ones,
    never bringing in a sentence more than ``max_growth`` words longer than the one it
    replaces (the summary must not win by growing) nor one repeating the rest of it."""
    if not base:
        return []
    last = max(base)
    pool = [m for m in eligible if m > last][:POOL]
    return [
        (j, m)
        for j in base
        for m in pool
        if (max_growth is None or word_counts[m] <= word_counts[j] + max_growth)
        and all(overlap(term_sets[m], term_sets[o]) < REDUNDANT for o in base if o != j)
    ]


def predicted_gains(
    pairs: Sequence[tuple[int, int]],
    base: Sequence[int],
    sentences: Sequence[str],
    rows: Sequence[Sequence[float]],
    term_sets: Sequence[frozenset[str]],
    word_counts: Sequence[int],
    model: Mapping[str, Any],
    vectors: dict[int, list[float]] | None = None,
) -> list[float]:
    """``intercept + coef · swap_features(j, m)`` per pair, each sentence's part computed once
    (only the overlap with the rest of the summary depends on the pair). ``vectors``: each
    sentence's vector without others, kept between calls on the same text (e.g. one per
    summary length)."""
    coef = model["coef"]
    width = (len(coef) - 2) // 2
    red = width - len(SENTENCE_CUES) + SENTENCE_CUES.index("redundancy")
    args = (sentences, rows, term_sets, word_counts)
    part: dict[tuple[int, int], float] = {}
    vectors = {} if vectors is None else vectors
    halves = (coef[:width], coef[width : 2 * width])

    def dot(half: int, i: int) -> float:
        if (half, i) not in part:
            vec = vectors.get(i)
            if vec is None:  # with no "others" the overlap cue is 0
                vec = vectors[i] = _sentence_vector(i, (), *args)
            part[half, i] = sum(map(mul, halves[half], vec))
        return part[half, i]

    sims: dict[tuple[int, int], float] = {}
    reds: dict[tuple[int, int], float] = {}

    def redundancy(i: int, j: int) -> float:
        """Sentence ``i``'s largest overlap with the summary without ``j`` (once per pair)."""
        found = reds.get((i, j))
        if found is None:
            for o in base:
                if o != j and (i, o) not in sims:
                    sims[i, o] = overlap(term_sets[i], term_sets[o])
            found = reds[i, j] = max((sims[i, o] for o in base if o != j), default=0.0)
        return found

    gains = []
    for j, m in pairs:
        gains.append(
            model["intercept"]
            + dot(0, j)
            + coef[red] * redundancy(j, j)
            + dot(1, m)
            + coef[width + red] * redundancy(m, j)
            + coef[2 * width] * (m - j)
            + coef[2 * width + 1] * float(j == base[-1])
        )
    return gains


def best_swap(
    base: tuple[int, ...],
    eligible: Sequence[int],
    sentences: Sequence[str],
    rows: Sequence[Sequence[float]],
    term_sets: Sequence[frozenset[str]],
    word_counts: Sequence[int],
    model: Mapping[str, Any],
    vectors: dict[int, list[float]] | None = None,
) -> tuple[int, ...]:
    """``base`` with its most promising swap made, or ``base`` when none is confident
    (``vectors`` as for :func:`predicted_gains`)."""
    pairs = candidate_swaps(base, eligible, word_counts, term_sets, model.get("max_growth"))
    gains = predicted_gains(pairs, base, sentences, rows, term_sets, word_counts, model, vectors)
    best: tuple[float, tuple[int, int] | None] = (float(model["threshold"]), None)
    for pair, gain in zip(pairs, gains, strict=True):
        if gain > best[0]:
            best = (gain, pair)
    if best[1] is None:
        return base
    j, m = best[1]
    return tuple(sorted([i for i in base if i != j] + [m]))
