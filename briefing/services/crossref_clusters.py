"""Story clusters: articles about the same event grouped by average-linkage clustering on
entity, text and headline similarity (only articles sharing a distinctive name or word are
compared: a large library is not scored pair by pair); a brief made from a cluster.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from briefing.analysis.tokens import content_terms, tokenize
from briefing.clock import utc_now
from briefing.services.crossref_entities import (
    EntityResolution,
    LoadedArticle,
    load_articles,
    resolve_entities,
)
from briefing.services.library import Library
from briefing.storage import briefs as brief_store

CLUSTER_THRESHOLD = 0.3
"""Average similarity two groups of articles need to be merged into one story."""
WEIGHTS = (0.35, 0.35, 0.3)
"""Weights of the entity, whole-text and headline+lead TF-IDF cosines."""
SUBJECT_PENALTY = 0.6
"""Factor for two articles whose leads are about different subjects (Siversk vs Pokrovsk)."""
DATE_WINDOW_DAYS = 7
"""Articles published further apart than this count half as similar."""
WORD_DF_FLOOR = 50
WORD_DF_SHARE = 100
"""A word is distinctive while at most max(50, articles // 100) articles use it."""
ENTITY_DF_FLOOR = 100
ENTITY_DF_SHARE = 20
"""A named entity is distinctive while at most max(100, articles // 20) articles name it.

Only pairs of articles sharing a distinctive entity or word are compared. A story is told by
a handful to a few dozen articles, and what names it (its places and people, the event's own
words) is rare in a library, while everyday words (said, Thursday, government) and the big
names (United States, London) are in a large share of it: scoring every pair that shares
them made the Stories view quadratic (1,000 Reuters articles: three pairs in four). A shared
name is the stronger sign of one story, so entities get the looser cap; the floors keep a
library of up to 50 articles scored exactly as if every pair were compared, and leave a big
story room (bench/stories.py measures what changes on a larger library)."""


class DistinctiveCaps(NamedTuple):
    """The most articles a word, and a named entity, may be in and still be distinctive."""

    words: int
    entities: int


@dataclass(frozen=True, slots=True)
class Cluster:
    """Articles about one event, oldest first; ``title`` is the most central article's."""

    id: str
    title: str
    article_ids: tuple[int, ...]
    entities: tuple[str, ...]  # named entities most of its articles share
    cohesion: float  # mean pairwise similarity


def _lead(doc: LoadedArticle) -> str:
    """The headline and first two sentences: where a news story names its event."""
    sentences = doc.analysis.sentences[:2]
    text = doc.article.text
    lead = " ".join(text[s.start : s.end] for s in sentences) or text[:400]
    return f"{doc.article.title}\n{lead}"


def _entity_vectors(
    docs: Sequence[LoadedArticle], resolution: EntityResolution
) -> list[dict[str, float]]:
    """Unit-length vectors over canonical entities: (1 + log mentions) * idf."""
    counts: list[Counter[str]] = []
    for doc in docs:
        count: Counter[str] = Counter()
        for entity in doc.analysis.entities:
            key = resolution.keys.get((doc.article.id, entity.id))
            if key:
                count[key] += max(1, len(entity.mentions))
        counts.append(count)
    frequency: Counter[str] = Counter(key for c in counts for key in c)
    total = len(docs)
    vectors = []
    for c in counts:
        vector = {k: (1 + math.log(n)) * math.log((1 + total) / (1 + frequency[k])) + 1e-9
                  for k, n in c.items()}  # fmt: skip
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({k: v / norm for k, v in vector.items()})
    return vectors


def _lead_entities(
    docs: Sequence[LoadedArticle], resolution: EntityResolution
) -> list[tuple[str | None, frozenset[str]]]:
    """Per article: its lead's subject (the named entity most weighted by mentions in the
    headline + lead times rarity) and every entity named there."""
    found: list[Counter[str]] = []
    for doc in docs:
        sentences = doc.analysis.sentences[:2]
        end = sentences[-1].end if sentences else 400
        count: Counter[str] = Counter()
        for entity in doc.analysis.entities:
            key = resolution.keys.get((doc.article.id, entity.id))
            if not key:
                continue
            in_lead = sum(1 for m in entity.mentions if m.start < end)
            in_title = any(
                alias in doc.article.title  # cheap test first: most names are not there
                and re.search(rf"\b{re.escape(alias)}\b", doc.article.title)
                for alias in (entity.name, *entity.aliases)
            )
            if in_lead or in_title:
                count[key] += in_lead + int(in_title)
        found.append(count)
    frequency: Counter[str] = Counter(key for c in found for key in c)
    result: list[tuple[str | None, frozenset[str]]] = []
    for c in found:
        ranked = sorted(c, key=lambda k: (-c[k] * math.log((1 + len(docs)) / frequency[k]), k))
        result.append((ranked[0] if ranked else None, frozenset(c)))
    return result


def _different_subjects(a: tuple[str | None, frozenset[str]], b: tuple[str | None,
                        frozenset[str]]) -> bool:  # fmt: skip
    """Each lead is about something the other lead does not even name."""
    return bool(a[0] and b[0] and a[0] not in b[1] and b[0] not in a[1])


def _tfidf(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear tf, smoothed idf) of stemmed content words."""
    counts = [Counter(content_terms([t.text for t in tokenize(text)])) for text in texts]
    frequency: Counter[str] = Counter(term for c in counts for term in c)
    total = len(texts)
    vectors = []
    for c in counts:
        vector = {t: (1 + math.log(n)) * math.log((1 + total) / (1 + frequency[t])) + 1e-9
                  for t, n in c.items()}  # fmt: skip
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


WORD_DF_MAX = 100
ENTITY_DF_MAX = 250
"""Ceilings of the caps (reached at 10,000 and 5,000 articles): a cap that kept growing with
the library let the candidate pairs grow with its square (2.65 million pairs at 4,000
articles); with fixed caps each term brings at most cap² / 2 pairs, so they grow linearly."""


def distinctive_caps(size: int) -> DistinctiveCaps:
    """The caps of ``WORD_DF_FLOOR`` .. ``ENTITY_DF_MAX`` for a library of ``size``."""
    return DistinctiveCaps(
        min(WORD_DF_MAX, max(WORD_DF_FLOOR, size // WORD_DF_SHARE)),
        min(ENTITY_DF_MAX, max(ENTITY_DF_FLOOR, size // ENTITY_DF_SHARE)),
    )


def _numbered(vectors: Sequence[dict[str, float]]) -> list[dict[int, float]]:
    """The vectors over term numbers, numbered in the order the collection first shows them:
    a dot product added up in that order sums exactly as the earlier all-pairs loop did
    (through the postings of every term, in that order), so scores are the same floats."""
    numbers: dict[str, int] = {}
    return [{numbers.setdefault(t, len(numbers)): w for t, w in v.items()} for v in vectors]


def _dot(a: dict[int, float], b: dict[int, float], shared: AbstractSet[int]) -> float:
    """Cosine of two unit vectors over the terms they share, added up in term order."""
    return sum([a[term] * b[term] for term in sorted(shared)]) if shared else 0.0


def _candidate_pairs(
    families: Sequence[tuple[Sequence[dict[int, float]], int]],
) -> set[tuple[int, int]]:
    """Pairs (i < j) sharing a term in at most its family's cap of the vectors."""
    pairs: set[tuple[int, int]] = set()
    for vectors, cap in families:
        postings: dict[int, list[int]] = defaultdict(list)
        for index, vector in enumerate(vectors):
            for term in vector:
                postings[term].append(index)
        for indices in postings.values():
            if 1 < len(indices) <= cap:
                pairs.update(combinations(indices, 2))
    return pairs


def pair_similarities(docs: Sequence[LoadedArticle]) -> dict[tuple[int, int], float]:
    """Similarity in 0..1 of the pairs (i < j) of ``docs`` that may be about one story:
    weighted TF-IDF cosines of the named entities, the whole text and the headline + lead;
    lowered when the leads have different subjects, halved for articles far apart in time.

    Only pairs that share a distinctive named entity or word (one in few articles:
    :func:`distinctive_caps`; words of the whole text or of the headline + lead) are scored,
    each exactly, over all the terms they share; pairs that share only common words and
    names are left out (absent, i.e. 0). Up to ``WORD_DF_FLOOR`` articles everything is
    distinctive: every pair with anything in common is scored.
    """
    return _pair_scores(docs, resolve_entities(docs), distinctive_caps(len(docs)))


def _pair_scores(
    docs: Sequence[LoadedArticle],
    resolution: EntityResolution,
    caps: DistinctiveCaps,
) -> dict[tuple[int, int], float]:
    """:func:`pair_similarities` with the entities resolved and the caps chosen."""
    from briefing.feeds.schedule import parse_stamp

    entities = _numbered(_entity_vectors(docs, resolution))
    texts = _numbered(_tfidf([f"{doc.article.title}\n{doc.article.text}" for doc in docs]))
    leads = _numbered(_tfidf([_lead(doc) for doc in docs]))
    families = [(entities, caps.entities), (texts, caps.words), (leads, caps.words)]
    candidates = _candidate_pairs(families)
    subjects = _lead_entities(docs, resolution)
    stamps = [parse_stamp(doc.date) for doc in docs]
    by_entities, by_text, by_lead = WEIGHTS
    entity_terms, text_terms, lead_terms = (
        [frozenset(v) for v in family] for family in (entities, texts, leads)
    )
    scores: dict[tuple[int, int], float] = {}
    for pair in sorted(candidates):
        i, j = pair
        score = (
            by_entities * _dot(entities[i], entities[j], entity_terms[i] & entity_terms[j])
            + by_text * _dot(texts[i], texts[j], text_terms[i] & text_terms[j])
            + by_lead * _dot(leads[i], leads[j], lead_terms[i] & lead_terms[j])
        )
        if _different_subjects(subjects[i], subjects[j]):
            score *= SUBJECT_PENALTY
        first, second = stamps[i], stamps[j]
        if first is not None and second is not None:
            apart = abs((first - second).total_seconds()) / 86400
            if apart > DATE_WINDOW_DAYS:
                score /= 2
        scores[pair] = min(score, 1.0)
    return scores


_HEADLINE_PREFIX = re.compile(r"^(?:[\w'’&.]+(?:\s+[\w'’&.]+){0,2}):\s+")
_HEADLINE_SUFFIX = re.compile(r"\s+(?:[|–—-]\s+[^|–—-]{1,40}|\([^()]{1,30}\))$")
HEADLINE_MIN_WORDS = 4


def headline_key(title: str) -> str | None:
    """A headline without a leading label ("UPDATE:", "Reuters:") or a trailing source
    ("| BBC News", "- AP", "(report)"), lower-cased, words only; None when it is too short
    to identify an event."""
    text = title.strip()
    for pattern in (_HEADLINE_PREFIX, _HEADLINE_SUFFIX):
        shorter = pattern.sub("", text)
        if len(shorter.split()) >= HEADLINE_MIN_WORDS:
            text = shorter
    words = re.findall(r"\w+", text.casefold())
    return " ".join(words) if len(words) >= HEADLINE_MIN_WORDS else None


def same_headline_pairs(docs: Sequence[LoadedArticle]) -> list[tuple[int, int]]:
    """Pairs (i < j) whose headlines are the same once labels and sources are set aside,
    published within ``DATE_WINDOW_DAYS`` of each other (or undated)."""
    from briefing.feeds.schedule import parse_stamp

    by_key: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        key = headline_key(doc.article.title)
        if key is not None:
            by_key[key].append(index)
    pairs = []
    for indices in by_key.values():
        for i, j in combinations(indices, 2):
            first, second = parse_stamp(docs[i].date), parse_stamp(docs[j].date)
            if first is None or second is None or \
                    abs((first - second).total_seconds()) <= DATE_WINDOW_DAYS * 86400:
                pairs.append((i, j))
    return pairs


def similarity_matrix(docs: Sequence[LoadedArticle]) -> list[list[float]]:
    """:func:`pair_similarities` as a full symmetric matrix (1.0 on the diagonal, 0.0 for
    the pairs it leaves out)."""
    size = len(docs)
    matrix = [[1.0 if i == j else 0.0 for j in range(size)] for i in range(size)]
    for (i, j), score in pair_similarities(docs).items():
        matrix[i][j] = matrix[j][i] = score
    return matrix


def clusters(
    lib: Library,
    article_ids: Iterable[int] | None = None,
    *,
    threshold: float = CLUSTER_THRESHOLD,
    min_size: int = 2,
) -> list[Cluster]:
    """Stories: groups of at least ``min_size`` articles about the same event, biggest first.

    Average-linkage agglomerative clustering on :func:`pair_similarities`: the two groups
    with the highest mean pairwise similarity are merged while that mean reaches
    ``threshold``. A mean below the threshold can never rise above it by merging, so only
    pairs above it are queued. Pairs sharing nothing distinctive count as 0 in the means.
    """
    docs = load_articles(lib, article_ids)
    resolution = resolve_entities(docs)
    scores = _pair_scores(docs, resolution, distinctive_caps(len(docs)))
    # near-duplicate headlines: always one story (linked as if identical; the cohesion
    # shown stays the measured similarity)
    same = same_headline_pairs(docs)
    linked = {**scores, **dict.fromkeys(same, 1.0)} if same else scores
    groups = _average_linkage(len(docs), linked, threshold)
    keys: dict[int, set[str]] = defaultdict(set)  # article id -> its entities' keys
    for (article_id, _), key in resolution.keys.items():
        keys[article_id].add(key)
    names = {entry.key: entry.name for entry in resolution.entries}
    mentions = {entry.key: entry.mention_count for entry in resolution.entries}
    found = [
        _cluster(docs, group, scores, keys, names, mentions)
        for group in groups
        if len(group) >= min_size
    ]
    return sorted(found, key=lambda c: (-len(c.article_ids), c.article_ids))


def _average_linkage(
    size: int, scores: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Groups of indices 0..size-1; group ids are their smallest member (deterministic)."""
    members = {i: [i] for i in range(size)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)  # summed pairwise similarity
    for (i, j), score in scores.items():
        sums[i][j] = sums[j][i] = score
    queue = [(-score, i, j) for (i, j), score in scores.items() if score >= threshold]
    heapq.heapify(queue)
    while queue:
        negative, a, b = heapq.heappop(queue)
        if a not in members or b not in members:
            continue
        if abs(sums[a].get(b, 0.0) / (len(members[a]) * len(members[b])) + negative) > 1e-12:
            continue  # stale entry: one of the groups changed since it was queued
        members[a] = sorted(members[a] + members.pop(b))
        for k, total in sums.pop(b).items():
            sums[k].pop(b, None)
            if k != a:
                sums[a][k] = sums[k][a] = sums[a].get(k, 0.0) + total
        sums[a].pop(b, None)
        for k, total in sums[a].items():
            mean = total / (len(members[a]) * len(members[k]))
            if mean >= threshold:
                heapq.heappush(queue, (-mean, min(a, k), max(a, k)))
    return list(members.values())


def _cluster(
    docs: Sequence[LoadedArticle],
    group: list[int],
    scores: dict[tuple[int, int], float],
    keys: dict[int, set[str]],
    names: dict[str, str],
    mentions: dict[str, int],
) -> Cluster:
    def score(i: int, j: int) -> float:
        return 1.0 if i == j else scores.get((min(i, j), max(i, j)), 0.0)

    members = sorted(group, key=lambda i: (docs[i].date, docs[i].article.id))
    pairs = [(i, j) for n, i in enumerate(members) for j in members[n + 1 :]]
    cohesion = sum(score(i, j) for i, j in pairs) / len(pairs) if pairs else 1.0
    central = max(members, key=lambda i: (sum(score(i, j) for j in members), -i))
    shared: Counter[str] = Counter()
    for i in members:
        shared.update(keys.get(docs[i].article.id, ()))
    common = sorted(
        (key for key, n in shared.items() if n * 2 >= len(members)),
        key=lambda key: (-shared[key], -mentions.get(key, 0), key),
    )
    ids = tuple(docs[i].article.id for i in members)
    return Cluster(
        id=f"story-{min(ids)}",
        title=docs[central].article.title,
        article_ids=ids,
        entities=tuple(names[key] for key in common[:8]),
        cohesion=round(cohesion, 4),
    )


def brief_from_cluster(lib: Library, cluster: Cluster, *, title: str | None = None) -> int:
    """Create a brief holding the cluster's articles (oldest first); return its id."""
    with lib.transaction() as conn:
        brief_id = brief_store.create(conn, (title or cluster.title).strip(), utc_now())
        brief_store.set_articles(conn, brief_id, list(cluster.article_ids))
    return brief_id
