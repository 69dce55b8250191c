"""The library's filters: which tags and which entity names each article can be found by.

Read in bulk (two queries, see :mod:`briefing.storage.facets`) rather than by loading every
article, its annotations and its analysis one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.domain import EngineInfo
from briefing.services.gc_pause import gc_paused
from briefing.services.library import Library
from briefing.storage import facets as facet_store


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
