"""Claim verdicts as schema.org ``ClaimReview`` JSON-LD, the format fact-checkers publish
and search engines read: one ClaimReview per reviewer and claim, so reviewers who disagree
appear side by side."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.domain import VERDICTS, ExportError

SCHEMA_CONTEXT = "https://schema.org"
RATINGS = {"false": 1, "disputed": 2, "unverified": 3, "supported": 4}
"""Verdict -> ratingValue on a 1 (worst, false) .. 4 (best, supported) scale."""


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """One reviewer's verdict on one claim of one article."""

    quote: str
    verdict: str
    reviewer: str
    decided_at: str
    note: str = ""
    speaker: str | None = None
    article_title: str = ""
    article_url: str | None = None
    evidence: str | None = None


def claim_review(item: ReviewedClaim) -> dict[str, object]:
    if item.verdict not in VERDICTS:
        raise ExportError(f"unknown verdict {item.verdict!r}; use one of {', '.join(VERDICTS)}")
    appearance: dict[str, object] = {"@type": "CreativeWork", "headline": item.article_title}
    if item.article_url:
        appearance["url"] = item.article_url
    claim: dict[str, object] = {"@type": "Claim", "appearance": appearance}
    if item.speaker:
        claim["author"] = {"@type": "Person", "name": item.speaker}
    review: dict[str, object] = {
        "@type": "ClaimReview",
        "claimReviewed": item.quote,
        "itemReviewed": claim,
        "author": {"@type": "Person", "name": item.reviewer},
        "datePublished": item.decided_at,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[item.verdict],
            "bestRating": max(RATINGS.values()),
            "worstRating": min(RATINGS.values()),
            "alternateName": item.verdict,
        },
    }
    if item.note:
        review["reviewBody"] = item.note
    if item.evidence:
        review["citation"] = item.evidence
    return review


def claim_reviews_json(items: Sequence[ReviewedClaim]) -> str:
    """A JSON-LD document holding every review (``@graph``), in the given order."""
    document = {"@context": SCHEMA_CONTEXT, "@graph": [claim_review(i) for i in items]}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
