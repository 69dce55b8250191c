"""The library's entity index: named entities merged across articles (aliases, titles),
each entity's timeline, and the entities the reader follows (surfaced first).

Computed from the cached analyses (built-in engine); deterministic for the same library.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, TypeVar

from briefing.analysis.entities import most_frequent_full_form
from briefing.analysis.entity_keys import clean_name, is_full_name, merge_key
from briefing.analysis.mention_hygiene import is_prefixed
from briefing.clock import utc_now
from briefing.domain import ENTITY_LABELS, Analysis, Article, BriefingError, EngineInfo
from briefing.services.articles import DEFAULT_ENGINE, analysis_for, get_article, list_articles
from briefing.services.entity_summaries import (
    EntitySummary,
    each_entity_articles,
    summary_articles,
)
from briefing.services.entity_summaries import entity_summaries as summaries_of
from briefing.services.library import Library
from briefing.storage import entity_rows as entity_store
from briefing.storage import feeds as feed_store

VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})
"""Labels of values (not named entities): left out of the index."""


# ----------------------------------------------------------------- loading


@dataclass(frozen=True, slots=True)
class LoadedArticle:
    """An article with its analysis and the date used to order it."""

    article: Article
    analysis: Analysis

    @property
    def date(self) -> str:
        return self.article.published or self.article.imported_at


def load_articles(lib: Library, article_ids: Iterable[int] | None = None) -> list[LoadedArticle]:
    """The articles (all, or ``article_ids``) with their analyses, computing missing ones."""
    ids = [row.id for row in list_articles(lib)] if article_ids is None else list(article_ids)
    loaded = []
    for article_id in sorted(set(ids)):
        article = get_article(lib, article_id)
        loaded.append(LoadedArticle(article, analysis_for(lib, article)))
    return loaded


# ----------------------------------------------------------------- entities

def entity_key(name: str, label: str | None = None) -> str:
    """Comparable form of an entity name: the merge key stored with every analysis
    (:func:`briefing.analysis.entity_keys.merge_key`: case-folded; no punctuation, quotes,
    dashes or emoji; no leading "the", honorific, job title or sentence-opening word)."""
    return merge_key(name, label)


def _display_name(name: str, label: str, key: Callable[[str, str], str] | None = None) -> str:
    """``name`` without the title words its key drops ("Mayor Vitali Klitschko" -> ...)."""
    words = name.split()
    size = len((key or entity_key)(name, label).split())
    return " ".join(words[-size:]) if 0 < size < len(words) else name


class EntityArticle(NamedTuple):
    article_id: int
    date: str
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityEntry:
    """One entity across the library: its aliases merged, the articles that mention it."""

    name: str
    label: str
    aliases: tuple[str, ...]
    articles: tuple[EntityArticle, ...]  # ordered by date

    @property
    def key(self) -> str:
        return entity_key(self.name, self.label)

    @property
    def mention_count(self) -> int:
        return sum(a.mentions for a in self.articles)


@dataclass(frozen=True, slots=True)
class EntityResolution:
    """The merged index plus, per (article id, entity id), the entry's canonical key."""

    entries: tuple[EntityEntry, ...]
    keys: dict[tuple[int, str], str]

    def article_keys(self, article_id: int) -> set[str]:
        return {key for (aid, _), key in self.keys.items() if aid == article_id}


class _IndexBuilder:
    """Merges entities across articles in two passes, from analyses or from SQL rows.

    Pass 1 (``add_names``) learns every entity's key and which longer names each alias
    belongs to; pass 2 (``add``) files each (article, entity) under its merged key. Memory:
    the distinct names and the (entry, article) pairs of the result, nothing per object.
    """

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], str] = {}
        self._alias_owners: dict[str, set[str]] = defaultdict(set)
        self._surfaces: dict[str, set[str]] = defaultdict(set)
        self._target: dict[str, str] | None = None
        self._groups: dict[str, _Accumulator] = {}

    def key(self, name: str, label: str) -> str:
        found = self._keys.get((name, label))
        if found is None:
            found = self._keys[(name, label)] = entity_key(name, label)
        return found

    def add_names(self, name: str, label: str, aliases: Iterable[str]) -> None:
        full = self.key(name, label)
        if not full:
            return
        surfaces = self._surfaces[full]
        surfaces.add(name)
        for alias in aliases:
            surfaces.add(alias)
            key = self.key(alias, label)
            if key and key != full:
                self._alias_owners[key].add(full)

    def add(self, article_id: int, date: str, name: str, label: str, mentions: int) -> str:
        """File one article's entity; returns the merged key it went under ('' if none)."""
        key = self._keys.get((name, label))
        if key is None:
            key = self.key(name, label)
        if not key:
            return ""
        target = self._target
        if target is None:
            target = self._target = _targets(self._surfaces.keys(), self._alias_owners)
        root = target.get(key, key)
        group = self._groups.get(root)
        if group is None:
            group = self._groups[root] = _Accumulator()
        group.add(article_id, date, name, label, mentions, is_full_name(name, key))
        if key not in group.keys:
            group.keys.add(key)
            group.aliases.update(self._surfaces.get(key, (name,)))
        return root

    def entries(self) -> dict[str, EntityEntry]:
        """Merged key -> entry, most widespread first."""
        built = {root: group.entry(self) for root, group in self._groups.items()}
        order = sorted(built, key=lambda r: _rank(built[r]))
        return {root: built[root] for root in order}


def _rank(e: EntityEntry) -> tuple[int, int, str, str, str, tuple[str, ...]]:
    """Most widespread first; the rest only makes the order total (deterministic)."""
    return (-len(e.articles), -e.mention_count, e.name.casefold(), e.name, e.label, e.aliases)


def _targets(keys: Iterable[str], alias_owners: dict[str, set[str]]) -> dict[str, str]:
    """A name that is only ever an alias of one longer name joins it ("Putin" -> "Vladimir
    Putin"); one shared by several ("Smith") stays on its own. Chains are followed."""
    target = {key: key for key in keys}
    for key in target:
        owners = alias_owners.get(key, set()) - {key}
        if len(owners) == 1:
            target[key] = next(iter(owners))
    for key in target:  # follow chains a -> b -> c (bounded: no cycles of distinct keys)
        seen = {key}
        while target.get(target[key], target[key]) != target[key] and target[key] not in seen:
            seen.add(target[key])
            target[key] = target[target[key]]
    return target


class _Accumulator:
    """One merged entity while the index is built (plain dicts: there are many of these)."""

    __slots__ = ("aliases", "keys", "labels", "names", "per_article", "person")

    def __init__(self) -> None:
        self.names: dict[str, int] = {}
        self.labels: dict[str, int] = {}
        self.aliases: set[str] = set()
        self.keys: set[str] = set()
        self.per_article: dict[int, tuple[str, int]] = {}
        self.person = False

    def add(
        self, article_id: int, date: str, name: str, label: str, mentions: int, full: bool
    ) -> None:
        names, labels = self.names, self.labels
        names[name] = names.get(name, 0) + (mentions or 1)
        labels[label] = labels.get(label, 0) + 1
        if full and label == "PERSON":
            self.person = True
        old = self.per_article.get(article_id)
        self.per_article[article_id] = (date, mentions) if old is None else (
            old[0], old[1] + mentions
        )  # fmt: skip

    def entry(self, builder: _IndexBuilder) -> EntityEntry:
        labels = self.labels
        # One person, one type: a full personal name anywhere makes the entity a PERSON.
        if self.person:
            label = "PERSON"
        elif len(labels) == 1:
            label = next(iter(labels))
        else:
            label = min(labels, key=lambda lab: (-labels[lab], ENTITY_LABELS.index(lab)))
        name = _display_name(canonical_name(self.names, label, builder.key), label, builder.key)
        if len(self.per_article) == 1:
            [(aid, (date, count))] = self.per_article.items()
            articles: tuple[EntityArticle, ...] = (EntityArticle(aid, date, count),)
        else:
            articles = tuple(sorted(
                (EntityArticle(aid, date, n) for aid, (date, n) in self.per_article.items()),
                key=lambda a: (a.date, a.article_id),
            ))  # fmt: skip
        surfaces = self.aliases.union(self.names)
        aliases = (
            tuple(surfaces)
            if len(surfaces) == 1
            else tuple(sorted(surfaces, key=lambda a: (a.casefold(), a)))
        )
        return EntityEntry(name, label, aliases, articles)


def canonical_name(
    names: Mapping[str, int], label: str, key: Callable[[str, str], str] = entity_key
) -> str:
    """The most frequent full form of an entity's names (as within one article: see
    ``most_frequent_full_form``); a form behind a prefix word ("New South Dakota", "Now
    Assange") counts as the form without it."""
    from briefing.analysis.resources import gazetteer

    places = gazetteer().__contains__
    if len(names) == 1:
        [only] = names
        if only == clean_name(only) and not is_prefixed(_display_name(only, label, key), places):
            return only
    forms: Counter[str] = Counter()
    for n, count in names.items():
        shown = _display_name(clean_name(n) or n, label, key)
        forms[shown.split(" ", 1)[1] if is_prefixed(shown, places) else clean_name(n) or n] += count
    return most_frequent_full_form(forms, lambda n: key(n, label))


def resolve_entities(docs: Sequence[LoadedArticle]) -> EntityResolution:
    """Merge the named entities (not values) of ``docs`` by name and unambiguous alias."""
    builder = _IndexBuilder()
    for doc in docs:
        for entity in doc.analysis.entities:
            if entity.label not in VALUE_LABELS:
                builder.add_names(entity.name, entity.label, entity.aliases)
    roots: dict[tuple[int, str], str] = {}
    for doc in docs:
        for entity in doc.analysis.entities:
            if entity.label in VALUE_LABELS:
                continue
            root = builder.add(
                doc.article.id, doc.date, entity.name, entity.label, len(entity.mentions)
            )
            if root:
                roots[(doc.article.id, entity.id)] = root
    entries = builder.entries()
    keys = {pair: entries[root].key for pair, root in roots.items()}
    return EntityResolution(tuple(entries.values()), keys)


def _stored_engine(lib: Library, ids: set[int] | None) -> EngineInfo:
    """The default engine, after computing and storing the analyses missing for it."""
    from briefing.analysis import engine_info
    from briefing.services.bulk_analysis import analyse_missing

    info = engine_info(DEFAULT_ENGINE)
    missing = entity_store.articles_without_analysis(lib.conn, info, ids)
    analyse_missing(lib, missing, DEFAULT_ENGINE)  # builds the engine only when some are
    return info


def entity_summaries(lib: Library, article_ids: Iterable[int] | None = None) -> list[EntitySummary]:
    """Every named entity of the library (or of ``article_ids``) with its counts, most
    widespread first: grouped in SQL (missing analyses are computed and stored first)."""
    ids = None if article_ids is None else set(article_ids)
    return summaries_of(lib, _stored_engine(lib, ids), ids)


def entity_index(lib: Library, article_ids: Iterable[int] | None = None) -> list[EntityEntry]:
    """Every named entity of the library (or of ``article_ids``) with its articles, most
    widespread first. Grouped in SQL over the stored merge keys (missing analyses are
    computed and stored first); no Article or Analysis object is loaded."""
    return list(iter_entity_index(lib, article_ids))


def iter_entity_index(
    lib: Library, article_ids: Iterable[int] | None = None
) -> Iterator[EntityEntry]:
    """:func:`entity_index` one entry at a time (for output written as it is read)."""
    ids = None if article_ids is None else set(article_ids)
    engine = _stored_engine(lib, ids)
    summaries = summaries_of(lib, engine, ids)
    for s, articles in each_entity_articles(lib, engine, summaries, ids):
        yield EntityEntry(s.name, s.label, s.aliases, tuple(EntityArticle(*a) for a in articles))


class _Named(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


Named = TypeVar("Named", bound=_Named)


def find_entity(entries: Iterable[Named], name: str) -> Named | None:
    """The entry whose name or one of whose aliases is ``name`` (case-insensitive)."""
    wanted = {entity_key(name), entity_key(name, "ORG")}
    by_alias = None
    surname: list[Named] = []
    for entry in entries:
        if entry.key in wanted:
            return entry
        if by_alias is None and any(entity_key(a, entry.label) in wanted for a in entry.aliases):
            by_alias = entry
        if entry.label == "PERSON" and entry.key.split()[-1:] == [entity_key(name)]:
            surname.append(entry)
    if by_alias is None and len(surname) == 1:  # "Putin" -> the only "... Putin"
        return surname[0]
    return by_alias


class EntityMention(NamedTuple):
    """One article on an entity's timeline."""

    article_id: int
    title: str
    date: str
    mentions: int


def articles_for_entity(lib: Library, name: str) -> list[EntityMention]:
    """The entity's timeline: the articles that mention it, oldest first (only its own
    articles are read, through the merge-key index)."""
    engine = _stored_engine(lib, None)
    entry = find_entity(summaries_of(lib, engine), name)
    if entry is None:
        return []
    articles = summary_articles(lib, engine, entry)
    titles = entity_store.article_titles(lib.conn, [aid for aid, _, _ in articles])
    return [EntityMention(aid, titles.get(aid, ""), day, n) for aid, day, n in articles]


# ----------------------------------------------------------------- following


def follow_entity(lib: Library, name: str) -> str:
    """Follow an entity (stored by its canonical name when the library knows it)."""
    if not name.strip():
        raise BriefingError("an entity name cannot be empty")
    entry = find_entity(entity_summaries(lib), name)
    chosen = entry.name if entry else " ".join(name.split())
    with lib.transaction() as conn:
        feed_store.follow(conn, chosen, utc_now())
    return chosen


def unfollow_entity(lib: Library, name: str) -> None:
    with lib.transaction() as conn:
        feed_store.unfollow(conn, " ".join(name.split()))


def followed_entities(lib: Library) -> list[str]:
    return [name for name, _ in feed_store.followed(lib.conn)]


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


Row = TypeVar("Row", bound=_HasId)


def followed_first(lib: Library, rows: Sequence[Row]) -> list[Row]:
    """``rows`` (anything with an article ``id``) with articles about followed entities first.

    Among those, articles imported since the entity was followed come before older ones;
    otherwise the given order is kept.
    """
    follows = feed_store.followed(lib.conn)
    if not follows or not rows:
        return list(rows)
    ids = {row.id for row in rows}
    engine = _stored_engine(lib, ids)
    entries = summaries_of(lib, engine, ids)
    since: dict[int, str] = {}
    for name, followed_at in follows:
        entry = find_entity(entries, name)
        for aid, _, _ in summary_articles(lib, engine, entry, ids) if entry else ():
            since[aid] = min(since.get(aid, followed_at), followed_at)
    imported = entity_store.imported_times(lib.conn, since)

    def rank(position_row: tuple[int, Row]) -> tuple[int, int]:
        position, row = position_row
        if row.id not in since:
            return (2, position)
        return (0 if imported.get(row.id, "") >= since[row.id] else 1, position)

    return [row for _, row in sorted(enumerate(rows), key=rank)]
