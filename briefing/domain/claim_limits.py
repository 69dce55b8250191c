"""Which claims a brief lists: a minimum score and at most N per article (strongest first).

A claim the user assessed (verdict, note or evidence) is always listed, whatever its score:
an export never hides the user's work. Settings keep the choice (settings_store, section
``claims``: ``min_score`` and ``top_n``); ``briefing export --min-score X --top N`` and the
GUI's preview dialog override it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.domain import Annotation, Claim


@dataclass(frozen=True, slots=True)
class ClaimLimits:
    min_score: float = 0.0
    top_n: int | None = None  # None: no limit per article

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_score <= 1.0:
            raise ValueError(f"minimum claim score {self.min_score}: use a number from 0 to 1")
        if self.top_n is not None and self.top_n < 1:
            raise ValueError(f"claims per article {self.top_n}: use 1 or more")

    @property
    def limited(self) -> bool:
        return self.min_score > 0 or self.top_n is not None

    def describe(self) -> str:
        """One phrase for templates and the preview: "all claims", "claims scoring at least
        0.60, at most 5 per article"."""
        if not self.limited:
            return "all claims"
        parts = []
        if self.min_score > 0:
            parts.append(f"scoring at least {self.min_score:.2f}")
        if self.top_n is not None:
            parts.append(f"at most {self.top_n} per article")
        return "claims " + ", ".join(parts)

    def select(self, claims: Sequence[Claim],
               annotations: Iterable[Annotation] = ()) -> tuple[tuple[Claim, ...], int]:
        """The claims to list (in their given order) and how many were left out."""
        assessed = [a for a in annotations if a.verdict or a.note or a.evidence]
        kept_anyway = {c for c in claims if any(a.assesses(c.span) for a in assessed)}
        ranked = sorted((c for c in claims if c.score >= self.min_score),
                        key=lambda c: (-c.score, c.start, c.end))
        chosen = set(ranked if self.top_n is None else ranked[: self.top_n]) | kept_anyway
        shown = tuple(c for c in claims if c in chosen)
        return shown, len(claims) - len(shown)
