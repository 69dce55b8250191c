"""Review items: one :class:`ReviewItem` per claim of an article's analysis or annotation
marked to check, built (with the sentence context around it and the tags of the annotations
on it) from one article's claims, sentences and annotations by :class:`ArticleItems`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, fields
from typing import Any

from briefing.domain import Annotation, Claim, Span
from briefing.services.annotating import claim_assessment
from briefing.storage.review import AnalysedArticle

USER_FLAG_SCORE = 1.0
"""Priority of a to-check annotation that overlaps no claim: the user asked for it."""


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One entry of the review queue (a claim of the analysis, or a to-check annotation).

    ``context_before``/``context_after`` run from the start of the sentence before the
    item's sentence to the item, and from the item to the end of the sentence after it.
    ``annotation`` is the assessment annotation of a claim (None while it has no verdict,
    note or evidence) or the annotation itself; with ``reviewed_at`` it lets
    ``undo_decision`` restore it exactly.
    """

    id: str
    article_id: int
    article_title: str
    kind: str
    claim_kind: str | None
    quote: str
    start: int
    end: int
    score: float
    verdict: str | None
    note: str
    evidence: str | None
    context_before: str
    context_after: str
    speaker: str | None
    hedged: bool
    modified: str
    tags: tuple[str, ...] = ()
    reviewed_at: str | None = None
    annotation: Annotation | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def decided(self) -> bool:
        return self.verdict is not None

    def to_json(self) -> dict[str, Any]:
        """Every field in order (``annotation`` as ``annotation_id``), JSON-ready. Written
        out (a million items at 100k articles); ``json_fields`` checks it in the tests."""
        return {
            "id": self.id, "article_id": self.article_id, "article_title": self.article_title,
            "kind": self.kind, "claim_kind": self.claim_kind, "quote": self.quote,
            "start": self.start, "end": self.end, "score": round(self.score, 4),
            "verdict": self.verdict, "note": self.note, "evidence": self.evidence,
            "context_before": self.context_before, "context_after": self.context_after,
            "speaker": self.speaker, "hedged": self.hedged, "modified": self.modified,
            "tags": list(self.tags), "reviewed_at": self.reviewed_at,
            "annotation_id": self.annotation.id if self.annotation else None,
        }


def json_fields() -> tuple[str, ...]:
    """The keys :meth:`ReviewItem.to_json` must write, in order: the fields, ``annotation``
    as ``annotation_id``."""
    return tuple("annotation_id" if f.name == "annotation" else f.name
                 for f in fields(ReviewItem))


def claim_item_id(article_id: int, span: Span) -> str:
    return f"claim:{article_id}:{span.start}:{span.end}"


class ArticleItems:
    """Builds the review items of one article from its claims, sentences and annotations."""

    def __init__(
        self,
        row: AnalysedArticle,
        claims: list[Claim],
        sentences: tuple[list[int], list[int]],
        annotations: list[Annotation],
        stamps: dict[str, str | None],
    ) -> None:
        self.row = row
        self.claims = claims
        self.starts, self.ends = sentences  # of the sentences, in order
        self.annotations = annotations
        self.stamps = stamps
        self.listed: set[str] = set()

    def items(self) -> list[ReviewItem]:
        by_span: dict[Span, list[Annotation]] = {}
        for a in self.annotations:
            by_span.setdefault(a.selector.span, []).append(a)
        assessments = {
            c.span: found
            for c in (self.claims if by_span else ())  # most articles have no annotation
            if (found := claim_assessment(by_span.get(c.span, ()), c.span)) is not None
        }
        # a to-check annotation is an item of its own: the claim around it does not also
        # take its tags, or a tag filter would list the same annotation twice
        own = [
            a for a in self.annotations
            if a.to_check and assessments.get(a.selector.span) is not a
        ]
        self.listed = {a.id for a in own}
        found_items = [self._claim(c, c.span, assessments) for c in self.claims]
        return found_items + [self._annotation(a) for a in own]

    def _claim(
        self, claim: Claim, span: Span, assessments: dict[Span, Annotation]
    ) -> ReviewItem:
        assessment = assessments.get(span) if assessments else None
        before, after = self._context(span)
        return ReviewItem(
            id=claim_item_id(self.row.article_id, span),
            article_id=self.row.article_id,
            article_title=self.row.title,
            kind="claim",
            claim_kind=claim.kind,
            quote=self.row.text[claim.start : claim.end],
            start=claim.start,
            end=claim.end,
            score=claim.score,
            verdict=assessment.verdict if assessment else None,
            note=assessment.note if assessment else "",
            evidence=assessment.evidence if assessment else None,
            context_before=before,
            context_after=after,
            speaker=claim.speaker,
            hedged=claim.hedged,
            modified=assessment.modified if assessment else self.row.recency,
            tags=self._tags(span, claim=True) if self.annotations else (),
            reviewed_at=self.stamps.get(assessment.id) if assessment else None,
            annotation=assessment,
        )

    def _annotation(self, a: Annotation) -> ReviewItem:
        span = a.selector.span
        overlapping = [c for c in self.claims if c.span.overlaps(span)]
        best = max(overlapping, key=lambda c: c.score, default=None)
        before, after = ("", "") if a.orphaned else self._context(span)
        return ReviewItem(
            id=a.id,
            article_id=a.article_id,
            article_title=self.row.title,
            kind="annotation",
            claim_kind=best.kind if best else None,
            quote=a.selector.exact,
            start=span.start,
            end=span.end,
            score=best.score if best else USER_FLAG_SCORE,
            verdict=a.verdict,
            note=a.note,
            evidence=a.evidence,
            context_before=before,
            context_after=after,
            speaker=best.speaker if best else None,
            hedged=best.hedged if best else False,
            modified=a.modified,
            tags=self._tags(span),
            reviewed_at=self.stamps.get(a.id),
            annotation=a,
        )

    def _tags(self, span: Span, *, claim: bool = False) -> tuple[str, ...]:
        return tuple(sorted({
            t
            for a in self.annotations
            if a.selector.span.overlaps(span) and not (claim and a.id in self.listed)
            for t in a.tags
        }))

    def _sentence_range(self, span: Span) -> tuple[int, int] | None:
        """Indices of the first and last sentence the span touches."""
        count = len(self.ends)
        if not count:
            return None
        first = min(bisect.bisect_right(self.ends, span.start), count - 1)
        last = max(first, min(bisect.bisect_left(self.ends, span.end), count - 1))
        return first, last

    def _context(self, span: Span) -> tuple[str, str]:
        found = self._sentence_range(span)
        if found is None:
            return "", ""
        first, last = found
        text = self.row.text
        begin = self.starts[max(first - 1, 0)]
        finish = self.ends[min(last + 1, len(self.ends) - 1)]
        return text[min(begin, span.start) : span.start], text[span.end : max(finish, span.end)]

    def mentions(self, item: ReviewItem, spans: list[Span], entity: str) -> bool:
        if item.speaker and item.speaker.casefold() == entity.strip().casefold():
            return True
        found = self._sentence_range(item.span)
        if found is None:
            return any(m.overlaps(item.span) for m in spans)
        area = Span(self.starts[found[0]], self.ends[found[1]])
        return any(m.overlaps(area) for m in spans)
