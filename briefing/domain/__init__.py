"""Plain, frozen dataclasses shared by every layer: no I/O, no Qt.

Re-exports the public names so callers write ``from briefing.domain import Article``.
"""

from briefing.domain.analysis import (
    CLAIM_KINDS,
    ENTITY_LABELS,
    SUMMARY_LENGTHS,
    Analysis,
    Claim,
    EngineInfo,
    Entity,
)
from briefing.domain.annotation import (
    ANCHOR_STATES,
    COLORS,
    VERDICTS,
    Annotation,
)
from briefing.domain.article import Article, Revision, text_sha256
from briefing.domain.brief import Brief
from briefing.domain.errors import (
    AnalysisError,
    BriefingError,
    ExportError,
    ImportAnnotationsError,
    IngestError,
    StorageError,
)
from briefing.domain.span import Selector, Span

__all__ = [
    "ANCHOR_STATES",
    "CLAIM_KINDS",
    "COLORS",
    "ENTITY_LABELS",
    "SUMMARY_LENGTHS",
    "VERDICTS",
    "Analysis",
    "AnalysisError",
    "Annotation",
    "Article",
    "Brief",
    "BriefingError",
    "Claim",
    "EngineInfo",
    "Entity",
    "ExportError",
    "ImportAnnotationsError",
    "IngestError",
    "Revision",
    "Selector",
    "Span",
    "StorageError",
    "text_sha256",
]
