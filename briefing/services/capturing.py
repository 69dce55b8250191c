"""Browser captures in the library: pairing tokens (only their hash stored) and turning a
checked capture into an article plus a highlight, exactly as ``briefing import`` would.

The HTTP endpoint (``briefing.capture``) and the reader both call these functions.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from briefing.clock import utc_now
from briefing.domain import (
    Annotation,
    Article,
    BriefingError,
    IngestError,
    Selector,
    Span,
)
from briefing.domain.capture import CaptureRequest, CaptureSelection, InvalidCapture
from briefing.domain.span import CONTEXT_CHARS
from briefing.services.annotating import (
    annotations_for,
    clean_tags,
    delete_annotation,
    find_quote,
    new_annotation,
    save_annotation,
)
from briefing.services.articles import delete_article, import_document
from briefing.services.library import Library
from briefing.storage import captures as capture_store
from briefing.storage.captures import CaptureToken, StoredCapture

TOKEN_BYTES = 32  # 256 random bits (the contract asks for at least 128)
TOKEN_PREFIX = "brf_"
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class CaptureOutcome:
    """What a capture became. ``article_status`` is import's ("new", "existing", "revised")
    or "duplicate" when this capture_id had been received before."""

    capture_id: str
    article_id: int
    annotation_id: str | None
    duplicate: bool
    article_status: str
    title: str = ""
    annotation_is_new: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "annotation_id": self.annotation_id,
            "duplicate": self.duplicate,
        }


def token_hash(token: str) -> str:
    """The stored form of a token: SHA-256 (a 256-bit random token needs no slow hash)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def pair_token(lib: Library, label: str = "") -> tuple[int, str]:
    """A new token for one extension: (its id, the token itself, to be shown once)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    with lib.transaction() as conn:
        token_id = capture_store.add_token(conn, label.strip(), token_hash(token), utc_now())
    return token_id, token


def list_tokens(lib: Library) -> list[CaptureToken]:
    return capture_store.tokens(lib.conn)


def revoke_token(lib: Library, token_id: int) -> None:
    with lib.transaction() as conn:
        found = capture_store.delete_token(conn, token_id)
    if not found:
        raise BriefingError(f"no capture token with id {token_id}")


def check_token(lib: Library, token: str) -> CaptureToken | None:
    """The paired token ``token`` is, or None (reads only: a refused request stores nothing)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return capture_store.token_by_hash(lib.conn, token_hash(token))


def receive_capture(
    lib: Library, request: CaptureRequest, *, token_id: int | None = None,
    origin: str | None = None, analyse: bool = True,
) -> CaptureOutcome:
    """Store a capture: the page as an article (import's extraction and de-duplication) and
    the selection as a highlight with the note and tags. A capture_id seen before changes
    nothing and answers with the same ids. Raises InvalidCapture when the page holds no
    article (nothing is stored then)."""
    seen = capture_store.get_capture(lib.conn, request.capture_id)
    if seen is not None:
        return _duplicate(lib, seen)
    from briefing.ingest.sniff import read_decoded

    try:
        document = read_decoded(request.html, kind="html", name=request.url, url=request.url)
    except IngestError as exc:
        raise InvalidCapture(str(exc)) from None
    result = import_document(lib, document, analyse=analyse)
    annotation, is_new = _annotate(lib, result.article, request)
    annotation_id = annotation.id if annotation else None
    stored = StoredCapture(request.capture_id, result.article.id, annotation_id)
    now = utc_now()
    with lib.transaction() as conn:
        capture_store.add_capture(conn, stored, token_id, now)
        if token_id is not None:
            capture_store.record_use(conn, token_id, origin, now)
    return CaptureOutcome(
        request.capture_id, result.article.id, stored.annotation_id, False, result.status,
        result.article.title, is_new,
    )


def _duplicate(lib: Library, seen: StoredCapture) -> CaptureOutcome:
    from briefing.services.articles import get_article

    title = get_article(lib, seen.article_id).title
    return CaptureOutcome(
        seen.capture_id, seen.article_id, seen.annotation_id, True, "duplicate", title
    )


def _collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text)


def locate_selection(text: str, selection: CaptureSelection) -> Span | None:
    """Where the browser's selection lies in the article text: its quote placed by the
    anchoring code (prefix/suffix decide between repeats), else a whitespace-tolerant
    search; None when the extracted article does not contain it."""
    from briefing.anchoring import reanchor

    exact = _collapse(selection.exact).strip()
    if not exact:
        return None
    selector = Selector(
        start=0, end=len(exact), exact=exact,
        prefix=_collapse(selection.prefix)[-CONTEXT_CHARS:],
        suffix=_collapse(selection.suffix)[:CONTEXT_CHARS],
    )
    placed = reanchor(selector, text)
    if placed.selector is not None:
        return placed.selector.span
    return find_quote(text, exact)


def _annotate(
    lib: Library, article: Article, request: CaptureRequest
) -> tuple[Annotation | None, bool]:
    """The highlight (or, without a selection, a colourless note on the first paragraph)
    carrying the note and tags; an identical one already there is reused."""
    span = locate_selection(article.text, request.selection) if request.selection else None
    color: str | None = "yellow"
    if span is None:
        if not (request.note.strip() or clean_tags(request.tags)):
            return None, False
        first = article.text.find("\n")
        span, color = Span(0, first if first > 0 else len(article.text)), None
    for existing in annotations_for(lib, article.id):
        if (existing.selector.span == span and existing.note == request.note.strip()
                and existing.color == color):
            merged = tuple(sorted({*existing.tags, *clean_tags(request.tags)}))
            if merged != existing.tags:
                existing = save_annotation(lib, existing.with_changes(tags=merged))
            return existing, False
    created = new_annotation(
        article, span.start, span.end, color=color, note=request.note, tags=request.tags
    )
    return save_annotation(lib, created, touch=False), True


def undo_capture(lib: Library, outcome: CaptureOutcome) -> None:
    """Take back what a capture added: the article when it was new, else its new highlight."""
    if outcome.duplicate:
        return
    if outcome.article_status == "new":
        delete_article(lib, outcome.article_id)  # its capture record goes with it
        return
    if outcome.annotation_is_new and outcome.annotation_id:
        delete_annotation(lib, outcome.annotation_id)
    with lib.transaction() as conn:
        capture_store.delete_capture(conn, outcome.capture_id)
