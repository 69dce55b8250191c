"""New editions of an article: store a revision and re-anchor every annotation on it."""

from __future__ import annotations

from typing import TextIO

from briefing.anchoring import reanchor, reanchor_all
from briefing.clock import utc_now
from briefing.domain import text_sha256
from briefing.domain.structure import Block
from briefing.services.annotating import annotations_for
from briefing.services.articles import analysis_for, get_article
from briefing.services.library import Library
from briefing.storage import annotations as annotation_store
from briefing.storage import articles as article_store


def revise_article(
    lib: Library, article_id: int, new_text: str, *, blocks: tuple[Block, ...] = ()
) -> list[tuple[str, str]]:
    """Make ``new_text`` (normalised) the article's current revision.

    Returns ``(annotation id, state)`` for every annotation, state being exact, moved,
    changed or orphaned. Orphaned annotations keep their old quote and stay listed.
    """
    article = get_article(lib, article_id)
    annotations = annotations_for(lib, article_id)
    sha = text_sha256(new_text)
    if sha == article.text_sha256:
        return [(a.id, a.anchor) for a in annotations]
    anchored = [a for a in annotations if not a.orphaned]
    results = dict(
        zip(
            (a.id for a in anchored),
            reanchor_all([a.selector for a in anchored], article.text, new_text),
            strict=True,
        )
    )
    for orphan in (a for a in annotations if a.orphaned):
        results[orphan.id] = reanchor(orphan.selector, new_text)
    states: list[tuple[str, str]] = []
    now = utc_now()
    with lib.transaction() as conn:
        article_store.add_revision(conn, article_id, new_text, sha, now, blocks)
        for annotation in annotations:
            result = results[annotation.id]
            if result.selector is None:
                updated = annotation.with_changes(anchor="orphaned")
            else:
                updated = annotation.with_changes(selector=result.selector, anchor=result.state)
            if updated != annotation:
                annotation_store.upsert(conn, updated.with_changes(modified=now))
            states.append((annotation.id, result.state))
    analysis_for(lib, get_article(lib, article_id))
    return states


def revise_from_source(
    lib: Library, article_id: int, source: str, *, stdin: TextIO | None = None
) -> list[tuple[str, str]]:
    """Read a new edition from a path, URL or stdin and apply it to article ``article_id``."""
    from briefing.services.articles import read_source  # trafilatura: only when needed

    get_article(lib, article_id)
    document = read_source(source, stdin=stdin)
    return revise_article(lib, article_id, document.text, blocks=document.blocks)
