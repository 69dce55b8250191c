"""The engine protocol every analysis engine implements (built-in now, a language model later)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from briefing.domain import Analysis, EngineInfo


@runtime_checkable
class Engine(Protocol):
    """Analyses normalised article text.

    ``info`` names the engine and its version; results are cached per text hash + version,
    so the version must change whenever the output for the same text can change.
    ``analyse`` returns offsets into ``text`` and ``text_sha256 == text_sha256(text)``;
    it raises ``briefing.domain.AnalysisError`` when the engine cannot work.
    """

    @property
    def info(self) -> EngineInfo: ...

    def analyse(self, text: str) -> Analysis: ...
