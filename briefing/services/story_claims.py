"""Claim comparisons of stored stories, cached in the library: a story's figures are lined
up once (:func:`briefing.services.crossref_claims.compare_claims`) and read back while its
articles and their texts stay the same, so listing every story stays fast. Lining them up
costs 20–40 ms a story (more for the biggest), so a listing of a large library makes at most
a fixed number of new ones per run (:func:`listed_comparisons`), in worker processes when they
hold many articles; the rest come from the cache or on a later run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import fields
from itertools import islice

from briefing.services.crossref_claims import ClaimComparison, ClaimVersion, compare_claims
from briefing.services.crossref_clusters import Cluster
from briefing.services.library import Library, open_worker_library, worker_library
from briefing.storage import stories as store

FORMAT = 2
"""Bumped whenever comparisons are made differently: older cached ones are made again."""


def _signature(lib: Library, cluster: Cluster, hashes: dict[int, str] | None = None) -> str:
    """What the cached comparisons were made from: the articles and their texts' hashes
    (``hashes`` when read already)."""
    if hashes is None:
        hashes = store.text_hashes(lib.conn, cluster.article_ids)
    return f"{FORMAT}|" + ",".join(f"{a}:{hashes.get(a, '')}" for a in cluster.article_ids)


NEW_PER_LISTING = 100
"""At most this many stories get their figures compared afresh by one listing."""


def cached_comparisons(lib: Library, cluster: Cluster) -> list[ClaimComparison] | None:
    """The cluster's claim comparisons if cached for its current articles, else None."""
    cached = store.cached_claims(lib.conn, min(cluster.article_ids), _signature(lib, cluster))
    return None if cached is None else [_comparison(item) for item in json.loads(cached)]


def _all_cached(lib: Library, clusters: Sequence[Cluster]
                ) -> list[list[ClaimComparison] | None]:  # fmt: skip
    """:func:`cached_comparisons` of each cluster, the signatures read in two queries (one
    for the articles' text hashes, one for the cached signatures) instead of two a story."""
    hashes = store.text_hashes(lib.conn, (a for c in clusters for a in c.article_ids))
    kept = store.claims_signatures(lib.conn, (min(c.article_ids) for c in clusters))
    found: list[list[ClaimComparison] | None] = []
    for cluster in clusters:
        key = min(cluster.article_ids)
        signature = _signature(lib, cluster, hashes)
        cached = store.cached_claims(lib.conn, key, signature) if kept.get(key) == signature \
            else None
        found.append(None if cached is None else [_comparison(i) for i in json.loads(cached)])
    return found


PARALLEL_MIN = 2_000
"""At least this many articles in the stories to compare afresh: they are compared in worker
processes (starting them costs about 0.3 s, lining up a story about 1 ms per article: at
10,000 articles the 100 stories of a listing, 788 articles, took 0.87 s here and 0.96 s in
workers; at 100,000 they hold 5,365 articles and workers halve the time)."""
PER_TASK = 4
"""Stories a worker compares per task (the biggest first: tasks end at about the same time)."""


def listed_comparisons(lib: Library, clusters: Sequence[Cluster], *,
                       limit: int | None = NEW_PER_LISTING
                       ) -> list[list[ClaimComparison] | None]:  # fmt: skip
    """Each cluster's comparisons: cached ones, and new ones for the first ``limit``
    clusters without (all when ``limit`` is None); None for the clusters left for later."""
    found = _all_cached(lib, clusters)
    todo = [n for n, comparisons in enumerate(found) if comparisons is None]
    todo = todo if limit is None else todo[:limit]
    made = _compared(lib, [clusters[n] for n in todo])
    for n, comparisons in zip(todo, made, strict=True):
        found[n] = comparisons
    return found


Compared = tuple[int, str, str, list[ClaimComparison]]
"""A story compared afresh: its cache key and signature, the cache's JSON, the comparisons."""


def _compared(lib: Library, clusters: list[Cluster]) -> Iterator[list[ClaimComparison]]:
    """The comparisons of ``clusters`` (none cached), made in worker processes when they hold
    at least ``PARALLEL_MIN`` articles, each stored in the cache as it comes."""
    if sum(len(cluster.article_ids) for cluster in clusters) < PARALLEL_MIN:
        for cluster in clusters:
            yield story_comparisons(lib, cluster)
        return
    from briefing.services.story_extract import in_order

    pending = iter(clusters)
    tasks = iter(lambda: list(islice(pending, PER_TASK)), [])

    def here(part: list[Cluster]) -> list[Compared]:
        return [_compare(lib, cluster) for cluster in part]

    for done in in_order(_compare_in_worker, tasks, parallel=True, here=here,
                         start=(open_worker_library, (lib.paths, lib.database))):  # fmt: skip
        with lib.transaction() as conn:
            for key, signature, data, _ in done:
                store.put_claims(conn, key, signature, data)
        yield from (comparisons for *_, comparisons in done)


def _compare(lib: Library, cluster: Cluster) -> Compared:
    found = compare_claims(lib, cluster)
    data = json.dumps([_plain(c) for c in found], ensure_ascii=False, separators=(",", ":"))
    return min(cluster.article_ids), _signature(lib, cluster), data, found


def _compare_in_worker(part: list[Cluster]) -> list[Compared]:
    lib = worker_library()
    return [_compare(lib, cluster) for cluster in part]


def story_comparisons(lib: Library, cluster: Cluster) -> list[ClaimComparison]:
    """The cluster's claim comparisons, from the cache when its articles are unchanged."""
    cached = cached_comparisons(lib, cluster)
    if cached is not None:
        return cached
    key, signature, data, found = _compare(lib, cluster)
    with lib.transaction() as conn:
        store.put_claims(conn, key, signature, data)
    return found


_FIELDS = tuple(f.name for f in fields(ClaimComparison))
_VERSION_FIELDS = tuple(f.name for f in fields(ClaimVersion))


def _plain(comparison: ClaimComparison) -> dict[str, object]:
    """``dataclasses.asdict(comparison)`` (the cached form), made directly: the fields are
    plain values, so there is nothing to copy deeply (asdict took ~8% of the comparisons)."""
    item: dict[str, object] = {name: getattr(comparison, name) for name in _FIELDS}
    item["versions"] = [{name: getattr(v, name) for name in _VERSION_FIELDS}
                        for v in comparison.versions]  # fmt: skip
    return item


def _comparison(item: dict[str, object]) -> ClaimComparison:
    versions = item.pop("versions")
    assert isinstance(versions, list)
    return ClaimComparison(versions=tuple(ClaimVersion(**v) for v in versions),
                           **item)  # type: ignore[arg-type]
