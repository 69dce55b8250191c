"""Story clustering scores only candidate pairs (a shared named entity or distinctive word):
each candidate's score is the all-pairs implementation's, to the bit; small libraries are
scored exactly as before; the clusters of the story set are the same records as before."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain import Analysis, Article, EngineInfo, Entity, Span, text_sha256
from briefing.feeds.schedule import parse_stamp
from briefing.services import crossref_clusters as cc
from briefing.services.crossref import clusters
from briefing.services.crossref_entities import LoadedArticle, load_articles, resolve_entities
from tests.unit.crossref.conftest import StorySet

# ---------------------------------------------- reference: the all-pairs implementation


def reference_dots(vectors: Sequence[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosines of every pair sharing a term, through the postings of every term."""
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


def reference_similarities(docs: Sequence[LoadedArticle]) -> dict[tuple[int, int], float]:
    resolution = resolve_entities(docs)
    parts = [
        reference_dots(cc._entity_vectors(docs, resolution)),
        reference_dots(cc._tfidf([f"{d.article.title}\n{d.article.text}" for d in docs])),
        reference_dots(cc._tfidf([cc._lead(d) for d in docs])),
    ]
    subjects = cc._lead_entities(docs, resolution)
    scores: dict[tuple[int, int], float] = {}
    for pair in sorted(set().union(*parts)):
        i, j = pair
        weighted = zip(cc.WEIGHTS, parts, strict=True)
        score = sum(weight * part.get(pair, 0.0) for weight, part in weighted)
        if cc._different_subjects(subjects[i], subjects[j]):
            score *= cc.SUBJECT_PENALTY
        first, second = parse_stamp(docs[i].date), parse_stamp(docs[j].date)
        if first and second and abs((first - second).total_seconds()) / 86400 > cc.DATE_WINDOW_DAYS:
            score /= 2
        scores[pair] = min(score, 1.0)
    return scores


def reference_clusters(docs: Sequence[LoadedArticle]) -> list[cc.Cluster]:
    """The former clusters(): all-pairs scores; each member's entity keys by a full scan."""
    scores = reference_similarities(docs)
    resolution = resolve_entities(docs)
    names = {entry.key: entry.name for entry in resolution.entries}
    mentions = {entry.key: entry.mention_count for entry in resolution.entries}
    found = []
    for group in cc._average_linkage(len(docs), scores, cc.CLUSTER_THRESHOLD):
        if len(group) >= 2:
            keys = {docs[i].article.id: resolution.article_keys(docs[i].article.id)
                    for i in group}  # fmt: skip
            found.append(cc._cluster(docs, group, scores, keys, names, mentions))
    return sorted(found, key=lambda c: (-len(c.article_ids), c.article_ids))


# ---------------------------------------------- small synthetic libraries

WORDS = (
    "army", "shelling", "town", "border", "rates", "bank", "inflation", "fire", "forest",
    "match", "goal", "league", "power", "blackout", "winter", "grid", "chip", "factory",
    "court", "verdict", "storm", "flood",
)
NAMES = (("Siversk", "LOC"), ("Donetsk", "LOC"), ("Vladimir Putin", "PERSON"),
         ("Putin", "PERSON"), ("European Central Bank", "ORG"), ("Kyiv", "LOC"))
DATES = (None, "2025-03-01", "2025-03-03", "2025-03-20", "2025-03-03T12:00:00Z")
ENGINE = EngineInfo("builtin", "test")


@dataclass(frozen=True)
class Token:
    word: str
    name: int | None  # index into NAMES, or a plain word


tokens = st.one_of(
    st.sampled_from(WORDS).map(lambda w: Token(w, None)),
    st.integers(0, len(NAMES) - 1).map(lambda n: Token(NAMES[n][0], n)),
)


def make_doc(article_id: int, title: list[str], sentences: list[list[Token]],
             date: str | None) -> LoadedArticle:  # fmt: skip
    parts: list[str] = []
    spans: list[Span] = []
    mentions: dict[int, list[Span]] = defaultdict(list)
    offset = 0
    for sentence in sentences:
        start = offset
        for n, token in enumerate(sentence):
            if n:
                offset += 1
            if token.name is not None:
                mentions[token.name].append(Span(offset, offset + len(token.word)))
            offset += len(token.word)
        spans.append(Span(start, offset))
        parts.append(" ".join(t.word for t in sentence))
        offset += 1  # the "\n" between sentences
    text = "\n".join(parts)
    entities = tuple(
        Entity(f"e{n}", NAMES[n][0], NAMES[n][1],
               ("Putin",) if NAMES[n][0] == "Vladimir Putin" else (), tuple(found))
        for n, found in sorted(mentions.items())
    )  # fmt: skip
    article = Article(article_id, " ".join(title), text, text_sha256(text), published=date,
                      imported_at="2025-03-02T00:00:00Z")  # fmt: skip
    return LoadedArticle(article, Analysis(ENGINE, article.text_sha256, tuple(spans),
                                           entities=entities))  # fmt: skip


@st.composite
def libraries(draw: st.DrawFn) -> list[LoadedArticle]:
    size = draw(st.integers(2, 9))
    docs = []
    for article_id in range(1, size + 1):
        title = draw(st.lists(st.sampled_from((*WORDS, "Siversk", "Kyiv")), min_size=1,
                              max_size=4))  # fmt: skip
        sentences = draw(st.lists(st.lists(tokens, min_size=1, max_size=8), min_size=1,
                                  max_size=4))  # fmt: skip
        docs.append(make_doc(article_id, title, sentences, draw(st.sampled_from(DATES))))
    return docs


def shares_distinctive(docs: Sequence[LoadedArticle], i: int, j: int,
                       caps: cc.DistinctiveCaps) -> bool:  # fmt: skip
    """Brute force: do articles i and j share an entity in at most ``caps.entities``
    articles, or a word (of the whole texts or of the leads) in at most ``caps.words``?"""
    families = [
        (cc._entity_vectors(docs, resolve_entities(docs)), caps.entities),
        (cc._tfidf([f"{d.article.title}\n{d.article.text}" for d in docs]), caps.words),
        (cc._tfidf([cc._lead(d) for d in docs]), caps.words),
    ]
    for vectors, cap in families:
        frequency = Counter(term for vector in vectors for term in vector)
        if any(frequency[t] <= cap for t in vectors[i].keys() & vectors[j].keys()):
            return True
    return False


@settings(max_examples=120, deadline=None)
@given(libraries())
def test_small_libraries_score_exactly_as_all_pairs(docs: list[LoadedArticle]) -> None:
    assert len(docs) <= min(cc.distinctive_caps(len(docs)))  # everything is distinctive
    assert cc.pair_similarities(docs) == reference_similarities(docs)


@settings(max_examples=150, deadline=None)
@given(libraries(), st.integers(1, 4), st.integers(1, 4))
def test_only_pairs_sharing_nothing_distinctive_are_skipped(
    docs: list[LoadedArticle], word_cap: int, entity_cap: int
) -> None:
    caps = cc.DistinctiveCaps(word_cap, entity_cap)
    scores = cc._pair_scores(docs, resolve_entities(docs), caps)
    reference = reference_similarities(docs)
    for pair, score in scores.items():
        assert reference[pair] == score  # a candidate's score: to the bit
    for i, j in reference.keys() - scores.keys():
        assert not shares_distinctive(docs, i, j, caps)
    for i, j in scores:
        assert shares_distinctive(docs, i, j, caps)


def test_distinctive_caps() -> None:
    assert cc.distinctive_caps(12) == (cc.WORD_DF_FLOOR, cc.ENTITY_DF_FLOOR)
    assert min(cc.distinctive_caps(cc.WORD_DF_FLOOR)) == cc.WORD_DF_FLOOR
    assert cc.distinctive_caps(8_000) == (
        8_000 // cc.WORD_DF_SHARE, min(cc.ENTITY_DF_MAX, 8_000 // cc.ENTITY_DF_SHARE))
    # fixed ceilings: candidate pairs grow linearly with the library, not with its square
    assert cc.distinctive_caps(100_000) == (cc.WORD_DF_MAX, cc.ENTITY_DF_MAX)
    assert cc.distinctive_caps(1_000_000) == cc.distinctive_caps(100_000)


def test_story_set_clusters_are_the_all_pairs_ones(stories: StorySet) -> None:
    docs = load_articles(stories.lib)
    assert cc.pair_similarities(docs) == reference_similarities(docs)
    assert clusters(stories.lib) == reference_clusters(docs)
