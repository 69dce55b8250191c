"""Plain, frozen dataclasses shared by every layer: no I/O, no Qt.

Re-exports the public names so callers write ``from briefing.domain import Article``. The
submodules are imported when one of their names is first asked for (PEP 562): start-up
code that needs articles and annotations does not pay for the analysis types.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from briefing.domain.structure import Block

_HOMES: dict[str, str] = {
    "CLAIM_KINDS": "analysis", "ENTITY_LABELS": "analysis", "SUMMARY_LENGTHS": "analysis",
    "Analysis": "analysis", "Claim": "analysis", "EngineInfo": "analysis", "Entity": "analysis",
    "ANCHOR_STATES": "annotation", "COLORS": "annotation", "VERDICTS": "annotation",
    "Annotation": "annotation",
    "Article": "article", "Revision": "article", "text_sha256": "article",
    "Brief": "brief",
    "AnalysisError": "errors", "BriefingError": "errors", "ExportError": "errors",
    "ImportAnnotationsError": "errors", "IngestError": "errors", "StorageError": "errors",
    "Selector": "span", "Span": "span", "Block": "structure",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "Block",
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
