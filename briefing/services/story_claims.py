"""Claim comparisons of stored stories, cached in the library: a story's figures are lined
up once (:func:`briefing.services.crossref_claims.compare_claims`) and read back while its
articles and their texts stay the same, so listing every story stays fast. Lining them up
costs 20–40 ms a story, so a listing of a large library makes at most a fixed number of new
ones per run (:func:`listed_comparisons`); the rest come from the cache or on a later run.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields

from briefing.services.crossref_claims import ClaimComparison, ClaimVersion, compare_claims
from briefing.services.crossref_clusters import Cluster
from briefing.services.library import Library
from briefing.storage import stories as store

FORMAT = 2
"""Bumped whenever comparisons are made differently: older cached ones are made again."""


def _signature(lib: Library, cluster: Cluster) -> str:
    hashes = store.text_hashes(lib.conn, cluster.article_ids)
    return f"{FORMAT}|" + ",".join(f"{a}:{hashes.get(a, '')}" for a in cluster.article_ids)


NEW_PER_LISTING = 100
"""At most this many stories get their figures compared afresh by one listing."""


def cached_comparisons(lib: Library, cluster: Cluster) -> list[ClaimComparison] | None:
    """The cluster's claim comparisons if cached for its current articles, else None."""
    cached = store.cached_claims(lib.conn, min(cluster.article_ids), _signature(lib, cluster))
    return None if cached is None else [_comparison(item) for item in json.loads(cached)]


def listed_comparisons(lib: Library, clusters: Sequence[Cluster], *,
                       limit: int | None = NEW_PER_LISTING
                       ) -> list[list[ClaimComparison] | None]:  # fmt: skip
    """Each cluster's comparisons: cached ones, and new ones for the first ``limit``
    clusters without (all when ``limit`` is None); None for the clusters left for later."""
    found: list[list[ClaimComparison] | None] = []
    made = 0
    for cluster in clusters:
        comparisons = cached_comparisons(lib, cluster)
        if comparisons is None and (limit is None or made < limit):
            comparisons = story_comparisons(lib, cluster)
            made += 1
        found.append(comparisons)
    return found


def story_comparisons(lib: Library, cluster: Cluster) -> list[ClaimComparison]:
    """The cluster's claim comparisons, from the cache when its articles are unchanged."""
    cached = cached_comparisons(lib, cluster)
    if cached is not None:
        return cached
    key = min(cluster.article_ids)
    signature = _signature(lib, cluster)
    found = compare_claims(lib, cluster)
    data = json.dumps([_plain(c) for c in found], ensure_ascii=False, separators=(",", ":"))
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
