"""Which figures of a story state the same thing: the likeness of every candidate pair
(figures of one unit from different articles), scored per unit in numpy, and the pairs alike
enough to be compared, best first.

A pair's likeness mixes how alike the two sentences' content words, the words near the two
figures and the sentences' named entities are (each the mean of Jaccard and the overlap
coefficient), with a bonus for a counted thing and one for equal values. The set sizes and
intersections are counted exactly (incidence matrices multiplied), and every float is then
made by the same IEEE operations in the same order as the pure-Python formula would make it
(``(common / union + common / smaller) / 2``, ``0.35 * a + 0.25 * b + 0.25 * c``, the
bonuses added one after the other), so scores, ties and the threshold fall exactly as they
would one pair at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

MATCH_THRESHOLD = 0.3
"""How alike two sentences' wording and entities must be for their figures to be compared."""
TOLERANCE = 0.005
"""Relative difference under which two figures count as the same."""
MEASURES = frozenset({"%", "pp", "km", "mile", "m", "EUR", "USD", "GBP"})
"""Units that are measures; any other unit is a counted thing ("households")."""

_Floats = npt.NDArray[np.float64]
_Ints = npt.NDArray[np.intp]


class _Quantity(Protocol):
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...


class Scorable(Protocol):
    """What the scoring reads of a figure (``crossref_claims._Figure`` has it)."""

    @property
    def doc_index(self) -> int: ...
    @property
    def quantity(self) -> _Quantity: ...
    @property
    def terms(self) -> frozenset[str]: ...
    @property
    def near(self) -> frozenset[str]: ...
    @property
    def entities(self) -> frozenset[str]: ...


def matched_pairs(
    figures: Sequence[Scorable], threshold: float = MATCH_THRESHOLD
) -> tuple[list[int], list[int]]:
    """The pairs ``(i, j)``, ``i < j``, of figures with the same unit from different
    articles whose likeness is at least ``threshold``: most alike first, then by ``i``, then
    by ``j``; as the list of the ``i`` and the list of the ``j`` (hundreds of thousands of
    pairs: tuples of them would keep the garbage collector busy)."""
    by_unit: dict[str, list[int]] = {}
    for k, figure in enumerate(figures):
        by_unit.setdefault(figure.quantity.unit, []).append(k)
    scores: list[_Floats] = []
    firsts: list[_Ints] = []
    seconds: list[_Ints] = []
    for unit, members in by_unit.items():
        if len(members) < 2:
            continue
        group = [figures[k] for k in members]
        score, i, j = _unit_pairs(group, counted=unit not in MEASURES)
        keep = score >= threshold
        index = np.asarray(members, dtype=np.intp)
        scores.append(score[keep])
        firsts.append(index[i[keep]])
        seconds.append(index[j[keep]])
    if not scores:
        return [], []
    score, first, second = np.concatenate(scores), np.concatenate(firsts), np.concatenate(seconds)
    order = np.lexsort((second, first, -score))
    return first[order].tolist(), second[order].tolist()


def _unit_pairs(group: Sequence[Scorable], *, counted: bool) -> tuple[_Floats, _Ints, _Ints]:
    """Likeness of every pair of ``group`` (one unit) from different articles, and the
    pairs' positions ``i < j`` in ``group``, in row order."""
    docs = np.fromiter((f.doc_index for f in group), dtype=np.intp, count=len(group))
    i, j = np.triu_indices(len(group), 1)
    apart = docs[i] != docs[j]
    i, j = i[apart], j[apart]
    score = 0.35 * _overlaps([f.terms for f in group], i, j)
    score = score + 0.25 * _overlaps([f.near for f in group], i, j)
    score = score + 0.25 * _overlaps([f.entities for f in group], i, j)
    if counted:
        score = score + 0.15  # the same counted thing ("households") is itself evidence
    values = np.fromiter((f.quantity.value for f in group), dtype=np.float64, count=len(group))
    same = _same(values[i], values[j])
    score = np.where(same, score + 0.05, score)  # prefer the matching one of equal wordings
    return score, i, j


def _overlaps(sets: Sequence[frozenset[str]], i: _Ints, j: _Ints) -> _Floats:
    """Mean of Jaccard and the overlap coefficient of ``sets[i]`` and ``sets[j]`` for each
    pair; 0 when either set is empty. Equal sets are counted once (the figures of a sentence
    share its terms, copies of a story share most sentences)."""
    distinct: dict[frozenset[str], int] = {}
    row = np.fromiter((distinct.setdefault(s, len(distinct)) for s in sets), dtype=np.intp,
                      count=len(sets))  # fmt: skip
    vocabulary = {term: k for k, term in enumerate(frozenset().union(*distinct))}
    if not vocabulary:
        return np.zeros(len(i), dtype=np.float64)
    sizes = np.fromiter(map(len, distinct), dtype=np.intp, count=len(distinct))
    incidence = np.zeros((len(distinct), len(vocabulary)), dtype=np.float32)
    incidence[np.repeat(np.arange(len(distinct)), sizes),
              [vocabulary[term] for terms in distinct for term in terms]] = 1  # fmt: skip
    a, b = row[i], row[j]
    common = (incidence @ incidence.T)[a, b].astype(np.float64)  # exact: small whole numbers
    x, y = sizes[a].astype(np.float64), sizes[b].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        overlap = (common / (x + y - common) + common / np.minimum(x, y)) / 2
    return np.where((x == 0) | (y == 0), 0.0, overlap)


def _same(a: _Floats, b: _Floats) -> npt.NDArray[np.bool_]:
    """Whether each pair of values counts as the same (within ``TOLERANCE``)."""
    low, high = np.minimum(a, b), np.maximum(a, b)
    with np.errstate(invalid="ignore"):
        return high - low <= TOLERANCE * np.maximum(np.maximum(np.abs(high), np.abs(low)), 1e-9)
