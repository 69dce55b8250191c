"""Claim comparisons of stored stories (services.story_claims): made at most ``limit`` a
listing, cached, and — when they hold many articles — made in worker processes, the same
comparisons and the same cache as made in this process."""

from __future__ import annotations

import pytest

from briefing.services import Library
from briefing.services import story_claims as sc
from briefing.services.story_store import catch_up, stored_clusters
from tests.unit.crossref.conftest import StorySet


@pytest.fixture
def placed(fresh: StorySet) -> StorySet:
    catch_up(fresh.lib)
    return fresh


def cache(lib: Library) -> list[tuple[object, ...]]:
    return lib.conn.execute("SELECT * FROM story_claims ORDER BY story_id").fetchall()


def test_a_listing_makes_at_most_limit_and_caches_them(placed: StorySet,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.services import story_extract

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a few small stories are compared here: workers cost more")

    monkeypatch.setattr(story_extract, "in_order", no_pool)
    lib = placed.lib
    found = stored_clusters(lib)
    assert len(found) == 3
    first = sc.listed_comparisons(lib, found, limit=1)
    assert first[0] is not None and first[1:] == [None, None]
    assert len(cache(lib)) == 1
    again = sc.listed_comparisons(lib, found, limit=1)  # the first from the cache
    assert again[0] == first[0] and again[1] is not None and again[2] is None
    assert any(c.differs for c in first[0] + again[1])  # the sample stories disagree somewhere


def test_workers_compare_as_this_process_does(placed: StorySet,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    lib = placed.lib
    found = stored_clusters(lib)
    here_made = sc.listed_comparisons(lib, found, limit=None)
    stored = cache(lib)
    with lib.transaction() as conn:
        conn.execute("DELETE FROM story_claims")
    monkeypatch.setattr(sc, "PARALLEL_MIN", 1)  # any article
    monkeypatch.setattr(sc, "PER_TASK", 1)  # three tasks for two workers
    tasks: list[int] = []
    from briefing.services import story_extract

    real_order = story_extract.in_order

    def counting(*args: object, **kwargs: object) -> object:
        tasks.append(1)
        return real_order(*args, **kwargs)  # type: ignore[arg-type]

    compared_here: list[int] = []
    real_compare = sc._compare

    def here(lib: Library, cluster: object) -> object:
        compared_here.append(1)
        return real_compare(lib, cluster)  # type: ignore[arg-type]

    monkeypatch.setattr(story_extract, "in_order", counting)
    monkeypatch.setattr(sc, "_compare", here)  # spawned workers import their own
    assert sc.listed_comparisons(lib, found, limit=None) == here_made
    assert tasks == [1] and cache(lib) == stored
    assert compared_here == [1]  # the first task here, the two others in workers
