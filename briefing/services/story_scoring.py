"""Vectorised story similarity: one article against a batch of others in a few numpy
operations instead of one Python dot product per pair (placement compares about 14 pairs
per article, 1.4 million at 100,000 articles).

Each article's three unit vectors (entities, whole text, headline + lead; made by
:func:`briefing.services.story_features.vectors`) become one array of term ids and one of
weights. Scoring scatters the article's weights, each times its family's weight, into a dense
buffer indexed by term id, gathers the others' terms from it and sums per article: the
weighted cosines of :func:`briefing.services.story_features.similarity`, then its subject
penalty and date rule per pair. Pure computation: no SQL, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from briefing.services import story_features as sf
from briefing.services.crossref_clusters import DATE_WINDOW_DAYS

_FAMILIES = ("e:", "t:", "l:")


@dataclass(frozen=True, slots=True)
class Packed:
    """One article's vectors as arrays: term ids, unit weights, the same times the family's
    weight, and where its whole-text terms are (``text`` slice)."""

    ids: npt.NDArray[np.int64]
    unit: npt.NDArray[np.float64]
    weighted: npt.NDArray[np.float64]
    text: slice
    source: tuple[dict[str, float], ...] | None  # the vectors these were made from


class UnknownTerm(KeyError):
    """A scorer whose term ids are fixed met a term outside them."""


class Scorer:
    """Scores articles in batches; term ids are given on first sight (per scorer), after
    those of the ``terms`` it is made with (prefixed terms, ids 0, 1, … in their order:
    scorers in several processes made with the same terms give the same ids). A ``fixed``
    scorer gives no new ids: an unknown term raises :class:`UnknownTerm`."""

    __slots__ = ("_dense", "_fixed", "_ids", "_next")

    def __init__(self, terms: Iterable[str] = (), *, fixed: bool = False) -> None:
        self._ids: dict[str, dict[str, int]] = {prefix: {} for prefix in _FAMILIES}
        self._next = 0
        for term in terms:
            table = self._ids.get(term[:2])
            if table is not None:
                table[term[2:]] = self._next
                self._next += 1
        self._fixed = fixed
        self._dense = np.zeros(max(1 << 16, self._next))

    def pack(self, features: sf.Features, rarity: sf.Rarity) -> Packed:
        """The article's arrays (cached on ``features`` beside its vectors: resetting
        ``features.vectors`` makes both again)."""
        cached = features.packed
        if isinstance(cached, Packed) and cached.source is features.vectors:
            return cached
        vectors = sf.vectors(features, rarity)  # the unit vectors and the lead's subject
        ids: list[int] = []
        unit: list[float] = []
        weighted: list[float] = []
        text = slice(0, 0)
        for prefix, weight, vector in zip(_FAMILIES, sf.WEIGHTS, vectors, strict=True):
            table = self._ids[prefix]
            start = len(ids)
            for term in vector:
                if term not in table:
                    if self._fixed:
                        raise UnknownTerm(prefix + term)
                    table[term] = self._next
                    self._next += 1
            ids.extend(map(table.__getitem__, vector))
            values = list(vector.values())
            unit.extend(values)
            weighted.extend([weight * v for v in values])
            if prefix == "t:":
                text = slice(start, len(ids))
        if self._next > len(self._dense):
            grown = np.zeros(max(self._next, 2 * len(self._dense)))
            grown[: len(self._dense)] = self._dense
            self._dense = grown
        packed = Packed(np.array(ids, dtype=np.int64), np.array(unit), np.array(weighted), text,
                        vectors)
        features.packed = packed
        return packed

    def _dots(self, ids: npt.NDArray[np.int64], weights: npt.NDArray[np.float64],
              others: Sequence[sf.Features], rarity: sf.Rarity) -> list[float]:  # fmt: skip
        """Dot products of one sparse vector (``ids``, ``weights``) with each of ``others``'
        unit vectors (all three families)."""
        if not others:
            return []
        packs: list[Packed] = []
        for other in others:  # the cached arrays read here: a call each would cost more
            cached = other.packed
            if isinstance(cached, Packed) and cached.source is other.vectors:
                packs.append(cached)
            else:
                packs.append(self.pack(other, rarity))
        dense = self._dense
        dense[ids] = weights
        try:
            lengths = [len(p.ids) for p in packs]
            gathered = dense[np.concatenate([p.ids for p in packs])]
            products = gathered * np.concatenate([p.unit for p in packs])
            owner = np.repeat(np.arange(len(packs)), lengths)
            sums = np.bincount(owner, weights=products, minlength=len(packs))
        finally:
            dense[ids] = 0.0
        return [float(s) for s in sums]

    def similarities(self, article: sf.Features, others: Sequence[sf.Features],
                     rarity: sf.Rarity) -> list[float]:  # fmt: skip
        """:func:`briefing.services.story_features.similarity` of ``article`` with each of
        ``others`` (equal up to rounding)."""
        packed = self.pack(article, rarity)
        raw = self._dots(packed.ids, packed.weighted, others, rarity)
        first, day, mine = article.topic, article.day, article.subjects
        penalty = sf.SUBJECT_PENALTY
        found = []
        for score, other in zip(raw, others, strict=True):
            second = other.topic
            if first and second and first not in other.subjects and second not in mine:
                score *= penalty
            if abs(day - other.day) > DATE_WINDOW_DAYS:
                score /= 2
            found.append(min(score, 1.0))
        return found

    def text_cosines(self, article: sf.Features, others: Sequence[sf.Features],
                     rarity: sf.Rarity) -> list[float]:  # fmt: skip
        """:func:`briefing.services.story_features.text_cosine` of ``article`` with each of
        ``others``."""
        packed = self.pack(article, rarity)
        return self._dots(packed.ids[packed.text], packed.unit[packed.text], others, rarity)
