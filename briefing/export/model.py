"""What an export is made of: one brief document holding each article with its analysis
and the user's annotations. Built by services from the repositories; pure data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from briefing.domain import Analysis, Annotation, Article
from briefing.domain.claim_limits import ClaimLimits

if TYPE_CHECKING:
    from briefing.domain.llm_results import StoredBriefResult, StoredLlmResult
    from briefing.domain.verdicts import ReviewerVerdict


@dataclass(frozen=True)
class ArticleBrief:
    """One article of a brief; ``analysis`` is None when the article was not analysed yet."""

    article: Article
    analysis: Analysis | None
    annotations: tuple[Annotation, ...]
    llm_results: tuple[StoredLlmResult, ...] = ()  # stored language-model output, newest first
    verdicts: tuple[ReviewerVerdict, ...] = ()  # every reviewer's (reviewer '' is the reader)
    hidden_claims: int = 0  # claims of ``analysis`` left out by the brief's ClaimLimits


@dataclass(frozen=True)
class BriefDocument:
    """A brief to export, in the order the user arranged its articles."""

    title: str
    articles: tuple[ArticleBrief, ...]
    exported_at: str  # ISO UTC, injected for stable output
    summary_length: str = "short"
    tags: tuple[str, ...] = ()
    include_text: bool = True  # append each article's text, paragraphs numbered and anchored
    llm_brief: StoredBriefResult | None = None  # the brief's stored language-model summary
    claim_limits: ClaimLimits = field(default_factory=ClaimLimits)  # see hidden_claims
    full_paths: bool = False  # local sources with their full path (default: file name only)


def shown_source(article: Article, full_paths: bool = False) -> str | None:
    """The source a brief shows: the URL, or a local file's name (its full path only when
    the user asked for it; the library keeps the full path either way)."""
    if article.source_url:
        return article.source_url
    if article.source_path and not full_paths:
        return PurePath(article.source_path).name or article.source_path
    return article.source_path
