"""The library's entity index from grouped SQL (``entity_refs``, schema_v15.sql): the merge is
worked out over distinct names (a few per entity), and only the counts, or the articles of
the entities asked for, come back per merged entity. No per-article row reaches Python for
the listing; the whole index with every article is one more grouped query.

Same merge rules as :class:`briefing.services.crossref_entities._IndexBuilder` (which merges
loaded analyses): a name only ever an alias of one longer name joins it; one person, one
type; the canonical name is the most frequent full form, never a phrase with a prefix word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from briefing.analysis.entity_keys import is_full_name
from briefing.domain import ENTITY_LABELS, EngineInfo
from briefing.services.gc_pause import gc_paused
from briefing.services.library import Library
from briefing.storage import entity_index as index_store


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One merged entity: its name, type and aliases, how many articles name it and how
    often, and the merge keys of its names (to read its articles)."""

    name: str
    label: str
    aliases: tuple[str, ...]
    article_count: int
    mention_count: int
    keys: tuple[str, ...]

    @property
    def key(self) -> str:
        from briefing.analysis.entity_keys import merge_key

        return merge_key(self.name, self.label)


class _Group:
    __slots__ = ("keys", "labels", "names", "person")

    def __init__(self) -> None:
        self.names: dict[str, int] = {}
        self.labels: dict[str, int] = {}
        self.keys: set[str] = set()
        self.person = False

    def label(self) -> str:
        labels = self.labels
        if self.person:  # one person, one type: a full personal name anywhere decides
            return "PERSON"
        return min(labels, key=lambda lab: (-labels[lab], ENTITY_LABELS.index(lab)))


@dataclass(frozen=True, slots=True)
class _Merged:
    groups: dict[str, _Group]  # root key -> its names
    surfaces: dict[str, set[str]]  # merge key -> names and aliases


def _merge(lib: Library, engine: EngineInfo, ids: Collection[int] | None) -> _Merged:
    from briefing.services.crossref_entities import _targets

    names = list(index_store.name_counts(lib.conn, engine, ids))
    surfaces: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for key, name, _, _, _ in names:
        if key:
            surfaces[key].add(name)
    for key, alias, alias_key in index_store.alias_keys(lib.conn, engine, ids):
        if key:
            surfaces[key].add(alias)
            if alias_key and alias_key != key:
                owners[alias_key].add(key)
    target = _targets(surfaces.keys(), owners)
    groups: dict[str, _Group] = {}
    for key, name, label, rows, weighted in names:
        if not key:
            continue
        root = target.get(key, key)
        group = groups.get(root) or groups.setdefault(root, _Group())
        group.keys.add(key)
        group.names[name] = group.names.get(name, 0) + weighted
        group.labels[label] = group.labels.get(label, 0) + rows
        group.person = group.person or (label == "PERSON" and is_full_name(name, key))
    return _Merged(groups, surfaces)


def entity_summaries(
    lib: Library, engine: EngineInfo, article_ids: Iterable[int] | None = None
) -> list[EntitySummary]:
    """Every named entity of the library (or of ``article_ids``), most widespread first,
    from the analyses ``engine`` stored (none is computed here)."""
    from briefing.services.crossref_entities import _display_name, canonical_name

    ids = None if article_ids is None else set(article_ids)
    with gc_paused():
        merged = _merge(lib, engine, ids)
        roots = list(merged.groups)
        counts = _counts(lib, engine, merged, roots, ids)
        found = []
        for n, root in enumerate(roots):
            group = merged.groups[root]
            label = group.label()
            name = _display_name(canonical_name(group.names, label), label)
            surfaces = set(group.names).union(*(merged.surfaces[k] for k in group.keys))
            articles, mentions = counts.get(n, (0, 0))
            found.append(EntitySummary(
                name, label, tuple(sorted(surfaces, key=lambda a: (a.casefold(), a))),
                articles, mentions, tuple(sorted(group.keys)),
            ))  # fmt: skip
    found.sort(key=_rank)
    return [s for s in found if s.article_count]


def _counts(
    lib: Library, engine: EngineInfo, merged: _Merged, roots: list[str],
    ids: Collection[int] | None,
) -> dict[int, tuple[int, int]]:  # fmt: skip
    """Entity number -> (distinct articles, mentions): an entity of one merge key from the
    per-key counts, one of several keys from their rows (an article naming two is one)."""
    per_key = {
        key: (articles, mentions)
        for key, articles, mentions in index_store.key_counts(lib.conn, engine, ids)
    }
    counts: dict[int, tuple[int, int]] = {}
    several: dict[str, int] = {}
    for n, root in enumerate(roots):
        keys = merged.groups[root].keys
        if len(keys) == 1:
            [key] = keys
            counts[n] = per_key.get(key, (0, 0))
        else:
            several.update(dict.fromkeys(keys, n))
    if several:
        for n, articles, mentions in index_store.root_counts(lib.conn, engine, several, ids):
            counts[n] = (articles, mentions)
    return counts


def _rank(e: EntitySummary) -> tuple[int, int, str, str, str, tuple[str, ...]]:
    """As ``crossref_entities._rank``: most widespread first, then a total order."""
    return (-e.article_count, -e.mention_count, e.name.casefold(), e.name, e.label, e.aliases)


def summary_articles(
    lib: Library, engine: EngineInfo, summary: EntitySummary,
    article_ids: Iterable[int] | None = None,
) -> list[tuple[int, str, int]]:  # fmt: skip
    """(article id, date, mentions) of the articles naming ``summary``, oldest first."""
    ids = None if article_ids is None else set(article_ids)
    return index_store.key_articles(lib.conn, engine, summary.keys, ids)


def each_entity_articles(
    lib: Library, engine: EngineInfo, summaries: list[EntitySummary],
    article_ids: Iterable[int] | None = None,
) -> Iterator[tuple[EntitySummary, list[tuple[int, str, int]]]]:  # fmt: skip
    """Each of ``summaries`` in order with its (article id, date, mentions), oldest first:
    one grouped query for all, read as it goes (one entity's articles held at a time)."""
    ids = None if article_ids is None else set(article_ids)
    numbers = {key: n for n, s in enumerate(summaries) for key in s.keys}
    rows = index_store.root_articles(lib.conn, engine, numbers, ids)
    pending = next(rows, None)
    for n, summary in enumerate(summaries):
        articles: list[tuple[int, str, int]] = []
        while pending is not None and pending[0] == n:
            articles.append(pending[1:])
            pending = next(rows, None)
        yield summary, articles
