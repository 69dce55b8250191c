"""Entities in an export: grouping one article's entities by type, and finding the
entities shared by several articles of a brief (matched by normalised name or alias)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.domain import Entity

GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("People", frozenset({"PERSON"})),
    ("Organisations", frozenset({"ORG"})),
    ("Places", frozenset({"LOC"})),
    ("Other names", frozenset({"MISC"})),
    ("Dates and figures", frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})),
)
OTHER = "Other"
_PUNCT = re.compile(r"[.'’`]+")
_WS = re.compile(r"\s+")


def group_name(label: str) -> str:
    for name, labels in GROUPS:
        if label in labels:
            return name
    return OTHER


def _entity_order(entity: Entity) -> tuple[int, str, str]:
    return (-len(entity.mentions), entity.name.casefold(), entity.id)


def group_entities(entities: Iterable[Entity]) -> list[tuple[str, list[Entity]]]:
    """(group name, entities by mention count): people, organisations, places, other names,
    dates and figures, then anything else."""
    grouped: dict[str, list[Entity]] = {}
    for entity in entities:
        grouped.setdefault(group_name(entity.label), []).append(entity)
    order = [name for name, _ in GROUPS] + [OTHER]
    return [(g, sorted(grouped[g], key=_entity_order)) for g in order if g in grouped]


def normalise_name(name: str) -> str:
    """Case-, accent-width- and punctuation-insensitive key: "The U.S." -> "us"."""
    key = unicodedata.normalize("NFKC", name).casefold()
    key = _WS.sub(" ", _PUNCT.sub("", key)).strip()
    return key.removeprefix("the ")


@dataclass(frozen=True)
class SharedEntity:
    """An entity found in several articles; ``counts`` pairs article index with mentions."""

    name: str
    label: str
    counts: tuple[tuple[int, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def shared_entities(per_article: Sequence[Sequence[Entity]]) -> list[SharedEntity]:
    """Entities appearing in at least two articles, most widely shared first.

    Entities are the same when any normalised name or alias matches; the displayed name
    and label are those of the first article mentioning it.
    """
    nodes: list[tuple[int, Entity]] = [
        (index, entity) for index, entities in enumerate(per_article) for entity in entities
    ]
    uf = _UnionFind(len(nodes))
    first_with_key: dict[str, int] = {}
    for node, (_, entity) in enumerate(nodes):
        for name in (entity.name, *entity.aliases):
            key = normalise_name(name)
            if not key:
                continue
            if key in first_with_key:
                uf.union(first_with_key[key], node)
            else:
                first_with_key[key] = node
    groups: dict[int, list[int]] = {}
    for node in range(len(nodes)):
        groups.setdefault(uf.find(node), []).append(node)
    result = []
    for members in groups.values():
        counts: dict[int, int] = {}
        for node in members:
            index, entity = nodes[node]
            counts[index] = counts.get(index, 0) + len(entity.mentions)
        if len(counts) < 2:
            continue
        _, first = nodes[min(members)]
        result.append(SharedEntity(first.name, first.label, tuple(sorted(counts.items()))))
    result.sort(key=lambda s: (-len(s.counts), -s.total, s.name.casefold(), s.name))
    return result
