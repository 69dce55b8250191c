"""Creating, editing and deleting the user's annotations (each change one transaction)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.clock import utc_now
from briefing.domain import COLORS, VERDICTS, Annotation, Article, BriefingError, Selector, Span
from briefing.services.articles import get_article
from briefing.services.library import Library
from briefing.storage import annotations as annotation_store


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: trimmed, inner whitespace as '-', no '#', no duplicates, sorted."""
    cleaned = {re.sub(r"\s+", "-", t.strip().lstrip("#")) for t in tags}
    return tuple(sorted(t for t in cleaned if t))


def _check(color: str | None, verdict: str | None) -> None:
    if color is not None and color not in COLORS:
        raise BriefingError(f"unknown colour {color!r}; use one of {', '.join(COLORS)}")
    if verdict is not None and verdict not in VERDICTS:
        raise BriefingError(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")


def new_annotation(
    article: Article,
    start: int,
    end: int,
    *,
    color: str | None = "yellow",
    note: str = "",
    tags: Iterable[str] = (),
    verdict: str | None = None,
    evidence: str | None = None,
) -> Annotation:
    """A fresh annotation on ``article.text[start:end]`` (not yet saved)."""
    import uuid  # imports platform: kept off the reader's start-up path

    _check(color, verdict)
    if not 0 <= start < end <= len(article.text):
        raise BriefingError(f"article {article.id}: selection {start}..{end} is outside the text")
    now = utc_now()
    return Annotation(
        id=f"urn:uuid:{uuid.uuid4()}",
        article_id=article.id,
        selector=Selector.from_text(article.text, start, end),
        color=color,
        note=note.strip(),
        tags=clean_tags(tags),
        verdict=verdict,
        evidence=(evidence or "").strip() or None,
        created=now,
        modified=now,
    )


def find_quote(text: str, quote: str) -> Span | None:
    """First occurrence of ``quote``: exact; else in the same case with any white space and
    quote marks in any form; else ignoring case (see anchoring.search.find_typed_quote)."""
    from briefing.anchoring.search import find_typed_quote

    found = find_typed_quote(text, quote)
    return Span(*found) if found else None


def annotate_quote(
    lib: Library,
    article_id: int,
    quote: str,
    *,
    note: str = "",
    color: str | None = "yellow",
    tags: Iterable[str] = (),
) -> Annotation:
    """Highlight the first occurrence of ``quote`` in article ``article_id`` and save it."""
    article = get_article(lib, article_id)
    span = find_quote(article.text, quote)
    if span is None:
        shown = quote if len(quote) <= 60 else quote[:57] + "..."
        raise BriefingError(f"article {article_id}: the quote {shown!r} is not in its text")
    annotation = new_annotation(article, span.start, span.end, color=color, note=note, tags=tags)
    return save_annotation(lib, annotation, touch=False)


def save_annotation(lib: Library, annotation: Annotation, *, touch: bool = True) -> Annotation:
    """Insert or update ``annotation`` (``touch`` sets its modified time to now)."""
    _check(annotation.color, annotation.verdict)
    stored = annotation.with_changes(
        tags=clean_tags(annotation.tags), modified=utc_now() if touch else annotation.modified
    )
    with lib.transaction() as conn:
        annotation_store.upsert(conn, stored)
    return stored


def delete_annotation(lib: Library, annotation_id: str) -> Annotation | None:
    """Delete an annotation; returns what was deleted (for undo), or None if absent."""
    with lib.transaction() as conn:
        existing = annotation_store.get(conn, annotation_id)
        if existing is not None:
            annotation_store.delete(conn, annotation_id)
    return existing


def get_annotation(lib: Library, annotation_id: str) -> Annotation:
    found = annotation_store.get(lib.conn, annotation_id)
    if found is None:
        raise BriefingError(f"no annotation with id {annotation_id}")
    return found


def annotations_for(lib: Library, article_id: int) -> list[Annotation]:
    return annotation_store.for_article(lib.conn, article_id)


def claim_assessment(annotations: Iterable[Annotation], span: Span) -> Annotation | None:
    """The annotation assessing the claim at ``span`` (see ``Annotation.assesses``): the
    first one with a verdict, else the first verdict-less one, else None."""
    found = [a for a in annotations if a.assesses(span)]
    return min(found, key=lambda a: a.verdict is None, default=None)


def set_claim_verdict(
    lib: Library,
    article: Article,
    span: Span,
    verdict: str | None,
    *,
    note: str | None = None,
    evidence: str | None = None,
    undecide: bool = False,
) -> Annotation | None:
    """Record the user's verdict, note and evidence on the claim at ``span`` (one assessment
    annotation per claim, see ``claim_assessment``).

    ``note``/``evidence`` None keep the current ones. ``verdict=None`` keeps the current
    verdict (with ``undecide``: removes it, the claim is undecided again); on an undecided
    claim it saves the note/evidence in a colourless annotation without a verdict, so the
    claim stays undecided. ``verdict=None`` with no note and no evidence left removes the
    assessment annotation (only its verdict, note and evidence when it carries tags).
    """
    _check(None, verdict)
    existing = claim_assessment(annotations_for(lib, article.id), span)
    keep_note = note if note is not None else (existing.note if existing else "")
    keep_evidence = evidence if evidence is not None else (existing.evidence if existing else None)
    if verdict is None and not keep_note and not keep_evidence:
        if existing is not None and existing.tags:
            return save_annotation(
                lib, existing.with_changes(verdict=None, note="", evidence=None)
            )
        if existing is not None:
            delete_annotation(lib, existing.id)
        return None
    if existing is None:
        created = new_annotation(
            article, span.start, span.end, color=None, note=keep_note or "",
            verdict=verdict, evidence=keep_evidence,
        )
        return save_annotation(lib, created, touch=False)
    return save_annotation(
        lib,
        existing.with_changes(
            verdict=None if undecide and verdict is None else verdict or existing.verdict,
            note=(keep_note or "").strip(),
            evidence=(keep_evidence or "").strip() or None,
        ),
    )


def reattach(lib: Library, annotation_id: str, start: int, end: int) -> Annotation:
    """Attach an (orphaned) annotation to a new span of its article's current text."""
    annotation = get_annotation(lib, annotation_id)
    article = get_article(lib, annotation.article_id)
    if not 0 <= start < end <= len(article.text):
        raise BriefingError(f"article {article.id}: selection {start}..{end} is outside the text")
    return save_annotation(
        lib,
        annotation.with_changes(
            selector=Selector.from_text(article.text, start, end), anchor="exact"
        ),
    )
