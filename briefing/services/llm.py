"""Language-model use cases on the library: summarise an article or explain one of its claims
with the user's provider, check the answer against the article's sentences, and store it
labelled with provider, model, date and prompt version; list and delete stored results.
A brief's summary is checked against the sentences of all its articles.

Nothing here makes a network call unless the caller passes a ``ChatClient`` built from
settings the user enabled (``client_for`` refuses disabled settings). A failed, cancelled or
empty answer stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from briefing.domain import Article, BriefingError, Span
from briefing.llm.cancel import CancelCheck
from briefing.llm.client import ChatClient
from briefing.llm.errors import LlmCancelled, LlmError
from briefing.llm.secrets import SessionKeys, get_key
from briefing.llm.service import (
    ARTICLE_SUMMARY,
    BRIEF_SUMMARY,
    CLAIM_EXPLANATION,
    LlmResult,
    explain_claim,
    finish,
    summarise_article,
    summarise_brief,
)
from briefing.llm.settings import ProviderSettings
from briefing.services.articles import analysis_for, get_article
from briefing.services.briefs import get_brief
from briefing.services.library import Library
from briefing.storage import llm_results as store
from briefing.storage.llm_results import (
    SourceRef,
    StoredBriefResult,
    StoredLlmResult,
    StoredSentence,
)

ChunkSink = Callable[[str], None]
CONTEXT_PARAGRAPHS = 1
"""Paragraphs before and after a claim's own paragraph sent with it as context."""


def client_for(settings: ProviderSettings, session: SessionKeys | None = None) -> ChatClient:
    """A client for the user's provider with its key (session first, then the keyring)."""
    if not settings.enabled:
        raise LlmError(
            "language-model support is turned off; choose a provider in File → Language Model…"
        )
    return ChatClient(settings, get_key(settings.base_url, session))


def run_summary(
    lib: Library,
    article_id: int,
    client: ChatClient,
    *,
    cancel: CancelCheck | None = None,
    on_chunk: ChunkSink | None = None,
    max_sentences: int = 3,
) -> LlmResult:
    """Stream a summary of the article (each piece to ``on_chunk``), ground it against the
    article's analysis sentences and store it in place of the previous summary."""
    article = get_article(lib, article_id)
    sentences = analysis_for(lib, article).sentences
    stream = summarise_article(
        client,
        article.text,
        sentences,
        title=article.title,
        max_sentences=max_sentences,
        cancel=cancel,
    )
    text = _collect(client, stream, cancel, on_chunk)
    result = finish(client, text, article.text, sentences, kind=ARTICLE_SUMMARY)
    _save(lib, article, sentences, result, None)
    return result


def run_explain_claim(
    lib: Library,
    article_id: int,
    start: int,
    end: int,
    client: ChatClient,
    *,
    cancel: CancelCheck | None = None,
    on_chunk: ChunkSink | None = None,
    max_sentences: int = 4,
) -> LlmResult:
    """Stream an explanation of what would verify or refute the claim at ``start:end`` of the
    article, ground it against the article and store it (replacing one for the same span)."""
    article = get_article(lib, article_id)
    if not 0 <= start < end <= len(article.text) or not article.text[start:end].strip():
        raise BriefingError(
            f"article {article_id}: claim span {start}..{end} is outside the text or empty"
        )
    sentences = analysis_for(lib, article).sentences
    claim = article.text[start:end]
    stream = explain_claim(
        client,
        claim,
        claim_context(article.text, start, end),
        max_sentences=max_sentences,
        cancel=cancel,
    )
    text = _collect(client, stream, cancel, on_chunk)
    result = finish(client, text, article.text, sentences, kind=CLAIM_EXPLANATION)
    _save(lib, article, sentences, result, Span(start, end))
    return result


def run_brief_summary(
    lib: Library,
    brief_id: int,
    client: ChatClient,
    *,
    cancel: CancelCheck | None = None,
    on_chunk: ChunkSink | None = None,
    max_sentences: int = 5,
) -> LlmResult:
    """Stream one summary of the brief's articles (in brief order; each piece to
    ``on_chunk``), ground every sentence against the sentences of all those articles and
    store it, each source naming its article, in place of the brief's previous summary."""
    brief = get_brief(lib, brief_id)
    if not brief.article_ids:
        raise BriefingError(f"brief {brief_id}: it has no articles to summarise")
    articles = [get_article(lib, article_id) for article_id in brief.article_ids]
    # The articles' texts joined by "\n", their sentence spans shifted into that text; each
    # joined sentence remembers (article, its index in that article, its own span).
    joined: list[Span] = []
    origin: list[tuple[Article, int, Span]] = []
    offset = 0
    for article in articles:
        for index, span in enumerate(analysis_for(lib, article).sentences):
            joined.append(Span(span.start + offset, span.end + offset))
            origin.append((article, index, span))
        offset += len(article.text) + 1
    stream = summarise_brief(
        client,
        [(a.title, a.text) for a in articles],
        max_sentences=max_sentences,
        cancel=cancel,
    )
    text = _collect(client, stream, cancel, on_chunk)
    source_text = "\n".join(a.text for a in articles)
    result = finish(client, text, source_text, joined, kind=BRIEF_SUMMARY)

    def source(index: int) -> SourceRef:
        article, local, span = origin[index]
        return SourceRef(local, span.start, span.end, article.id)

    record = StoredBriefResult(
        id=0,
        brief_id=brief.id,
        text=result.text,
        provider=result.provider,
        model=result.model,
        created_at=result.created_at,
        prompt_version=result.prompt_version,
        supported_share=result.grounding.supported_share,
        articles=tuple((a.id, a.text_sha256) for a in articles),
        sentences=tuple(
            StoredSentence(
                text=s.text,
                start=s.span.start,
                end=s.span.end,
                supported=s.supported,
                score=s.score,
                sources=tuple(source(i) for i in s.sources if 0 <= i < len(origin)),
                unsupported_numbers=s.unsupported_numbers,
                unsupported_names=s.unsupported_names,
            )
            for s in result.grounding.sentences
        ),
    )
    with lib.transaction() as conn:
        store.replace_brief(conn, record)
    return result


def brief_result(lib: Library, brief_id: int) -> StoredBriefResult | None:
    """The brief's stored language-model summary (newest), or None."""
    return store.for_brief(lib.conn, brief_id)


def results_for(lib: Library, article_id: int) -> list[StoredLlmResult]:
    """The article's stored results, newest first."""
    return store.for_article(lib.conn, article_id)


def latest_result(
    lib: Library, article_id: int, kind: str = store.SUMMARY, claim: Span | None = None
) -> StoredLlmResult | None:
    """The newest stored result of ``kind`` (for an explanation: of the claim at ``claim``)."""
    for result in results_for(lib, article_id):
        if result.kind == kind and (claim is None or result.claim == claim):
            return result
    return None


def delete_result(lib: Library, result_id: int) -> None:
    with lib.transaction() as conn:
        if not store.delete(conn, result_id):
            raise BriefingError(f"no language-model result with id {result_id} in the library")


def claim_context(text: str, start: int, end: int) -> str:
    """The paragraphs holding ``start:end`` plus ``CONTEXT_PARAGRAPHS`` on either side."""
    paragraphs = text.split("\n")
    offsets, position = [], 0
    for paragraph in paragraphs:
        offsets.append(position)
        position += len(paragraph) + 1
    first = max(i for i, o in enumerate(offsets) if o <= start)
    last = max(i for i, o in enumerate(offsets) if o < end)
    low = max(0, first - CONTEXT_PARAGRAPHS)
    high = min(len(paragraphs), last + CONTEXT_PARAGRAPHS + 1)
    return "\n".join(paragraphs[low:high])


def _collect(
    client: ChatClient,
    stream: Iterable[str],
    cancel: CancelCheck | None,
    on_chunk: ChunkSink | None,
) -> str:
    pieces: list[str] = []
    for piece in stream:
        pieces.append(piece)
        if on_chunk is not None:
            on_chunk(piece)
    if cancel is not None and cancel():
        raise LlmCancelled(f"LLM provider {client.provider}: cancelled; nothing was saved")
    text = "".join(pieces)
    if not text.strip():
        raise LlmError(
            f"LLM provider {client.provider}: the model {client.settings.model} gave an empty "
            "answer; nothing was saved"
        )
    return text


def _save(
    lib: Library,
    article: Article,
    sentences: Sequence[Span],
    result: LlmResult,
    claim: Span | None,
) -> int:
    def source(index: int) -> SourceRef:
        span = sentences[index] if 0 <= index < len(sentences) else Span(0, len(article.text))
        return SourceRef(index, span.start, span.end)

    record = StoredLlmResult(
        id=0,
        article_id=article.id,
        kind=store.SUMMARY if claim is None else store.EXPLAIN,
        claim=claim,
        claim_text=article.text[claim.start : claim.end] if claim else None,
        text=result.text,
        provider=result.provider,
        model=result.model,
        created_at=result.created_at,
        prompt_version=result.prompt_version,
        supported_share=result.grounding.supported_share,
        source_sha256=article.text_sha256,
        sentences=tuple(
            StoredSentence(
                text=s.text,
                start=s.span.start,
                end=s.span.end,
                supported=s.supported,
                score=s.score,
                sources=tuple(source(i) for i in s.sources),
                unsupported_numbers=s.unsupported_numbers,
                unsupported_names=s.unsupported_names,
            )
            for s in result.grounding.sentences
        ),
    )
    with lib.transaction() as conn:
        return store.replace(conn, record)
