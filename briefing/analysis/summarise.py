"""Extractive summaries: the lead or a linear sentence score, a learned swap, no fragments.

Each sentence gets ``weights · features`` over briefing.analysis.summary_features (position,
length, centroid similarity, repeat of an earlier sentence, caption cues); the weights are
fitted by scripts/analysis/tune_summariser.py and shipped in resources/analysis/summary.json
with, per summary length, whether that learned score beat the lead under cross-validation.
Lengths where it did not use the lead: the first k non-fragment sentences. Lengths with a
swap model (briefing.analysis.summary_swaps, fitted by scripts/analysis/train_summary_swaps.py)
use the lead and make its one swap the model is confident about.
Fragments (captions, photo credits, "CLICK HERE" lines, 60+ word runs without a full stop)
are never chosen; nor is a sentence that mostly repeats one already chosen. Cost is linear in
text length.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import mul

from briefing.analysis.resources import summary_model
from briefing.analysis.summary_features import (
    FEATURE_NAMES,
    document_features,
    is_fragment,
    overlap,
)
from briefing.analysis.summary_swaps import REDUNDANT, best_swap
from briefing.analysis.tokens import TOKEN_RE, content_terms

SUMMARY_SIZES = {"headline": 1, "short": 3}
BRIEF_MIN, BRIEF_RATIO, BRIEF_MAX = 5, 0.2, 10


def brief_size(n_sentences: int) -> int:
    return min(BRIEF_MAX, max(BRIEF_MIN, round(n_sentences * BRIEF_RATIO)))


LEAD_WEIGHTS: tuple[float, ...] = tuple(
    1.0 if name == "pos_inv" else 0.0 for name in FEATURE_NAMES
)


def shipped_weights() -> dict[str, tuple[float, ...]]:
    """Per summary length, the weights to use (the learned ones or the lead's); a length with
    a swap model starts from the lead."""
    model = summary_model()
    learned = tuple(float(model["weights"].get(name, 0.0)) for name in FEATURE_NAMES)
    chosen = set(model.get("learned_lengths", [])) - set(model.get("swaps", {}))
    return {
        length: learned if length in chosen else LEAD_WEIGHTS
        for length in ("headline", "short", "brief")
    }


def _select(order: list[int], term_sets: list[frozenset[str]], k: int) -> tuple[int, ...]:
    """The best ``k`` of ``order`` skipping repeats; repeats only fill a summary that would
    otherwise be short (a text that says one thing many times)."""
    chosen: list[int] = []
    for i in order:
        if len(chosen) == k:
            break
        if all(overlap(term_sets[i], term_sets[j]) < REDUNDANT for j in chosen):
            chosen.append(i)
    if len(chosen) < k:
        taken = set(chosen)
        chosen += [i for i in order if i not in taken][: k - len(chosen)]
    return tuple(sorted(chosen))


def summarise(
    sentences: list[str],
    tokens: list[list[str]] | None = None,
    weights: Sequence[float] | None = None,
) -> dict[str, tuple[int, ...]]:
    """Sentence indices (article order) of the headline, short and brief summaries.

    ``tokens`` are each sentence's TOKEN_RE tokens when the caller already has them;
    ``weights`` (in FEATURE_NAMES order) for every length replace the shipped ones (and then
    no swap is made).
    """
    if not sentences:
        return {"headline": (), "short": (), "brief": ()}
    if tokens is None:
        tokens = [TOKEN_RE.findall(s) for s in sentences]
    per_length = shipped_weights() if weights is None else dict.fromkeys(
        ("headline", "short", "brief"), tuple(weights)
    )
    term_sets = [frozenset(content_terms(t)) for t in tokens]
    word_counts = [sum(1 for tok in t if tok[0].isalnum()) for t in tokens]
    rows = document_features(sentences, term_sets, word_counts)
    eligible = [i for i, s in enumerate(sentences) if not is_fragment(s, word_counts[i])]
    if not eligible:  # nothing but fragments: fall back to the lead
        eligible = list(range(len(sentences)))
    sizes = {**SUMMARY_SIZES, "brief": brief_size(len(sentences))}
    swaps = summary_model().get("swaps", {}) if weights is None else {}
    orders: dict[tuple[float, ...], list[int]] = {}
    vectors: dict[int, list[float]] = {}  # the swap model's sentence vectors, for every length
    out: dict[str, tuple[int, ...]] = {}
    for name, size in sizes.items():
        w = per_length[name]
        if w not in orders:
            if len(w) != len(rows[0]):
                raise ValueError(f"{len(w)} summary weights for {len(rows[0])} features")
            scores = [sum(map(mul, w, row)) for row in rows]
            orders[w] = sorted(eligible, key=lambda i: (-scores[i], i))
        out[name] = _select(orders[w], term_sets, size)
        if name in swaps:
            out[name] = best_swap(
                out[name], eligible, sentences, rows, term_sets, word_counts, swaps[name], vectors
            )
    return out
