"""Story clusters: articles about the same event grouped by average-linkage clustering on
entity, text and headline similarity; a brief made from a cluster.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
                re.search(rf"\b{re.escape(alias)}\b", doc.article.title)
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


def _pairwise_dots(vectors: Sequence[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosines of every pair (i < j) of unit vectors sharing a term, through postings."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for entries in postings.values():
        for n, (i, wi) in enumerate(entries):
            for j, wj in entries[n + 1 :]:
                dots[(i, j)] += wi * wj
    return dots


def _days_apart(a: str, b: str) -> float | None:
    from briefing.feeds.schedule import parse_stamp

    first, second = parse_stamp(a), parse_stamp(b)
    if first is None or second is None:
        return None
    return abs((first - second).total_seconds()) / 86400


def pair_similarities(docs: Sequence[LoadedArticle]) -> dict[tuple[int, int], float]:
    """Similarity in 0..1 of every pair (i < j) of ``docs`` with anything in common:
    weighted TF-IDF cosines of the named entities, the whole text and the headline + lead;
    lowered when the leads have different subjects, halved for articles far apart in time.
    """
    resolution = resolve_entities(docs)
    parts = [
        _pairwise_dots(_entity_vectors(docs, resolution)),
        _pairwise_dots(_tfidf([f"{doc.article.title}\n{doc.article.text}" for doc in docs])),
        _pairwise_dots(_tfidf([_lead(doc) for doc in docs])),
    ]
    subjects = _lead_entities(docs, resolution)
    scores: dict[tuple[int, int], float] = {}
    for pair in sorted(set().union(*parts)):
        i, j = pair
        weighted = zip(WEIGHTS, parts, strict=True)
        score = sum(weight * part.get(pair, 0.0) for weight, part in weighted)
        if _different_subjects(subjects[i], subjects[j]):
            score *= SUBJECT_PENALTY
        apart = _days_apart(docs[i].date, docs[j].date)
        if apart is not None and apart > DATE_WINDOW_DAYS:
            score /= 2
        scores[pair] = min(score, 1.0)
    return scores


def similarity_matrix(docs: Sequence[LoadedArticle]) -> list[list[float]]:
    """:func:`pair_similarities` as a full symmetric matrix (1.0 on the diagonal)."""
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
    pairs above it are queued.
    """
    docs = load_articles(lib, article_ids)
    scores = pair_similarities(docs)
    groups = _average_linkage(len(docs), scores, threshold)
    resolution = resolve_entities(docs)
    found = [
        _cluster(docs, group, scores, resolution) for group in groups if len(group) >= min_size
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
    resolution: EntityResolution,
) -> Cluster:
    def score(i: int, j: int) -> float:
        return 1.0 if i == j else scores.get((min(i, j), max(i, j)), 0.0)

    members = sorted(group, key=lambda i: (docs[i].date, docs[i].article.id))
    pairs = [(i, j) for n, i in enumerate(members) for j in members[n + 1 :]]
    cohesion = sum(score(i, j) for i, j in pairs) / len(pairs) if pairs else 1.0
    central = max(members, key=lambda i: (sum(score(i, j) for j in members), -i))
    shared: Counter[str] = Counter()
    for i in members:
        shared.update(resolution.article_keys(docs[i].article.id))
    names = {entry.key: entry.name for entry in resolution.entries}
    mentions = {entry.key: entry.mention_count for entry in resolution.entries}
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
