"""Claim comparisons of stored stories, cached in the library: a story's figures are lined
up once (:func:`briefing.services.crossref_claims.compare_claims`) and read back while its
articles and their texts stay the same, so listing every story stays fast.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from briefing.services.crossref_claims import ClaimComparison, ClaimVersion, compare_claims
from briefing.services.crossref_clusters import Cluster
from briefing.services.library import Library
from briefing.storage import stories as store

FORMAT = 2
"""Bumped whenever comparisons are made differently: older cached ones are made again."""


def _signature(lib: Library, cluster: Cluster) -> str:
    hashes = store.text_hashes(lib.conn, cluster.article_ids)
    return f"{FORMAT}|" + ",".join(f"{a}:{hashes.get(a, '')}" for a in cluster.article_ids)


def story_comparisons(lib: Library, cluster: Cluster) -> list[ClaimComparison]:
    """The cluster's claim comparisons, from the cache when its articles are unchanged."""
    key = min(cluster.article_ids)
    signature = _signature(lib, cluster)
    cached = store.cached_claims(lib.conn, key, signature)
    if cached is not None:
        return [_comparison(item) for item in json.loads(cached)]
    found = compare_claims(lib, cluster)
    data = json.dumps([asdict(c) for c in found], ensure_ascii=False, separators=(",", ":"))
    with lib.transaction() as conn:
        store.put_claims(conn, key, signature, data)
    return found


def _comparison(item: dict[str, object]) -> ClaimComparison:
    versions = item.pop("versions")
    assert isinstance(versions, list)
    return ClaimComparison(versions=tuple(ClaimVersion(**v) for v in versions),
                           **item)  # type: ignore[arg-type]
