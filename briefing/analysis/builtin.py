"""The built-in engine: rule-based sentences, centroid summaries, CRF entities, linear claims.

Offline and dependency-light (python-crfsuite only). Resources load on the first
``analyse`` call, never at import.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from briefing.analysis.claims import find_claims
from briefing.analysis.entities import build_entities
from briefing.analysis.sentences import split_sentences
from briefing.analysis.summarise import summarise
from briefing.analysis.tokens import TOKEN_RE
from briefing.analysis.values import remove_overlaps, value_mentions
from briefing.domain import Analysis, AnalysisError, EngineInfo, text_sha256

if TYPE_CHECKING:
    from briefing.analysis.tagger import CrfTagger

NAME = "builtin"
VERSION = "1.0.0"
"""Bump whenever the output for the same text can change (results are cached per version)."""


class BuiltinEngine:
    """Implements :class:`briefing.analysis.engine.Engine`; safe to share between threads."""

    def __init__(self) -> None:
        self._info = EngineInfo(NAME, VERSION)
        self._lock = threading.Lock()
        self._tagger: CrfTagger | None = None

    @property
    def info(self) -> EngineInfo:
        return self._info

    def _get_tagger(self) -> CrfTagger:
        if self._tagger is None:
            from briefing.analysis.tagger import CrfTagger

            try:
                self._tagger = CrfTagger()
            except (OSError, ValueError) as exc:
                raise AnalysisError(
                    f"builtin engine: entity model cannot be loaded ({exc})"
                ) from exc
        return self._tagger

    def analyse(self, text: str) -> Analysis:
        sentences = split_sentences(text)
        sentence_texts = [text[s.start : s.end] for s in sentences]
        tokens = [TOKEN_RE.findall(s) for s in sentence_texts]
        with self._lock:  # the crfsuite tagger is not thread-safe
            named = self._get_tagger().mentions(text, sentences, tokens)
        mentions = remove_overlaps([*named, *value_mentions(text)], len(text))
        return Analysis(
            engine=self._info,
            text_sha256=text_sha256(text),
            sentences=tuple(sentences),
            summaries=summarise(sentence_texts, tokens=tokens),
            entities=tuple(build_entities(text, mentions)),
            claims=tuple(find_claims(text, sentences, tokens)),
        )
