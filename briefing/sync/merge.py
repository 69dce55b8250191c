"""Merge rules for sync records, as pure functions of the set of records seen.

The state of an entity depends only on which records exist, never on the order they
arrived in or how often: reading a record twice or late changes nothing. A version is
*live* while no other record ``replaces`` it. Edits and tombstones replace only the versions
their writer had seen, so:

- an entity with one live version shows that version;
- two live versions are concurrent edits: both are kept, a conflict for the user;
- a tombstone wins only over the versions it saw: an edit it did not see stays live;
- an entity with no live version left (only tombstones) is deleted.

Verdicts are annotations too; each reviewer's verdict is its own entity, so reviewers who
disagree are never merged into one answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.sync.records import Record


@dataclass(frozen=True, slots=True)
class Merged:
    """What a set of records says about one entity."""

    entity: str
    live: tuple[Record, ...]  # newest first (created, then id): live[0] is shown
    known: tuple[str, ...]  # every record id of the entity, sorted

    @property
    def deleted(self) -> bool:
        return not self.live

    @property
    def conflict(self) -> bool:
        return len(self.live) > 1

    @property
    def shown(self) -> Record | None:
        return self.live[0] if self.live else None

    @property
    def heads(self) -> tuple[str, ...]:
        return tuple(sorted(r.id for r in self.live))


def merge_entity(entity: str, records: Iterable[Record]) -> Merged:
    """The merged state of ``entity`` from its records (duplicates and order ignored)."""
    unique = {r.id: r for r in records if r.entity == entity}
    replaced = {old for r in unique.values() for old in r.replaces}
    live = [r for r in unique.values() if r.kind != "delete" and r.id not in replaced]
    if live and live[0].kind == "article":
        # An article is write-once: the same text shared by two devices is one article.
        live = [min(live, key=lambda r: (r.created, r.id))]
    live.sort(key=lambda r: (r.created, r.id), reverse=True)
    return Merged(entity, tuple(live), tuple(sorted(unique)))


def merge_all(records: Iterable[Record]) -> dict[str, Merged]:
    """Every entity's merged state."""
    by_entity: dict[str, list[Record]] = {}
    for record in records:
        by_entity.setdefault(record.entity, []).append(record)
    return {entity: merge_entity(entity, group) for entity, group in by_entity.items()}
