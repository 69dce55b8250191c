"""Stored story features weighed in worker processes (services.story_prep): the vectors,
index terms, subjects and term ids the calling process makes; a batch with a term the
workers were not given is weighed by the caller instead."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from briefing.services import story_features as sf
from briefing.services import story_prep
from briefing.services.story_scoring import Packed, Scorer, UnknownTerm
from briefing.storage.stories import FeatureRow

ARTICLES = (
    ("Siversk shelled overnight", "Russian forces shelled Siversk overnight. The mayor said "
     "two people were hurt and the water station was hit again.", [("Siversk", "GPE", 2)]),
    ("ECB holds rates", "The European Central Bank held rates at 2% on Thursday, citing "
     "inflation that stays above its target in Germany and Italy.",
     [("European Central Bank", "ORG", 1), ("Germany", "GPE", 1)]),
    ("Harbour pilots strike", "Harbour pilots in Grimsby and Tilbury went on strike over pay, "
     "the union said; ferries were delayed.", [("Grimsby", "GPE", 1)]),
)


def rows() -> list[FeatureRow]:
    made = [sf.extract(n, title, text, None, f"2026-11-2{n}T12:00:00Z",
                       [sf.EntityRef(*e) for e in entities])
            for n, (title, text, entities) in enumerate(ARTICLES)]  # fmt: skip
    return [FeatureRow(f.article_id, f.day, f.headline, f.to_json()) for f in made]


def frequencies() -> dict[str, int]:
    df: dict[str, int] = {}
    for row in rows():
        for term in sf.Features.from_row(*row).terms():
            df[term] = df.get(term, 0) + 1
    return df


def here(df: dict[str, int], called: list[int]
         ) -> tuple[sf.Rarity, Scorer, Callable[[list[FeatureRow]],
                                               list[story_prep.Prepared]]]:
    rarity = sf.Rarity(lambda term: df.get(term) or 1, len(ARTICLES))
    scorer = Scorer(df)

    def weigh(part: list[FeatureRow]) -> list[story_prep.Prepared]:
        called.append(len(part))
        made = [sf.Features.from_row(*row) for row in part]
        return [(f, sf.vectors_and_index_terms(f, rarity)) for f in made]

    return rarity, scorer, weigh


def arrays(features: sf.Features, scorer: Scorer, rarity: sf.Rarity) -> tuple[object, ...]:
    packed = scorer.pack(features, rarity)
    assert isinstance(packed, Packed)
    return (packed.ids.tolist(), packed.unit.tolist(), packed.weighted.tolist(),
            packed.ids[packed.text].tolist(), features.topic, features.subjects)


def test_workers_weigh_what_the_caller_weighs() -> None:
    df = frequencies()
    called: list[int] = []
    rarity, scorer, weigh = here(df, called)
    local = [item for part in (rows()[:2], rows()[2:]) for item in weigh(part)]
    found = [item for done in story_prep.weighing(iter([rows()[:2], rows()[2:]]), df,
                                                  len(ARTICLES), weigh) for item in done]
    assert called == [2, 1]  # only the local run above
    assert [f.article_id for f, _ in found] == [0, 1, 2]
    for (mine, my_terms), (theirs, their_terms) in zip(local, found, strict=True):
        assert their_terms == my_terms and theirs.text == {}  # hollow: no counts
        assert arrays(theirs, scorer, rarity) == arrays(mine, scorer, rarity)
    a, b = found[0][0], found[1][0]
    assert scorer.similarities(a, [b], rarity) == scorer.similarities(
        local[0][0], [local[1][0]], rarity)


def test_a_term_the_workers_were_not_given_is_weighed_here() -> None:
    df = frequencies()
    missing = next(t for t in df if t.startswith("e:grimsby"))
    given = {t: n for t, n in df.items() if t != missing}
    story_prep._start(given, len(ARTICLES))
    with pytest.raises(UnknownTerm):
        story_prep.weigh(rows()[2:])
    called: list[int] = []
    _, _, weigh = here(df, called)
    found = list(story_prep.weighing(iter([rows()[:2], rows()[2:]]), given, len(ARTICLES),
                                     weigh))
    assert called == [1]  # the batch with Grimsby
    assert found[1][0][0].text and not found[0][0][0].text
    assert np.array_equal(found[0][0][0].packed.ids,  # type: ignore[union-attr]
                          Scorer(given).pack(sf.Features.from_row(*rows()[0]),
                                             sf.Rarity(lambda t: 1, 3)).ids)
