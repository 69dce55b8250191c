"""What stored story clustering knows of one article: its headline key, day and capped term
counts (named entities, whole text, headline + lead), and how two articles are scored from
them — rarity-weighted cosines as in :mod:`briefing.services.crossref_clusters`, with this
module's own weights and subject penalty, over a fixed number of terms per article.

Pure functions: no SQL, no Qt. :mod:`briefing.services.story_store` stores and indexes them.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import cast

import numpy as np

from briefing.analysis.tokens import STOPWORDS, stem
from briefing.services.crossref_clusters import DATE_WINDOW_DAYS, headline_key
from briefing.services.crossref_entities import entity_key

TEXT_TERMS = 50
"""Whole-text terms kept per article (the rarest-weighted first)."""
LEAD_TERMS = 30
ENTITY_TERMS = 30
INDEX_TERMS = 12
"""Terms per article written to the index of distinctive terms (its candidates' keys)."""
WEIGHTS: tuple[float, float, float] = (0.3, 0.5, 0.2)
"""Weights of the entity, whole-text and headline + lead cosines in :func:`similarity`."""
SUBJECT_PENALTY = 1.0
"""Similarity factor when the two leads are about different subjects (1.0: none)."""
# Both chosen together by 5-fold cross-validation over the judged same-event pairs of
# bench/story_quality.py (weights on a 0.1 grid, penalties 0.6, 0.8, 1.0; the same choice in
# every fold): the batch clustering's (0.35, 0.35, 0.3) and 0.6 split same-event articles,
# the lead's "subject" often being a dateline, a place or a newspaper.

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-'’&][^\W_]+)*")
_POSSESSIVE = frozenset({"'s", "’s"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class EntityRef:
    """A named entity of an article's analysis, as story clustering reads it."""

    name: str
    label: str
    mentions: int


@dataclass(slots=True)
class Features:
    """One article's story features. Counts, not weights: weights use the current rarity."""

    article_id: int
    day: int
    headline: str | None
    entities: dict[str, int]
    text: dict[str, int]
    lead: dict[str, int]
    subjects: dict[str, int]  # entities named in the headline + lead, with their count there
    names: dict[str, str]  # entity key -> name as written
    vectors: tuple[dict[str, float], ...] | None = field(default=None, compare=False)
    topic: str | None = field(default=None, compare=False)  # subject(), made with vectors
    packed: object = field(default=None, compare=False)  # story_scoring's arrays of vectors

    def to_json(self) -> str:
        return json.dumps({"e": self.entities, "t": self.text, "l": self.lead,
                           "s": self.subjects, "n": self.names},
                          ensure_ascii=False, separators=(",", ":"))  # fmt: skip

    @classmethod
    def from_row(cls, article_id: int, day: int, headline: str | None, vector: str) -> Features:
        data = json.loads(vector)
        return cls(article_id, day, headline, data.get("e", {}), data.get("t", {}),
                   data.get("l", {}), data.get("s", {}), data.get("n", {}))  # fmt: skip

    @classmethod
    def entities_only(cls, article_id: int, entities: str, names: str) -> Features:
        """The entity counts and names of an article (JSON, as :meth:`to_json` writes them):
        what :func:`shared_entities` reads."""
        return cls(article_id, 0, None, json.loads(entities), {}, {}, {}, json.loads(names))

    def family(self, prefix: str) -> dict[str, int]:
        """The counts of one term family (prefix ``e:``, ``t:`` or ``l:``)."""
        return self.entities if prefix == "e:" else self.text if prefix == "t:" else self.lead

    def terms(self) -> set[str]:
        """Every term of the article, prefixed by its family (for document frequencies)."""
        return {*map("e:".__add__, self.entities), *map("t:".__add__, self.text),
                *map("l:".__add__, self.lead)}  # fmt: skip


def day_number(stamp: str) -> int:
    """Days since 1970-01-01 (UTC) of an ISO stamp; 0 when it cannot be read."""
    from briefing.feeds.schedule import parse_stamp

    parsed = parse_stamp(stamp)
    return (parsed - _EPOCH).days if parsed is not None else 0


def words(text: str) -> dict[str, int]:
    """Stemmed content words of ``text`` with their counts (as ``content_terms`` keeps)."""
    found: dict[str | None, int] = Counter(map(_term, _WORD.findall(text)))  # counted in C
    found.pop(None, None)
    return cast(dict[str, int], found)


def lead_and_text(lead: str, text: str, end: int) -> tuple[dict[str, int], dict[str, int]]:
    """``words`` of the whole text (``lead`` = title + ``text[:end]``, then the rest) and of
    the lead, the lead read once: no word runs across a space, so where one is at ``end``
    the whole text's words are the lead's and the rest's."""
    lead_terms: dict[str | None, int] = Counter(map(_term, _WORD.findall(lead)))
    if end < len(text) and not (text[end].isspace() or text[end - 1 : end].isspace()):
        lead_terms.pop(None, None)
        return words(f"{lead[: len(lead) - end]}{text}"), cast(dict[str, int], lead_terms)
    whole = Counter(lead_terms)
    whole.update(map(_term, _WORD.findall(text, end)))
    whole.pop(None, None)
    lead_terms.pop(None, None)
    return cast(dict[str, int], whole), cast(dict[str, int], lead_terms)


@lru_cache(maxsize=300_000)
def _term(word: str) -> str | None:
    """The stemmed term of a word as written, or None for a stopword or a single letter."""
    if word[-2:] in _POSSESSIVE:
        word = word[:-2]
    if len(word) > 1 and word.lower() not in STOPWORDS:
        return stem(word)
    return None


@lru_cache(maxsize=50_000)
def _whole_word(probe: str) -> re.Pattern[str]:
    """``probe`` as a whole word (compiled once: the same names recur across articles)."""
    return re.compile(rf"\b{re.escape(probe)}\b")


@lru_cache(maxsize=200_000)
def story_entity_key(name: str, label: str) -> str:
    """The comparable form of a name (:func:`entity_key`); people by surname ("Vladimir
    Putin" and "Putin" are one), other names whole."""
    key = entity_key(name, label)
    if label == "PERSON" and " " in key:
        return key.rsplit(" ", 1)[1]
    return key


def extract(
    article_id: int,
    title: str,
    text: str,
    lead_end: int | None,
    date: str,
    entities: Iterable[EntityRef],
) -> Features:
    """The features of one article (all counts; :func:`capped` trims them for storage)."""
    end = lead_end if lead_end else 400
    lead = f"{title}\n{text[:end]}"
    folded_lead = lead.casefold()
    counts: Counter[str] = Counter()
    subjects: Counter[str] = Counter()
    names: dict[str, str] = {}
    for entity in entities:
        key = story_entity_key(entity.name, entity.label)
        if not key:
            continue
        counts[key] += max(1, entity.mentions)
        names.setdefault(key, entity.name)
        if len(entity.name) > len(names[key]):
            names[key] = entity.name
        probe = key.casefold()
        if probe in folded_lead and _whole_word(probe).search(folded_lead):
            subjects[key] += folded_lead.count(probe)
    whole, in_lead = lead_and_text(lead, text, end)  # Counters: plain dicts pickle faster
    return Features(article_id, day_number(date), headline_key(title), dict(counts),
                    dict(whole), dict(in_lead), dict(subjects), names)  # fmt: skip


class Rarity:
    """How rare a term is in the library, ``log((1 + total) / (1 + df))``: each term's
    computed once (a pass weighs every article's terms, mostly the same few thousand)."""

    __slots__ = ("_df", "_families", "_total")

    def __init__(self, df: Callable[[str], int], total: int) -> None:
        self._df, self._total = df, total
        self._families: dict[str, dict[str, float]] = {}

    def __call__(self, term: str) -> float:
        prefix, bare = term[:2], term[2:]
        known = self._families.get(prefix)
        value = known.get(bare) if known is not None else None
        return self._family(prefix, (bare,))[bare] if value is None else value

    def _family(self, prefix: str, terms: Iterable[str]) -> dict[str, float]:
        """The rarities of one family's terms (prefix ``e:``, ``t:`` or ``l:``), ``terms``
        among them."""
        known = self._families.get(prefix)
        if known is None:
            known = self._families[prefix] = {}
        for term in set(terms).difference(known):
            known[term] = math.log((1 + self._total) / (1 + self._df(prefix + term)))
        return known

    def prime(self, terms: Iterable[str], df: Mapping[str, int]) -> None:
        """Know the rarities of ``terms`` (prefixed) at once, their frequencies read from
        ``df`` (as :func:`_lookup`-style callers give them: a missing or zero count is 1);
        each distinct frequency's logarithm is taken once."""
        total, log = self._total, math.log
        by_count: dict[int, float] = {}
        families = self._families
        for term in terms:
            prefix = term[:2]
            known = families.get(prefix)
            if known is None:
                known = families[prefix] = {}
            n = df.get(term) or 1
            value = by_count.get(n)
            if value is None:
                value = by_count[n] = log((1 + total) / (1 + n))
            known[term[2:]] = value

    def _rarities(self, prefix: str, counts: dict[str, int]) -> list[float]:
        """The rarity of each term of ``counts``, in its order (the known ones read directly:
        after the first articles of a pass, nearly every term is known)."""
        known = self._families.get(prefix)
        if known is not None:
            try:
                return list(map(known.__getitem__, counts))
            except KeyError:
                pass
        return list(map(self._family(prefix, counts).__getitem__, counts))

    def weighed(self, prefix: str, counts: dict[str, int]) -> list[tuple[float, str]]:
        """(weight, term) of each term of ``counts`` (one family, named by ``prefix``)."""
        tf, log = _TF, math.log
        return [((tf[count] if count < 64 else 1 + log(count)) * rarity + 1e-9, term)
                for (term, count), rarity in zip(counts.items(), self._rarities(prefix, counts),
                                                 strict=True)]  # fmt: skip

    def ranked(self, prefix: str, counts: dict[str, int], boost: float = 1.0
               ) -> list[tuple[float, str]]:  # fmt: skip
        """(-weight × ``boost``, term) of the terms of ``counts``, the heaviest first (ties
        by term)."""
        tf, log = _TF, math.log
        return sorted([(-(((tf[count] if count < 64 else 1 + log(count)) * rarity + 1e-9)
                          * boost), term)
                       for (term, count), rarity in zip(counts.items(),
                                                        self._rarities(prefix, counts),
                                                        strict=True)])  # fmt: skip

    def heaviest(self, prefix: str, counts: dict[str, int], cap: int) -> list[str]:
        """The terms of the first ``cap`` of :meth:`ranked` (``boost`` 1)."""
        return [t for _, t in self.top(prefix, counts, cap)]

    def top(self, prefix: str, counts: dict[str, int], cap: int) -> list[tuple[float, str]]:
        """The first ``cap`` of :meth:`ranked` (``boost`` 1), with the weights made in numpy
        (the same float operations) and only the top ones sorted."""
        size = len(counts)
        if size <= cap:
            return self.ranked(prefix, counts)
        values = counts.values()
        if max(values) < 64:
            tf = np.fromiter(map(_TF.__getitem__, values), float, size)
        else:
            tf = np.array([_TF[c] if c < 64 else 1 + math.log(c) for c in values])
        weights = tf * np.array(self._rarities(prefix, counts)) + 1e-9
        floor = np.partition(weights, size - cap)[size - cap]  # the cap-th heaviest weight
        keys = list(counts)
        chosen = np.flatnonzero(weights >= floor)
        top = sorted(zip((-weights[chosen]).tolist(), [keys[i] for i in chosen.tolist()],
                         strict=True))  # fmt: skip
        return top[:cap]


_TF = [0.0] + [1 + math.log(n) for n in range(1, 64)]


def capped(features: Features, rarity: Rarity) -> Features:
    """``features`` with at most ``*_TERMS`` terms per family, the most weighted kept."""
    return capped_and_indexed(features, rarity)[0]


_FAMILIES = (("e:", 1.5, ENTITY_TERMS), ("l:", 1.2, LEAD_TERMS), ("t:", 1.0, TEXT_TERMS))
"""Each family's prefix, weight boost among the index terms and cap."""


def capped_and_indexed(features: Features, rarity: Rarity) -> tuple[Features, list[str]]:
    """:func:`capped` and the :func:`index_terms` of the capped features, from one weighing
    (the index ranks the kept terms by the same weights times their family's boost)."""
    kept: dict[str, dict[str, int]] = {}
    weighted: list[tuple[float, str]] = []
    for prefix, boost, cap in _FAMILIES:
        counts = features.family(prefix)
        top = rarity.top(prefix, counts, cap)
        kept[prefix] = counts if len(counts) <= cap else {t: counts[t] for _, t in top}
        ranked = sorted([(-(-w * boost), t) for w, t in top])  # as ranked(..., boost) makes
        weighted.extend((w, prefix + t) for w, t in ranked[:INDEX_TERMS])
    weighted.sort()
    entities = kept["e:"]
    made = Features(features.article_id, features.day, features.headline, entities,
                    kept["t:"], kept["l:"],
                    {k: n for k, n in features.subjects.items() if k in entities},
                    {k: n for k, n in features.names.items() if k in entities})  # fmt: skip
    return made, [term for _, term in weighted[:INDEX_TERMS]]


def index_terms(features: Features, rarity: Rarity) -> list[str]:
    """The article's ``INDEX_TERMS`` most distinctive terms (entities first on ties)."""
    weighted = [
        (w, prefix + t)
        for prefix, boost, counts in (("e:", 1.5, features.entities), ("l:", 1.2, features.lead),
                                      ("t:", 1.0, features.text))
        for w, t in rarity.ranked(prefix, counts, boost)[:INDEX_TERMS]
    ]  # fmt: skip
    weighted.sort()
    return [term for _, term in weighted[:INDEX_TERMS]]


def vectors(features: Features, rarity: Rarity) -> tuple[dict[str, float], ...]:
    """Unit vectors (entities, text, lead) weighted by rarity; cached on ``features``."""
    if features.vectors is None:
        _make_vectors(features, rarity)
    return cast(tuple[dict[str, float], ...], features.vectors)


def vectors_and_index_terms(features: Features, rarity: Rarity) -> list[str]:
    """:func:`index_terms`, making the :func:`vectors` of ``features`` from the same weights
    (an article about to be placed needs both)."""
    weighed = _make_vectors(features, rarity)
    found: list[tuple[float, str]] = []
    for prefix, boost, _ in _FAMILIES:
        ranked = sorted([(-(w * boost), t) for w, t in weighed[prefix]])
        found.extend((w, prefix + t) for w, t in ranked[:INDEX_TERMS])
    found.sort()
    return [term for _, term in found[:INDEX_TERMS]]


def _make_vectors(features: Features, rarity: Rarity) -> dict[str, list[tuple[float, str]]]:
    """Set the unit vectors and lead subject of ``features``; the weights they came from."""
    made = []
    weighed: dict[str, list[tuple[float, str]]] = {}
    for prefix, counts in (("e:", features.entities), ("t:", features.text),
                           ("l:", features.lead)):  # fmt: skip
        weighed[prefix] = pairs = rarity.weighed(prefix, counts)
        vector = {t: w for w, t in pairs}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        made.append({t: v / norm for t, v in vector.items()})
    features.vectors = tuple(made)
    features.topic = subject(features, rarity)
    return weighed


def text_cosine(a: Features, b: Features, rarity: Rarity) -> float:
    """Cosine of the two articles' whole-text term vectors (the capped tf-idf of each)."""
    x, y = vectors(a, rarity)[1], vectors(b, rarity)[1]
    if len(x) > len(y):
        x, y = y, x
    return sum([w * y[t] for t, w in x.items() if t in y])


def subject(features: Features, rarity: Rarity) -> str | None:
    """The entity the headline + lead are most about (mentions there times rarity)."""
    if not features.subjects:
        return None
    return min(features.subjects, key=lambda k: (-features.subjects[k] * rarity("e:" + k), k))


def similarity(a: Features, b: Features, rarity: Rarity) -> float:
    """Similarity 0..1 of two articles: the entity, whole-text and lead cosines weighted by
    ``WEIGHTS``, times ``SUBJECT_PENALTY`` when the leads are about different subjects,
    halved when the articles are over a week apart."""
    score = 0.0
    for weight, x, y in zip(WEIGHTS, vectors(a, rarity), vectors(b, rarity), strict=True):
        if len(x) > len(y):
            x, y = y, x
        score += weight * sum([w * y[t] for t, w in x.items() if t in y])
    first, second = a.topic, b.topic  # made with the vectors just read
    if first and second and first not in b.subjects and second not in a.subjects:
        score *= SUBJECT_PENALTY
    if abs(a.day - b.day) > DATE_WINDOW_DAYS:
        score /= 2
    return min(score, 1.0)


def shared_entities(members: Iterable[Features], mentions: Mapping[str, int] | None = None
                    ) -> list[str]:  # fmt: skip
    """Names of the entities at least half of ``members`` share, most shared first (8)."""
    group = list(members)
    shared: Counter[str] = Counter()
    total: Counter[str] = Counter()
    names: dict[str, str] = {}
    for features in group:
        shared.update(features.entities.keys())
        total.update(features.entities)
        for key, name in features.names.items():
            names.setdefault(key, name)
    common = sorted((key for key, n in shared.items() if n * 2 >= len(group)),
                    key=lambda key: (-shared[key], -total[key], key))  # fmt: skip
    return [names.get(key, key) for key in common[:8]]
