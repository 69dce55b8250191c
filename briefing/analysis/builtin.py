"""The built-in engine: rule-based sentences, lead summaries, CRF entities, n-gram claims.

Offline and dependency-light (python-crfsuite, py3langid). Resources load on the first
``analyse`` call, never at import. Sentences and summaries work in every language; the
entity and claim layers are English-only, so for other languages they stay empty and
``layers`` says so.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from briefing.analysis.builtin_info import NAME, VERSION
from briefing.analysis.claims import find_claims
from briefing.analysis.entities import build_entities
from briefing.analysis.language import detect_language
from briefing.analysis.sentences import split_sentences
from briefing.analysis.summarise import summarise
from briefing.analysis.tokens import TOKEN_RE
from briefing.analysis.values import remove_overlaps, value_mentions
from briefing.domain import Analysis, AnalysisError, EngineInfo, text_sha256

if TYPE_CHECKING:
    from briefing.analysis.tagger import CrfTagger

ENGLISH_ONLY = "en-only"
LAYERS = {"entities": ENGLISH_ONLY, "claims": ENGLISH_ONLY}
"""Which languages each layer supports (sentences and summaries: all)."""


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
        language = detect_language(text)
        sentences = split_sentences(text, language)
        sentence_texts = [text[s.start : s.end] for s in sentences]
        tokens = [TOKEN_RE.findall(s) for s in sentence_texts]
        summaries = summarise(sentence_texts, tokens=tokens)
        if language not in ("en", ""):
            return Analysis(
                engine=self._info,
                text_sha256=text_sha256(text),
                sentences=tuple(sentences),
                summaries=summaries,
                language=language,
                layers=dict(LAYERS),
            )
        with self._lock:  # the crfsuite tagger is not thread-safe
            named = self._get_tagger().mentions(text, sentences, tokens)
        mentions = remove_overlaps([*named, *value_mentions(text)], len(text))
        claims, candidates = find_claims(text, sentences, tokens)
        return Analysis(
            engine=self._info,
            text_sha256=text_sha256(text),
            sentences=tuple(sentences),
            summaries=summaries,
            entities=tuple(build_entities(text, mentions)),
            claims=tuple(claims),
            claim_candidates=tuple(candidates),
            language=language,
            layers=dict(LAYERS),
        )
