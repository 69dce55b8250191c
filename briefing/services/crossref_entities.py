"""The library's entity index: named entities merged across articles (aliases, titles),
each entity's timeline, and the entities the reader follows (surfaced first).

Computed from the cached analyses (built-in engine); deterministic for the same library.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, TypeVar

from briefing.analysis.tokens import word_set
from briefing.clock import utc_now
from briefing.domain import ENTITY_LABELS, Analysis, Article, BriefingError
from briefing.services.articles import analysis_for, get_article, list_articles
from briefing.services.library import Library
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

_KEY_DROP = re.compile(r"[.\u2019']|^the\s+")


_TITLES = word_set(
    "mayor president premier minister governor chancellor king queen pope senator general "
    "gen captain ceo secretary ambassador judge dr mr mrs ms prof sir dame lord envoy "
    "commander spokesman spokeswoman spokesperson chairman chairwoman chair"
)


def entity_key(name: str, label: str | None = None) -> str:
    """Comparable form of an entity name: case-folded, without dots, apostrophes, a leading
    "the", and for people (or an unknown label) a leading title ("Kyiv Mayor Vitali
    Klitschko" -> "vitali klitschko")."""
    folded = " ".join(name.casefold().split())
    folded = re.sub(r"(?:['\u2019]s)$", "", folded)
    tokens = _KEY_DROP.sub("", folded).split()
    if label not in (None, "PERSON"):
        return " ".join(tokens)
    for i, token in enumerate(tokens[:3]):
        if token in _TITLES and i + 1 < len(tokens):
            return " ".join(tokens[i + 1 :])
    return " ".join(tokens)


def _display_name(name: str, label: str) -> str:
    """``name`` without the title words its key drops ("Mayor Vitali Klitschko" -> ...)."""
    words = name.split()
    size = len(entity_key(name, label).split())
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


def resolve_entities(docs: Sequence[LoadedArticle]) -> EntityResolution:
    """Merge the named entities (not values) of ``docs`` by name and unambiguous alias."""
    members: dict[str, list[tuple[LoadedArticle, int]]] = defaultdict(list)
    alias_owners: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for index, entity in enumerate(doc.analysis.entities):
            full = entity_key(entity.name, entity.label)
            if entity.label in VALUE_LABELS or not full:
                continue
            members[full].append((doc, index))
            for alias in entity.aliases:
                key = entity_key(alias, entity.label)
                if key and key != full:
                    alias_owners[key].add(full)
    # A name that is only ever an alias of one longer name joins it ("Putin" -> "Vladimir
    # Putin"); one shared by several ("Smith") stays on its own.
    target = {key: key for key in members}
    for key in members:
        owners = alias_owners.get(key, set()) - {key}
        if len(owners) == 1:
            target[key] = next(iter(owners))
    for key in target:  # follow chains a -> b -> c (bounded: no cycles of distinct keys)
        seen = {key}
        while target[target[key]] != target[key] and target[key] not in seen:
            seen.add(target[key])
            target[key] = target[target[key]]
    groups: dict[str, list[tuple[LoadedArticle, int]]] = defaultdict(list)
    for key, items in members.items():
        groups[target[key]].extend(items)
    entries: list[EntityEntry] = []
    keys: dict[tuple[int, str], str] = {}
    for items in groups.values():
        entry = _entry(items)
        entries.append(entry)
        for doc, index in items:
            keys[(doc.article.id, doc.analysis.entities[index].id)] = entry.key
    entries.sort(key=lambda e: (-len(e.articles), -e.mention_count, e.name.casefold()))
    return EntityResolution(tuple(entries), keys)


def _entry(items: list[tuple[LoadedArticle, int]]) -> EntityEntry:
    names: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    aliases: set[str] = set()
    per_article: dict[int, tuple[str, int]] = {}
    for doc, index in items:
        entity = doc.analysis.entities[index]
        names[entity.name] += len(entity.mentions) or 1
        labels[entity.label] += 1
        aliases.update((entity.name, *entity.aliases))
        date, count = per_article.get(doc.article.id, (doc.date, 0))
        per_article[doc.article.id] = (date, count + len(entity.mentions))
    label = min(labels, key=lambda lab: (-labels[lab], ENTITY_LABELS.index(lab)))
    name = _display_name(
        max(names, key=lambda n: (len(entity_key(n, label).split()), names[n], -len(n), n)),
        label,
    )
    articles = sorted(
        (EntityArticle(aid, date, count) for aid, (date, count) in per_article.items()),
        key=lambda a: (a.date, a.article_id),
    )
    return EntityEntry(name, label, tuple(sorted(aliases, key=str.casefold)), tuple(articles))


def entity_index(lib: Library, article_ids: Iterable[int] | None = None) -> list[EntityEntry]:
    """Every named entity of the library (or of ``article_ids``), most widespread first."""
    return list(resolve_entities(load_articles(lib, article_ids)).entries)


def find_entity(entries: Iterable[EntityEntry], name: str) -> EntityEntry | None:
    """The entry whose name or one of whose aliases is ``name`` (case-insensitive)."""
    wanted = {entity_key(name), entity_key(name, "ORG")}
    by_alias = None
    surname: list[EntityEntry] = []
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
    """The entity's timeline: the articles that mention it, oldest first."""
    entry = find_entity(entity_index(lib), name)
    if entry is None:
        return []
    return [
        EntityMention(a.article_id, get_article(lib, a.article_id).title, a.date, a.mentions)
        for a in entry.articles
    ]


# ----------------------------------------------------------------- following


def follow_entity(lib: Library, name: str) -> str:
    """Follow an entity (stored by its canonical name when the library knows it)."""
    if not name.strip():
        raise BriefingError("an entity name cannot be empty")
    entry = find_entity(entity_index(lib), name)
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
    docs = load_articles(lib, [row.id for row in rows])
    resolution = resolve_entities(docs)
    since: dict[int, str] = {}
    for name, followed_at in follows:
        entry = find_entity(resolution.entries, name)
        for item in entry.articles if entry else ():
            since[item.article_id] = min(since.get(item.article_id, followed_at), followed_at)
    imported = {doc.article.id: doc.article.imported_at for doc in docs}

    def rank(position_row: tuple[int, Row]) -> tuple[int, int]:
        position, row = position_row
        if row.id not in since:
            return (2, position)
        return (0 if imported.get(row.id, "") >= since[row.id] else 1, position)

    return [row for _, row in sorted(enumerate(rows), key=rank)]
