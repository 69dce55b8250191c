"""The library's filters: the tags and entities the library can be filtered by, and the
articles each keeps.

:func:`filter_facets` is what the reader's filters show: every tag and the entities named in
most articles, each with its number of articles, counted by GROUP BY in SQL (entities by
their merge key, see :mod:`briefing.analysis.entity_keys`); the articles of one choice are
read when it is chosen. :func:`library_facets` gives every article's tags and entity names.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.domain import EngineInfo
from briefing.services.gc_pause import gc_paused
from briefing.services.library import Library
from briefing.storage import entity_index as index_store
from briefing.storage import facets as facet_store

TOP_ENTITIES = 300
"""Entities the entity filter offers: those named in most articles."""


@dataclass(frozen=True, slots=True)
class FilterChoice:
    """One entry of a filter: a tag, or an entity (its name as shown and its merge keys)."""

    value: str
    keys: tuple[str, ...]
    articles: int


@dataclass(frozen=True, slots=True)
class FilterFacets:
    """Every tag (by name) and the entities named in most articles (most first)."""

    tags: tuple[FilterChoice, ...]
    entities: tuple[FilterChoice, ...]


def filter_facets(
    lib: Library, engine_info: EngineInfo, limit: int | None = None
) -> FilterFacets:
    """The filters' entries (at most ``limit`` entities, default :data:`TOP_ENTITIES`), from
    analyses by exactly ``engine_info`` (none is computed here)."""
    with facet_store.read_snapshot(lib.conn) as conn:
        tags = facet_store.tag_counts(conn)
        top = index_store.top_keys(conn, engine_info, TOP_ENTITIES if limit is None else limit)
        names = list(index_store.key_names(conn, engine_info, [key for key, _ in top]))
    shown = _shown_names(names)
    return FilterFacets(
        tuple(FilterChoice(tag, (), n) for tag, n in tags),
        tuple(FilterChoice(shown[key], (key,), n) for key, n in top if key in shown),
    )


def _shown_names(names: list[tuple[str, str, str, int, int]]) -> dict[str, str]:
    """Merge key -> the name shown for it (as in the entity index: the most frequent full
    form, cleaned, without title words)."""
    from briefing.analysis.entity_keys import is_full_name
    from briefing.services.crossref_entities import _display_name, canonical_name
    from briefing.services.entity_summaries import _Group

    groups: dict[str, _Group] = {}
    for key, name, label, rows, weighted in names:
        group = groups.get(key) or groups.setdefault(key, _Group())
        group.names[name] = group.names.get(name, 0) + weighted
        group.labels[label] = group.labels.get(label, 0) + rows
        group.person = group.person or (label == "PERSON" and is_full_name(name, key))
    shown = {}
    for key, group in groups.items():
        label = group.label()
        shown[key] = _display_name(canonical_name(group.names, label), label)
    return shown


def entity_choice(lib: Library, engine_info: EngineInfo, name: str) -> FilterChoice | None:
    """The filter entry of the entity called ``name`` (any spelling), None when no article
    names it."""
    from briefing.analysis.entity_keys import merge_key

    for key in dict.fromkeys((merge_key(name), merge_key(name, "ORG"))):
        names = list(index_store.key_names(lib.conn, engine_info, [key])) if key else []
        if names:
            count = len(index_store.key_articles(lib.conn, engine_info, [key]))
            return FilterChoice(_shown_names(names)[key], (key,), count)
    return None


def choice_article_ids(lib: Library, engine_info: EngineInfo, choice: FilterChoice) -> set[int]:
    """Ids of the articles a filter entry keeps (a tag's when it has no keys)."""
    if not choice.keys:
        return facet_store.tag_article_ids(lib.conn, choice.value)
    return {aid for aid, _, _ in index_store.key_articles(lib.conn, engine_info, choice.keys)}


@dataclass(frozen=True, slots=True)
class LibraryFacets:
    """Per article id: the tags of its annotations, and the names of the PERSON/ORG/LOC/MISC
    entities of the analysis cached for its current text (by one engine). Every article of
    the library is a key of both maps, with an empty set when it has nothing."""

    tags: dict[int, frozenset[str]]
    entities: dict[int, frozenset[str]]


def library_facets(lib: Library, engine_info: EngineInfo) -> LibraryFacets:
    """Tags and entity names per article; entities come only from an analysis by exactly
    ``engine_info`` (name and version) of the article's current text, never computed here."""
    with gc_paused():  # 100,000 sets built: no collection pauses meanwhile
        tags, entities = facet_store.facet_rows(lib.conn, engine_info)  # one snapshot
    return LibraryFacets(tags, entities)
