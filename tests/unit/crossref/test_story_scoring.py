"""Vectorised story scoring (services.story_scoring) gives what the per-pair reference
functions give: :func:`story_features.similarity` and :func:`story_features.text_cosine`
of one article with each of a batch (property tests, any terms, subjects and days)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.services import story_features as sf
from briefing.services.story_scoring import Scorer

_TERMS = ("putin", "kyiv", "bank", "rate", "siversk", "strike", "pilot", "x", "élan", "ecb")
counts = st.dictionaries(st.sampled_from(_TERMS), st.integers(1, 9), max_size=8)


@st.composite
def features(draw: st.DrawFn, article_id: int) -> sf.Features:
    entities = draw(counts)
    subjects = {k: n for k, n in entities.items() if draw(st.booleans())}
    return sf.Features(article_id, draw(st.integers(0, 20)), None, entities, draw(counts),
                       draw(counts), subjects, {k: k.title() for k in entities})  # fmt: skip


def _rarity() -> sf.Rarity:
    return sf.Rarity(lambda term: (sum(map(ord, term)) % 7) + 1, 50)


@settings(max_examples=80, deadline=None)
@given(features(1), st.lists(st.integers(2, 40), unique=True, max_size=6).flatmap(
    lambda ids: st.tuples(*(features(i) for i in ids))))  # fmt: skip
def test_batch_scores_are_the_pairwise_ones(article: sf.Features,
                                            others: tuple[sf.Features, ...]) -> None:  # fmt: skip
    rarity = _rarity()
    scorer = Scorer()
    batch = scorer.similarities(article, list(others), rarity)
    cosines = scorer.text_cosines(article, list(others), rarity)
    for other, score, cosine in zip(others, batch, cosines, strict=True):
        assert score == pytest.approx(sf.similarity(article, other, rarity), abs=1e-9)
        assert cosine == pytest.approx(sf.text_cosine(article, other, rarity), abs=1e-9)
    again = scorer.similarities(article, list(reversed(others)), rarity)
    assert again == pytest.approx(list(reversed(batch)), abs=1e-12)


@contextmanager
def _parameters(**values: object) -> Iterator[None]:
    """story_features' module parameters set for the block (hypothesis runs many examples in
    one test call, so no function-scoped monkeypatch)."""
    kept = {name: getattr(sf, name) for name in values}
    try:
        for name, value in values.items():
            setattr(sf, name, value)
        yield
    finally:
        for name, value in kept.items():
            setattr(sf, name, value)


@settings(max_examples=60, deadline=None)
@given(features(1), st.lists(st.integers(2, 40), unique=True, max_size=6).flatmap(
    lambda ids: st.tuples(*(features(i) for i in ids))),
    st.sampled_from([(0.6, (0.35, 0.35, 0.3)), (0.8, (0.3, 0.5, 0.2)),
                     (1.0, (0.0, 0.7, 0.3))]))  # fmt: skip
def test_batch_scores_follow_the_parameters(article: sf.Features,
                                            others: tuple[sf.Features, ...],
                                            chosen: tuple[float, tuple[float, ...]]
                                            ) -> None:  # fmt: skip
    penalty, weights = chosen
    with _parameters(SUBJECT_PENALTY=penalty, WEIGHTS=weights):
        rarity = _rarity()
        batch = Scorer().similarities(article, list(others), rarity)
        for other, score in zip(others, batch, strict=True):
            assert score == pytest.approx(sf.similarity(article, other, rarity), abs=1e-9)


def test_subject_penalty_applies_when_the_leads_are_about_different_subjects() -> None:
    a = sf.Features(1, 0, None, {"putin": 3, "bank": 1}, {"kyiv": 1}, {}, {"putin": 2}, {})
    b = sf.Features(2, 0, None, {"bank": 3, "putin": 1}, {"kyiv": 1}, {}, {"bank": 2}, {})
    scores = []
    for penalty in (1.0, 0.5):
        with _parameters(SUBJECT_PENALTY=penalty):
            for f in (a, b):
                f.vectors = None
            scores.append(sf.similarity(a, b, _rarity()))
    assert scores[1] == pytest.approx(scores[0] * 0.5)
    assert scores[0] > 0


def test_new_weights_are_used_once_vectors_are_reset() -> None:
    scorer = Scorer()
    a = sf.Features(1, 0, None, {"putin": 2}, {"kyiv": 1, "bank": 1}, {}, {}, {})
    b = sf.Features(2, 0, None, {"putin": 1}, {"kyiv": 1, "rate": 1}, {}, {}, {})
    before = scorer.similarities(a, [b], _rarity())[0]
    flat = sf.Rarity(lambda term: 1, 50)
    for f in (a, b):
        f.vectors = None
    after = scorer.similarities(a, [b], flat)[0]
    assert after == pytest.approx(sf.similarity(a, b, flat), abs=1e-9)
    assert after != pytest.approx(before, abs=1e-6)
