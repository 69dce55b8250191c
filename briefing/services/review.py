"""Review mode: the triage queue of claims without a verdict and annotations tagged to check,
decisions (each saved at once) with exact undo, per-brief progress, and offline evidence
candidates (other library articles sharing entities and numbers with an item).

A claim is decided when its assessment annotation (``Annotation.assesses``, the one
``annotating.set_claim_verdict`` maintains) has a verdict; a note or evidence given before
deciding lives in that annotation without a verdict, and the claim stays undecided. An
annotation item is decided when it has a verdict. The time of each decision is stamped in
``annotations.reviewed_at`` (schema v2).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from briefing.analysis import engine_info
from briefing.domain import CLAIM_KINDS, VERDICTS, Annotation, BriefingError, Claim
from briefing.services.annotating import (
    clean_tags,
    save_annotation,
    set_claim_verdict,
)
from briefing.services.articles import DEFAULT_ENGINE, get_article
from briefing.services.bulk_analysis import analyse_missing
from briefing.services.json_text import dumps_indented
from briefing.services.library import Library
from briefing.services.review_evidence import (
    EVIDENCE_PREFIX,
    evidence_article_id,
    evidence_candidates,
    evidence_link,
)
from briefing.services.review_items import (
    USER_FLAG_SCORE,
    ArticleItems,
    ReviewItem,
    claim_item_id,
)
from briefing.storage import annotations as annotation_store
from briefing.storage import review as review_store
from briefing.storage.review import AnalysedArticle

__all__ = [
    "EVIDENCE_PREFIX",
    "ITEM_KINDS",
    "NO_VERDICT",
    "USER_FLAG_SCORE",
    "ClaimLimits",
    "ReviewItem",
    "claim_item_id",
    "decide",
    "evidence_article_id",
    "evidence_candidates",
    "evidence_link",
    "iter_review_json",
    "iter_review_queue",
    "queue_json",
    "queue_progress",
    "review_queue",
    "undo_decision",
]

ITEM_KINDS: tuple[str, ...] = ("claim", "annotation")
NO_VERDICT = "none"
"""Verdict filter value selecting items without a verdict."""
BATCH_ARTICLES = 200
"""Articles whose items are built at once while the queue is collected."""
_NO_SENTENCES: tuple[list[int], list[int]] = ([], [])
_ITEM_CONTAINERS = ("tags", "verdicts")
"""The only keys of an item's JSON that hold lists (ReviewItem.to_json, plus verdicts)."""
# ---------------------------------------------------------------------------------- queue


def review_queue(
    lib: Library,
    *,
    brief_id: int | None = None,
    article_id: int | None = None,
    entity: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
    verdict: str | None = None,
    include_decided: bool = False,
    min_score: float | None = None,
    top_n: int | None = None,
) -> list[ReviewItem]:
    """Items to review, highest claim score first, then most recent article/annotation.

    ``kind`` is an item kind (claim, annotation) or a claim kind (statistic, quote...);
    ``verdict`` is one of VERDICTS (implies decided items) or "none"; ``entity`` keeps items
    whose sentence mentions that entity (name or alias, any case) or whose speaker it is.
    ``min_score`` drops claims scored below it and ``top_n`` keeps each article's strongest
    N claims (annotations the user marked to check are always kept). Everything is held in
    memory: for the whole of a large library use :func:`iter_review_queue`.
    """
    chosen = list(_filtered(
        lib, brief_id=brief_id, article_id=article_id, entity=entity, kind=kind, tag=tag,
        verdict=verdict, include_decided=include_decided, min_score=min_score, top_n=top_n,
    ))
    chosen.sort(key=lambda i: (i.article_id, i.start, i.end, i.id))
    chosen.sort(key=lambda i: i.modified, reverse=True)
    chosen.sort(key=lambda i: i.score, reverse=True)
    return chosen


def iter_review_queue(lib: Library, **filters: Any) -> Generator[dict[str, Any], None, None]:
    """The items of :func:`review_queue` (same keyword filters) as JSON-ready dicts, in the
    same order, with memory that does not grow with the library: items are built a batch
    of articles at a time and sorted by SQLite in a temporary table (spilled to disk when
    large)."""
    return (json.loads(text) for text in iter_review_json(lib, indent=None, **filters))


def iter_review_json(
    lib: Library, *, indent: int | None = 2, verdicts: bool = False, **filters: Any
) -> Generator[str, None, None]:
    """:func:`iter_review_queue` with each item already written as JSON (``indent`` as
    ``json.dumps`` takes it): what ``review --json`` prints, without decoding it again.
    With ``verdicts`` each item carries every reviewer's verdicts on it (sync)."""
    batches = _filtered_batches(lib, **filters)
    dumps = (
        partial(dumps_indented, containers=_ITEM_CONTAINERS) if indent == 2
        else partial(json.dumps, ensure_ascii=False, indent=indent)
    )

    def generate() -> Generator[str, None, None]:
        from briefing.services.syncing import verdicts_by_article

        no_verdicts: dict[tuple[int, int], list[dict[str, Any]]] = {}
        with review_store.Spool(lib.conn) as spool:
            for batch in batches:
                found = (verdicts_by_article(lib, sorted({i.article_id for i in batch}))
                         if verdicts and batch else {})
                for item in batch:
                    data = item.to_json()
                    if verdicts:
                        spans = found.get(item.article_id, no_verdicts)
                        data["verdicts"] = list(spans.get((item.start, item.end), ()))
                    spool.add(item.score, item.modified, item.article_id, item.start,
                              item.end, item.id, dumps(data))
            yield from spool.ordered()

    return generate()


def _filtered(
    lib: Library,
    *,
    brief_id: int | None = None,
    article_id: int | None = None,
    entity: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
    verdict: str | None = None,
    include_decided: bool = False,
    min_score: float | None = None,
    top_n: int | None = None,
) -> Iterator[ReviewItem]:
    """Validate the filters (at once), then yield the matching items unsorted."""
    batches = _filtered_batches(
        lib, brief_id=brief_id, article_id=article_id, entity=entity, kind=kind, tag=tag,
        verdict=verdict, include_decided=include_decided, min_score=min_score, top_n=top_n,
    )
    return (item for batch in batches for item in batch)


def _filtered_batches(
    lib: Library,
    *,
    brief_id: int | None = None,
    article_id: int | None = None,
    entity: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
    verdict: str | None = None,
    include_decided: bool = False,
    min_score: float | None = None,
    top_n: int | None = None,
    keys_only: bool = False,
) -> Iterator[list[ReviewItem]]:
    """:func:`_filtered`, a batch of articles' items at a time (``keys_only``: see
    :func:`_collect_batch`)."""
    if kind is not None and kind not in ITEM_KINDS + CLAIM_KINDS:
        raise BriefingError(
            f"unknown kind {kind!r}; use one of {', '.join(ITEM_KINDS + CLAIM_KINDS)}"
        )
    if verdict is not None and verdict not in (*VERDICTS, NO_VERDICT):
        raise BriefingError(
            f"unknown verdict {verdict!r}; use one of {', '.join((*VERDICTS, NO_VERDICT))}"
        )
    if top_n is not None and top_n < 1:
        raise BriefingError(f"top {top_n}: give at least 1 claim per article")
    wanted_tag = None
    if tag is not None:
        cleaned = clean_tags([tag])
        if not cleaned:
            raise BriefingError(f"tag {tag!r} is empty once cleaned; give a word")
        wanted_tag = cleaned[0]
    scope = _scope(lib, brief_id, article_id)
    keep_decided = include_decided or verdict in VERDICTS
    wanted_verdict = None if verdict == NO_VERDICT else verdict

    def generate() -> Iterator[list[ReviewItem]]:
        for batch in _collect(lib, scope, entity, ClaimLimits(min_score, top_n), keys_only):
            yield [
                item for item in batch
                if (keep_decided or not item.decided)
                and (kind is None or kind in (item.kind, item.claim_kind))
                and (wanted_tag is None or wanted_tag in item.tags)
                and (verdict is None or item.verdict == wanted_verdict)
            ]

    return generate()


@dataclass(frozen=True, slots=True)
class ClaimLimits:
    """Which of an article's claims count for review: score at least ``min_score``, and only
    its ``top_n`` strongest (None: no limit)."""

    min_score: float | None = None
    top_n: int | None = None

    def apply(self, claims: list[Claim]) -> list[Claim]:
        kept = claims
        if self.min_score is not None:
            kept = [c for c in kept if c.score >= self.min_score]
        if self.top_n is not None and len(kept) > self.top_n:
            strongest = sorted(kept, key=lambda c: (-c.score, c.start))[: self.top_n]
            kept = sorted(strongest, key=lambda c: (c.start, c.end))
        return kept


def queue_progress(lib: Library, brief_id: int | None = None) -> dict[str, Any]:
    """``{"total", "decided", "left", "briefs": [{"id", "title", "total", "decided",
    "left"}]}`` over the library (or one brief); every brief in scope is listed."""
    titles, members = review_store.briefs_by_article(lib.conn)
    shown = [brief_id] if brief_id is not None else list(titles)
    per: dict[int, Counter[str]] = {b: Counter() for b in shown}
    total = decided = 0
    for item in _filtered(lib, brief_id=brief_id, include_decided=True):
        total += 1
        decided += int(item.decided)
        for b in members.get(item.article_id, ()):
            if b in per:
                per[b]["total"] += 1
                per[b]["decided"] += int(item.decided)
    return {
        "total": total,
        "decided": decided,
        "left": total - decided,
        "briefs": [
            {
                "id": b,
                "title": titles[b],
                "total": per[b]["total"],
                "decided": per[b]["decided"],
                "left": per[b]["total"] - per[b]["decided"],
            }
            for b in shown
        ],
    }


def _scope(lib: Library, brief_id: int | None, article_id: int | None) -> list[int] | None:
    """Article ids the queue covers (None: the whole library)."""
    ids: list[int] | None = None
    if brief_id is not None:
        ids = review_store.brief_article_ids(lib.conn, brief_id)
        if ids is None:
            raise BriefingError(f"no brief with id {brief_id} in the library")
    if article_id is not None:
        get_article(lib, article_id)
        ids = [article_id] if ids is None or article_id in ids else []
    return ids


def _analysed(lib: Library, ids: list[int], texts: bool = True) -> list[AnalysedArticle]:
    """The articles ``ids``, analysing (once, cached) those without a current analysis."""
    info = engine_info(DEFAULT_ENGINE)
    rows = review_store.analysed_articles(lib.conn, info, ids, texts=texts)
    missing = [r.article_id for r in rows if r.analysis_id is None]
    analyse_missing(lib, missing, DEFAULT_ENGINE)
    if missing:
        rows = review_store.analysed_articles(lib.conn, info, ids, texts=texts)
    return rows


def _collect(
    lib: Library, ids: list[int] | None, entity: str | None, limits: ClaimLimits,
    keys_only: bool = False,
) -> Iterator[list[ReviewItem]]:
    """The items of the articles ``ids`` (None: all), a batch of articles at a time."""
    batches = (
        review_store.article_id_batches(lib.conn, BATCH_ARTICLES)
        if ids is None
        else (ids[i : i + BATCH_ARTICLES] for i in range(0, len(ids), BATCH_ARTICLES))
    )
    for batch in batches:
        yield _collect_batch(lib, batch, entity, limits, keys_only)


def _collect_batch(
    lib: Library, ids: list[int], entity: str | None, limits: ClaimLimits,
    keys_only: bool = False,
) -> list[ReviewItem]:
    """The items of the articles ``ids``; with ``keys_only`` without reading the texts: the
    quotes of claims and every context are left empty (for sorting and filtering only)."""
    conn = lib.conn
    rows = _analysed(lib, ids, texts=not keys_only)
    aids = [r.analysis_id for r in rows if r.analysis_id is not None]
    claims = review_store.claims(conn, aids)
    sentences = review_store.sentence_bounds(conn, aids) if entity or not keys_only else {}
    mentions = review_store.entity_mentions(conn, aids, entity) if entity else {}
    annotations = [a for found in annotation_store.for_articles(conn, ids).values()
                   for a in found]
    stamps = review_store.reviewed_at(conn, [a.id for a in annotations])
    by_article: dict[int, list[Annotation]] = {}
    for a in sorted(annotations, key=lambda a: (a.selector.start, a.selector.end, a.id)):
        by_article.setdefault(a.article_id, []).append(a)
    items: list[ReviewItem] = []
    for row in rows:
        aid = row.analysis_id
        builder = ArticleItems(
            row,
            limits.apply(claims.get(aid, [])) if aid is not None else [],
            sentences.get(aid, _NO_SENTENCES) if aid is not None else _NO_SENTENCES,
            by_article.get(row.article_id, []),
            stamps,
        )
        found = builder.items()
        if entity:
            spans = mentions.get(aid, []) if aid is not None else []
            found = [i for i in found if builder.mentions(i, spans, entity)]
        items += found
    return items


# ------------------------------------------------------------------------------ decisions


def decide(
    lib: Library,
    item: ReviewItem,
    verdict: str | None,
    *,
    note: str | None = None,
    evidence: str | None = None,
) -> ReviewItem:
    """Save a decision on ``item`` at once (one transaction) and return the updated item.

    ``note``/``evidence`` None keep the current ones. For a claim, ``verdict=None`` keeps
    its verdict (or keeps it undecided) while editing note/evidence, and removes the
    assessment annotation when nothing is left (see ``set_claim_verdict``); for an
    annotation it clears the verdict.
    """
    if evidence is not None and (linked := evidence_article_id(evidence.strip())) is not None:
        get_article(lib, linked)
    if item.kind == "claim":
        article = get_article(lib, item.article_id)
        if article.text[item.start : item.end] != item.quote:
            raise BriefingError(
                f"article {item.article_id} changed since the review queue was built; "
                "refresh the queue"
            )
        annotation = set_claim_verdict(
            lib, article, item.span, verdict, note=note, evidence=evidence
        )
    else:
        current = annotation_store.get(lib.conn, item.id)
        if current is None:
            raise BriefingError(f"annotation {item.id} is no longer in the library")
        changes: dict[str, object] = {"verdict": verdict}
        if note is not None:
            changes["note"] = note.strip()
        if evidence is not None:
            changes["evidence"] = evidence.strip() or None
        annotation = save_annotation(lib, current.with_changes(**changes))
    if annotation is None:
        return replace(
            item,
            verdict=None,
            note="",
            evidence=None,
            modified=review_store.article_recency(lib.conn, item.article_id),
            reviewed_at=None,
            annotation=None,
        )
    return replace(
        item,
        verdict=annotation.verdict,
        note=annotation.note,
        evidence=annotation.evidence,
        modified=annotation.modified,
        reviewed_at=review_store.reviewed_at(lib.conn, [annotation.id]).get(annotation.id),
        annotation=annotation,
    )


def undo_decision(lib: Library, before: ReviewItem) -> None:
    """Restore the state ``before`` describes (as returned by the queue or ``decide``)."""
    if before.kind != "claim" and before.annotation is None:
        raise BriefingError(f"review item {before.id} carries no annotation to restore")
    with lib.transaction() as conn:
        if before.kind == "claim" and before.annotation is None:
            for created in review_store.verdict_annotation_ids(
                conn, before.article_id, before.span
            ):
                annotation_store.delete(conn, created)
        if before.annotation is not None:
            annotation_store.upsert(conn, before.annotation)
            review_store.set_reviewed_at(conn, before.annotation.id, before.reviewed_at)


def queue_json(items: Sequence[ReviewItem]) -> list[dict[str, Any]]:
    return [item.to_json() for item in items]
