"""Exporting briefs (Markdown, HTML, W3C JSON, ClaimReview JSON-LD) and importing W3C
annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefing.anchoring import reanchor
from briefing.clock import utc_now
from briefing.domain import (
    Annotation,
    BriefingError,
    ExportError,
    ImportAnnotationsError,
    Span,
)
from briefing.domain.claim_limits import ClaimLimits
from briefing.export.atomic import write_text_atomic
from briefing.export.brief import export_brief as render_brief
from briefing.export.brief import export_to_file
from briefing.export.merge import MergeResult
from briefing.export.model import ArticleBrief, BriefDocument
from briefing.export.w3c import annotations_to_w3c, w3c_to_annotations
from briefing.services.annotating import annotations_for
from briefing.services.articles import analysis_for, get_article
from briefing.services.library import Library
from briefing.services.syncing import reviewer_verdicts
from briefing.storage import annotations as annotation_store
from briefing.storage import articles as article_store
from briefing.storage import llm_results as llm_store

FORMATS = ("markdown", "html", "w3c", "claimreview")


def brief_document(
    lib: Library,
    article_ids: Sequence[int],
    *,
    title: str | None = None,
    summary_length: str = "short",
    exported_at: str | None = None,
    brief_id: int | None = None,
    claim_limits: ClaimLimits | None = None,
    full_paths: bool | None = None,
) -> BriefDocument:
    """The document to render; with ``brief_id`` it carries that brief's stored
    language-model summary (if any). ``claim_limits`` chooses the claims listed (default:
    all). Local sources show as file names unless ``full_paths`` (None: the user's setting)
    asks for the full path."""
    limits = claim_limits or ClaimLimits()
    parts = []
    for article_id in article_ids:
        article = get_article(lib, article_id)
        analysis = analysis_for(lib, article)
        annotations = tuple(annotations_for(lib, article_id))
        hidden = 0
        if analysis is not None and limits.limited:
            claims, hidden = limits.select(analysis.claims, annotations)
            analysis = replace(analysis, claims=claims)
        parts.append(
            ArticleBrief(
                article=article,
                analysis=analysis,
                annotations=annotations,
                llm_results=tuple(llm_store.for_article(lib.conn, article_id)),
                verdicts=tuple(reviewer_verdicts(lib, article_id)),
                hidden_claims=hidden,
            )
        )
    if title is None:
        title = parts[0].article.title if len(parts) == 1 else f"Brief: {len(parts)} articles"
    return BriefDocument(
        title=title,
        articles=tuple(parts),
        exported_at=exported_at or utc_now(),
        summary_length=summary_length,
        llm_brief=llm_store.for_brief(lib.conn, brief_id) if brief_id is not None else None,
        claim_limits=limits,
        full_paths=configured_full_paths() if full_paths is None else full_paths,
    )


def source_iri(lib: Library, article_id: int) -> str:
    """The stable IRI of an article in W3C exports: its web URL, else its first text hash."""
    article = get_article(lib, article_id)
    if article.source_url and article.source_url.startswith(("http://", "https://")):
        return article.source_url
    first = article_store.revisions(lib.conn, article_id)
    sha = first[0].text_sha256 if first else article.text_sha256
    return f"urn:sha256:{sha}"


def resolve_iri(lib: Library, iri: str) -> int | None:
    if iri.startswith("urn:sha256:"):
        found = article_store.find_by_hash(lib.conn, iri.removeprefix("urn:sha256:"))
    else:
        found = article_store.find_by_source_url(lib.conn, iri)
    return found.id if found else None


def w3c_json(lib: Library, article_ids: Sequence[int]) -> str:
    annotations = [a for i in article_ids for a in annotations_for(lib, i)]
    for article_id in article_ids:
        get_article(lib, article_id)
    data = annotations_to_w3c(annotations, lambda i: source_iri(lib, i))
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def claimreview_json(lib: Library, article_ids: Sequence[int]) -> str:
    """Every reviewer's claim verdicts on the articles as schema.org ClaimReview JSON-LD."""
    from briefing.export.claimreview import ReviewedClaim, claim_reviews_json

    items = []
    for article_id in article_ids:
        article = get_article(lib, article_id)
        claims = {c.span: c for c in analysis_for(lib, article).claims}
        url = article.source_url if (article.source_url or "").startswith("http") else None
        for v in reviewer_verdicts(lib, article_id):
            claim = claims.get(Span(v.start, v.end))
            items.append(ReviewedClaim(
                quote=article.text[v.start : v.end], verdict=v.verdict,
                reviewer=v.reviewer_name or v.reviewer, decided_at=v.decided_at, note=v.note,
                speaker=claim.speaker if claim else None, article_title=article.title,
                article_url=url, evidence=v.evidence,
            ))
    return claim_reviews_json(items)


def export_brief(
    lib: Library,
    article_ids: Sequence[int],
    fmt: str,
    out: Path | None = None,
    *,
    title: str | None = None,
    summary_length: str = "short",
    template: str | None = None,
    brief_id: int | None = None,
    claim_limits: ClaimLimits | None = None,
) -> tuple[str, MergeResult | None]:
    """Render the brief; write it to ``out`` when given (merging a re-export). ``brief_id``
    (the stored brief being exported) adds its language-model summary, if one is stored.
    ``claim_limits`` chooses the claims listed; None: the limits saved in the settings.

    Returns the text and, for a Markdown re-export, the merge result (with conflicts).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not article_ids:
        raise ExportError("a brief needs at least one article id")
    if fmt in ("w3c", "claimreview"):
        text = w3c_json(lib, article_ids) if fmt == "w3c" else claimreview_json(lib, article_ids)
        if out is not None:
            write_text_atomic(out, text)
        return text, None
    if template is None and fmt == "markdown":
        template = configured_template()
    if claim_limits is None:
        from briefing.settings_store import load_claim_limits

        claim_limits = load_claim_limits()
    doc = brief_document(
        lib, article_ids, title=title, summary_length=summary_length, brief_id=brief_id,
        claim_limits=claim_limits,
    )
    if out is None:
        return render_brief(doc, fmt, template=template), None
    merge = export_to_file(doc, fmt, out, template=template)
    return out.read_text(encoding="utf-8"), merge


def configured_full_paths() -> bool:
    """Whether the user asked briefs to show local sources with their full path."""
    from briefing.settings_store import load_export_full_paths

    return load_export_full_paths()


def configured_template() -> str | None:
    """The text of the template chosen in the settings (None: the packaged one)."""
    from briefing.settings_store import load_template_path, read_template

    chosen = load_template_path()
    return read_template(chosen) if chosen is not None else None


def import_annotations(lib: Library, path: Path) -> int:
    """Import a W3C Web Annotation JSON file; all or nothing. Returns the count imported."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ImportAnnotationsError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportAnnotationsError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImportAnnotationsError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    try:
        annotations = w3c_to_annotations(data, lambda iri: resolve_iri(lib, iri))
    except BriefingError as exc:
        raise ImportAnnotationsError(f"{path}: {exc}") from exc
    placed = [_place(lib, a) for a in annotations]
    with lib.transaction() as conn:
        for annotation in placed:
            annotation_store.upsert(conn, annotation)
    return len(placed)


def _place(lib: Library, annotation: Annotation) -> Annotation:
    """Re-anchor an imported annotation on the article's current text."""
    if annotation.orphaned:
        return annotation
    article = get_article(lib, annotation.article_id)
    result = reanchor(annotation.selector, article.text)
    if result.selector is None:
        return annotation.with_changes(anchor="orphaned")
    if result.state == "exact":
        return annotation
    return annotation.with_changes(selector=result.selector, anchor=result.state)
