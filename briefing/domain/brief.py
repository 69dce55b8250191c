"""Briefs: ordered collections of articles that are exported together."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Brief:
    id: int
    title: str
    article_ids: tuple[int, ...] = field(default_factory=tuple)
    created_at: str = ""
