"""Check-worthy claims: a linear model's score per sentence, plus kind, speaker and hedges.

The score is a logistic model over briefing.analysis.claim_features (trained on ClaimBuster
by scripts/analysis/train_claims.py). A sentence whose score reaches the model's threshold
becomes a claim covering the whole sentence. Kind, speaker and hedges come from patterns.
"""

from __future__ import annotations

import math
import re
from itertools import repeat
from typing import Any

from briefing.analysis.claim_features import sentence_features
from briefing.analysis.resources import claim_model
from briefing.analysis.tokens import STOPWORDS, word_set
from briefing.domain import Claim, Span

_NUMBERISH = (
    r"(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|a dozen\b|"
    r"dozens\b|hundreds\b|thousands\b|millions\b|half\b|a third\b|a quarter\b|[$€£])"
)
_HEDGE_BEFORE_NUMBER = re.compile(
    rf"\b(about|approximately|nearly|almost|around|roughly|some|up to|as many as|an estimated|"
    rf"estimated|close to|more than|over|at least)\s+(?={_NUMBERISH})",
    re.IGNORECASE,
)
_HEDGE_WORDS = re.compile(
    r"\b(reportedly|allegedly|apparently|possibly|probably|likely|unlikely|perhaps|may|might|"
    r"could|appears? to|seems? to|suggests?|believed to|thought to|unconfirmed|purportedly|"
    r"unverified|claimed)\b",
    re.IGNORECASE,
)
_NOT_HEDGES = frozenset({"more than", "over", "at least"})  # bounds, not vagueness

_STATISTIC = re.compile(
    rf"\d|%|\b(?:percent|per cent|million|billion|trillion|hundreds|thousands|dozens|half|"
    rf"majority|average|rate|doubled|tripled)\b|{_NUMBERISH}\s*(?:kilomet|mile|people|troops)",
    re.IGNORECASE,
)
_QUOTE = re.compile(
    r"[\"“]\s*[^\"“”\s]+(?:\s+[^\"“”\s]+){3,}\s*[\"”]"
    r"|^\s*['‘]\s*[^'’\s]+(?:\s+[^'’\s]+){3,}\s*['’]"
)
_REPORTING_VERBS = (
    r"said|says|stated|states|told|reported|reports|announced|confirmed|claimed|claims|warned|"
    r"added|noted|insisted|argued|estimated|estimates|acknowledged|admitted|denied|alleged|"
    r"declared|wrote|testified|explained|predicted|urged|stressed|demanded|vowed|promised|"
    r"pledged|accused|threatened|suggested|believes|reaffirmed|revealed|disclosed|asserted"
)
_SPEAKER_FIRST = re.compile(
    rf"^(?P<speaker>(?:[A-Z][\w'’.-]*|the|of|and|for|a|an)(?:\s+(?:[\w'’.-]+)){{0,7}}?)\s+"
    rf"(?:has\s+|have\s+|had\s+)?(?:also\s+|\w+ly\s+)?(?:{_REPORTING_VERBS})\b"
)
_SPEAKER_AFTER = re.compile(
    rf"[,\"”]\s*(?P<speaker>[\w'’.-]+(?:\s+[\w'’.-]+){{0,6}}?)\s+"
    rf"(?:{_REPORTING_VERBS})[\s.,]"
)
_SPEAKER_INVERTED = re.compile(
    rf"[,\"”]\s*(?:{_REPORTING_VERBS})\s+(?P<speaker>(?:[A-Z][\w'’.-]*|the)(?:\s+[\w'’.-]+){{0,6}}?)"
    r"\s*(?:[.,]|$)"
)
_ACCORDING = re.compile(
    r"\baccording to\s+(?P<speaker>[\w'’.-]+(?:\s+[\w'’.-]+){0,5}?)\s*(?:[,;]|\.?$)"
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "there"})
_DETERMINERS = frozenset({"the", "a", "an"})
_QUOTES_SPACE = " ,\"“”'‘’"
_SPEAKER_CUT = re.compile(r"\s['‘\"“]|[\"“”]|\.\s")
_NOT_IN_SPEAKER = _PRONOUNS | word_set("has have had is was were are who which that not also")
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Jr|Sr|Inc|Corp|Co|Ltd)\.$")
_CAUSAL = re.compile(
    r"\b(?:because|due to|caused|causes|causing|led to|leads to|leading to|as a result|"
    r"resulted in|results in|blamed|owing to|thanks to|triggered|sparked)\b",
    re.IGNORECASE,
)
_PREDICTION = re.compile(
    r"\b(?:will|would|is expected to|are expected to|expects?|forecasts?|predicts?|"
    r"is set to|are set to|is likely to|are likely to|plans? to|aims? to|could)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|better|worse)\s+than\b|"
    r"\b(?:most|least|largest|biggest|highest|lowest|first|worst|best)\b|\bcompared (?:to|with)\b"
    r"|\b(?!other\b|rather\b)\w{2,}er\s+than\b",
    re.IGNORECASE,
)


def _score(features: list[str], model: dict[str, Any]) -> float:
    weights: dict[str, float] = model["weights"]
    z = float(model["bias"]) + sum(map(weights.get, features, repeat(0.0, len(features))))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def find_speaker(sentence: str) -> str | None:
    """Who the sentence attributes its content to, when it says so."""
    for pattern in (_ACCORDING, _SPEAKER_FIRST, _SPEAKER_AFTER, _SPEAKER_INVERTED):
        match = pattern.search(sentence)
        if match:
            speaker = _SPEAKER_CUT.split(match.group("speaker").strip(_QUOTES_SPACE), 1)[0]
            if speaker.endswith(".") and not _ABBREVIATED_END.search(speaker):
                speaker = speaker[:-1]
            words = [w.split("'")[0].split("’")[0] for w in speaker.lower().split()]
            first = words[0] if words else ""
            if (
                speaker
                and words[-1] not in _DETERMINERS
                and _NOT_IN_SPEAKER.isdisjoint(words)
                and (first in _DETERMINERS or first not in STOPWORDS)
            ):
                return speaker
    return None


def find_hedges(sentence: str) -> tuple[str, ...]:
    found = [m.group(1).lower() for m in _HEDGE_BEFORE_NUMBER.finditer(sentence)]
    found += [
        m.group(1).lower()
        for m in _HEDGE_WORDS.finditer(sentence)
        if not (m.group(1) == "May" and m.start())  # the month, not the modal
    ]
    return tuple(dict.fromkeys(h for h in found if h not in _NOT_HEDGES))


def claim_kind(sentence: str, speaker: str | None) -> str:
    if _STATISTIC.search(sentence):
        return "statistic"
    if _QUOTE.search(sentence):
        return "quote"
    if speaker:
        return "attribution"
    if _CAUSAL.search(sentence):
        return "causal"
    if _PREDICTION.search(sentence):
        return "prediction"
    if _COMPARISON.search(sentence):
        return "comparison"
    return "other"


def find_claims(
    text: str, sentences: list[Span], tokens: list[list[str]] | None = None
) -> list[Claim]:
    """Claims (whole sentences) whose check-worthiness reaches the model's threshold.

    ``tokens`` are each sentence's TOKEN_RE tokens when the caller already has them.
    """
    model = claim_model()
    threshold = float(model["threshold"])
    claims: list[Claim] = []
    for n, span in enumerate(sentences):
        sentence = text[span.start : span.end]
        score = _score(sentence_features(sentence, None if tokens is None else tokens[n]), model)
        if score < threshold:
            continue
        speaker = find_speaker(sentence)
        hedges = find_hedges(sentence)
        claims.append(
            Claim(
                start=span.start,
                end=span.end,
                score=round(score, 4),  # as stored in JSON, so round trips are exact
                kind=claim_kind(sentence, speaker),
                speaker=speaker,
                hedged=bool(hedges),
                hedges=hedges,
            )
        )
    return claims
