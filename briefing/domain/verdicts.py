"""Verdicts on claims as a desk shares them: one reviewer's verdict on a claim span."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReviewerVerdict:
    """One reviewer's verdict on a claim span (reviewer '' is this library's reader)."""

    id: str
    article_id: int
    start: int
    end: int
    reviewer: str
    reviewer_name: str
    verdict: str
    note: str
    evidence: str | None
    decided_at: str
