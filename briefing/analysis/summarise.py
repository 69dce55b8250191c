"""Extractive summaries: position-aware centroid scoring with MMR redundancy control.

Each sentence gets ``position prior + centroid similarity`` (the centroid is the document's
content-word frequency vector), minus a penalty for fragments; sentences are then picked
greedily, each pick penalised by its overlap with those already chosen (maximal marginal
relevance). Weights were tuned on CNN/DailyMail dev data (eval/quality.py). Cost is linear
in text length: MMR only considers the best ``_POOL`` candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from briefing.analysis.tokens import TOKEN_RE, content_terms

SUMMARY_SIZES = {"headline": 1, "short": 3}
BRIEF_MIN, BRIEF_RATIO, BRIEF_MAX = 5, 0.2, 10
_POOL = 24


@dataclass(frozen=True, slots=True)
class SummaryParams:
    position_weight: float = 1.0
    position_decay: float = 0.35
    centroid_weight: float = 0.4
    redundancy: float = 0.3
    min_terms: int = 5
    short_penalty: float = 0.5


DEFAULT_PARAMS = SummaryParams()


def brief_size(n_sentences: int) -> int:
    return min(BRIEF_MAX, max(BRIEF_MIN, round(n_sentences * BRIEF_RATIO)))


def _scores(term_sets: list[frozenset[str]], params: SummaryParams) -> list[float]:
    doc_tf: Counter[str] = Counter()
    for terms in term_sets:
        doc_tf.update(terms)
    weights = {t: math.log1p(c - 1) for t, c in doc_tf.items() if c > 1}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    centrality = [
        sum(weights.get(t, 0.0) for t in terms) / (math.sqrt(len(terms)) * norm) if terms else 0.0
        for terms in term_sets
    ]
    top = max(centrality, default=0.0) or 1.0
    scores = []
    for i, (terms, cent) in enumerate(zip(term_sets, centrality, strict=True)):
        score = params.position_weight / (1.0 + i) ** params.position_decay
        score += params.centroid_weight * cent / top
        if len(terms) < params.min_terms:
            score -= params.short_penalty
        scores.append(score)
    return scores


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _select(
    scores: list[float], term_sets: list[frozenset[str]], k: int, redundancy: float
) -> list[int]:
    pool = sorted(range(len(scores)), key=lambda i: -scores[i])[: max(_POOL, 3 * k)]
    chosen: list[int] = []
    while pool and len(chosen) < k:
        best = max(
            pool,
            key=lambda i: (
                scores[i]
                - redundancy
                * max((_overlap(term_sets[i], term_sets[j]) for j in chosen), default=0)
            ),
        )
        chosen.append(best)
        pool.remove(best)
    return sorted(chosen)


def summarise(
    sentences: list[str],
    params: SummaryParams = DEFAULT_PARAMS,
    tokens: list[list[str]] | None = None,
) -> dict[str, tuple[int, ...]]:
    """Sentence indices (article order) of the headline, short and brief summaries.

    ``tokens`` are each sentence's TOKEN_RE tokens when the caller already has them.
    """
    if not sentences:
        return {"headline": (), "short": (), "brief": ()}
    if tokens is None:
        tokens = [TOKEN_RE.findall(s) for s in sentences]
    term_sets = [frozenset(content_terms(t)) for t in tokens]
    scores = _scores(term_sets, params)
    sizes = {**SUMMARY_SIZES, "brief": brief_size(len(sentences))}
    return {
        name: tuple(_select(scores, term_sets, size, params.redundancy))
        for name, size in sizes.items()
    }
