"""Reading across articles, one import for the CLI and the GUI: the entity index and
timelines, followed entities, story clusters, briefs from a cluster, claim comparison.

The work is split by responsibility: :mod:`briefing.services.crossref_entities`,
:mod:`briefing.services.crossref_clusters` and :mod:`briefing.services.crossref_claims`.
"""

from __future__ import annotations

from briefing.services.crossref_claims import (
    ClaimComparison,
    ClaimVersion,
    compare_claims,
    find_quantities,
)
from briefing.services.crossref_clusters import (
    Cluster,
    brief_from_cluster,
    clusters,
    pair_similarities,
    similarity_matrix,
)
from briefing.services.crossref_entities import (
    EntityEntry,
    EntityMention,
    LoadedArticle,
    articles_for_entity,
    entity_index,
    entity_key,
    entity_summaries,
    find_entity,
    follow_entity,
    followed_entities,
    followed_first,
    iter_entity_index,
    load_articles,
    resolve_entities,
    unfollow_entity,
)

__all__ = [
    "ClaimComparison",
    "ClaimVersion",
    "Cluster",
    "EntityEntry",
    "EntityMention",
    "LoadedArticle",
    "articles_for_entity",
    "brief_from_cluster",
    "clusters",
    "compare_claims",
    "entity_index",
    "entity_key",
    "entity_summaries",
    "find_entity",
    "find_quantities",
    "follow_entity",
    "followed_entities",
    "followed_first",
    "iter_entity_index",
    "load_articles",
    "pair_similarities",
    "resolve_entities",
    "similarity_matrix",
    "unfollow_entity",
]
