"""Extractive summaries: a linear sentence score, fragments never chosen, no repeats.

Each sentence gets ``weights · features`` over briefing.analysis.summary_features (position,
length, centroid similarity, repeat of an earlier sentence, caption cues); the weights are
fitted by scripts/analysis/tune_summariser.py and shipped in resources/analysis/summary.json
with, per summary length, whether that learned score beat the lead under cross-validation.
Lengths where it did not use the lead: the first k non-fragment sentences.
Fragments (captions, photo credits, "CLICK HERE" lines, 60+ word runs without a full stop)
are never chosen; nor is a sentence that mostly repeats one already chosen. Cost is linear in
text length.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.analysis.resources import summary_model
from briefing.analysis.summary_features import FEATURE_NAMES, document_features, is_fragment
from briefing.analysis.tokens import TOKEN_RE, content_terms

SUMMARY_SIZES = {"headline": 1, "short": 3}
BRIEF_MIN, BRIEF_RATIO, BRIEF_MAX = 5, 0.2, 10
REDUNDANT = 0.6
"""A sentence sharing this much of its content words with a chosen one is not chosen."""


def brief_size(n_sentences: int) -> int:
    return min(BRIEF_MAX, max(BRIEF_MIN, round(n_sentences * BRIEF_RATIO)))


LEAD_WEIGHTS: tuple[float, ...] = tuple(
    1.0 if name == "pos_inv" else 0.0 for name in FEATURE_NAMES
)


def shipped_weights() -> dict[str, tuple[float, ...]]:
    """Per summary length, the weights to use (the learned ones or the lead's)."""
    model = summary_model()
    learned = tuple(float(model["weights"].get(name, 0.0)) for name in FEATURE_NAMES)
    chosen = model.get("learned_lengths", [])
    return {
        length: learned if length in chosen else LEAD_WEIGHTS
        for length in ("headline", "short", "brief")
    }


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


def _select(order: list[int], term_sets: list[frozenset[str]], k: int) -> tuple[int, ...]:
    """The best ``k`` of ``order`` skipping repeats; repeats only fill a summary that would
    otherwise be short (a text that says one thing many times)."""
    chosen: list[int] = []
    for i in order:
        if len(chosen) == k:
            break
        if all(_overlap(term_sets[i], term_sets[j]) < REDUNDANT for j in chosen):
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
    ``weights`` (in FEATURE_NAMES order) for every length replace the shipped ones.
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
    orders: dict[tuple[float, ...], list[int]] = {}
    out: dict[str, tuple[int, ...]] = {}
    for name, size in sizes.items():
        w = per_length[name]
        if w not in orders:
            scores = [sum(a * b for a, b in zip(w, row, strict=True)) for row in rows]
            orders[w] = sorted(eligible, key=lambda i: (-scores[i], i))
        out[name] = _select(orders[w], term_sets, size)
    return out
