"""Stored story features weighed in worker processes (services.story_prep): the vectors,
index terms, subjects and term ids the calling process makes from the same stored features;
a batch with a term the workers were not given is weighed by the caller instead."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefing.services import Library, story_prep
from briefing.services import story_features as sf
from briefing.services.story_scoring import Packed, Scorer, UnknownTerm
from briefing.services.story_store import catch_up
from briefing.storage import stories as store
from tests.unit.crossref.conftest import StorySet


@pytest.fixture
def lib(fresh: StorySet) -> Library:
    """A library whose story set has its features stored."""
    catch_up(fresh.lib)
    return fresh.lib


def here(lib: Library, df: dict[str, int], called: list[int]
         ) -> tuple[sf.Rarity, Callable[[list[int]], list[story_prep.Prepared]]]:  # fmt: skip
    rarity = sf.Rarity(lambda term: df.get(term) or 1, store.featured_count(lib.conn))

    def weigh(part: list[int]) -> list[story_prep.Prepared]:
        called.append(len(part))
        made = [sf.Features.from_row(*row) for row in story_prep.stored(lib, part)]
        return [(f, sf.vectors_and_index_terms(f, rarity)) for f in made]

    return rarity, weigh


def arrays(features: sf.Features, scorer: Scorer, rarity: sf.Rarity) -> tuple[object, ...]:
    packed = scorer.pack(features, rarity)
    assert isinstance(packed, Packed)
    return (packed.ids.tolist(), packed.unit.tolist(), packed.weighted.tolist(),
            packed.ids[packed.text].tolist(), features.topic, features.subjects)  # fmt: skip


def batches(lib: Library) -> list[list[int]]:
    ids = [article for _, article in store.feature_keys(lib.conn)]
    return [ids[:5], ids[5:]]


def test_workers_weigh_what_the_caller_weighs(lib: Library) -> None:
    df = store.document_frequencies(lib.conn)
    total = store.featured_count(lib.conn)
    called: list[int] = []
    rarity, weigh = here(lib, df, called)
    local = [item for part in batches(lib) for item in weigh(part)]
    found = [item for done in story_prep.weighing(lib, iter(batches(lib)), df, total, weigh)
             for item in done]  # fmt: skip
    assert called == [5, len(local) - 5, 5]  # the local run above, then the first batch here
    assert [(f.day, f.article_id) for f, _ in found] == store.feature_keys(lib.conn)
    scorer = Scorer(df)
    for n, ((mine, my_terms), (theirs, their_terms)) in enumerate(zip(local, found,
                                                                       strict=True)):
        assert their_terms == my_terms and (theirs.text == {}) == (n >= 5)  # hollow: workers
        assert arrays(theirs, scorer, rarity) == arrays(mine, scorer, rarity)
    a, b = found[0][0], [f for f, _ in found[1:]]
    assert scorer.similarities(a, b, rarity) == scorer.similarities(
        local[0][0], [f for f, _ in local[1:]], rarity)


def test_a_term_the_workers_were_not_given_is_weighed_here(lib: Library) -> None:
    df = store.document_frequencies(lib.conn)
    total = store.featured_count(lib.conn)
    first, second = batches(lib)
    rows = story_prep.stored(lib, second)
    missing = next(iter(sf.Features.from_row(*rows[-1]).terms() - set().union(
        *(sf.Features.from_row(*r).terms() for r in story_prep.stored(lib, first)))))
    given = {t: n for t, n in df.items() if t != missing}
    story_prep._start(given, total, lib.paths, lib.database)
    with pytest.raises(UnknownTerm):
        story_prep.weigh(second)
    called: list[int] = []
    _, weigh = here(lib, df, called)
    found = list(story_prep.weighing(lib, iter([first, second]), given, total, weigh))
    assert called == [len(first), len(second)]  # the first batch, then the one with the term
    assert found[1][0][0].text and found[0][0][0].text
