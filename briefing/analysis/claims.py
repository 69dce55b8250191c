"""Check-worthy claims: a linear model's score per sentence, plus kind, speaker and hedges.

The score is a logistic model over briefing.analysis.claim_features (character and word
n-grams, trained on ClaimBuster and fact-checked debates by scripts/analysis/train_claims.py),
evaluated in pure Python. A sentence whose score reaches the model's absolute threshold
(chosen under cross-validation, see resources/analysis/README.md) is check-worthy; an
article shows its strongest check-worthy sentences as claims, about a quarter of its
sentences at most (strongest first), and keeps the rest as ``claim_candidates`` (see
:func:`find_claims`). Table rows (TAB lines), code and editor's notes are never claims.
Kind, speaker and hedges come from patterns.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise, repeat
from typing import Any

from briefing.analysis.claim_features import sentence_features, word_grams, words_of
from briefing.analysis.resources import claim_model
from briefing.analysis.tokens import STOPWORDS, TITLE_ABBREVIATIONS, guarded, word_set
from briefing.domain import Claim, Span

_NUMBERISH = (
    r"(?:\d|[$€£]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a dozen|"
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundred|"
    r"dozens|hundreds|thousands|millions|half|a third|a quarter)\b)"
)
_HEDGE_BEFORE_NUMBER = guarded(
    "anrsuecmo",
    rf"\b(about|approximately|nearly|almost|around|roughly|some|up to|as many as|an estimated|"
    rf"estimated|close to|more than|over|at least)\s+(?={_NUMBERISH})",
)
_HEDGE_WORDS = guarded(
    "raplumsbt",
    r"\b(reportedly|allegedly|apparently|possibly|probably|(?<!more )(?<!less )(?<!most )"
    r"(?<!least )likely|unlikely|perhaps|may|might|appears? to|seems? to|believed to|"
    r"thought to|unconfirmed|purportedly|unverified)\b",
)
_NOT_HEDGES = frozenset({"more than", "over", "at least"})  # bounds, not vagueness

_STATISTIC = guarded(
    r"\d%$€£ptmbhdarofsen",
    rf"\d|%|\b(?:percent|per cent|million|billion|trillion|hundreds|thousands|dozens|half|"
    rf"majority|average|rate|doubled|tripled)\b|{_NUMBERISH}\s*(?:kilomet|mile|people|troops)",
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NOT_STATISTICS = re.compile(  # numbers that only say when, how old or the score of a game
    r",\s*\d{1,3}\s*,"  # the one pattern not at a word start; the others share one \b
    r"|\b(?:(?:1[5-9]|20)\d\d(?:s|/\d\d)?\b"  # years, 1990s, 2014/15
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}"
    r"|\d{1,3}-year-olds?\b|aged?\s+\d{1,3}\b|\d{1,3}\s+years?\s+old\b"
    r"|\d{1,2}[-–]\d{1,2}\b(?!\s*(?:percent|%|per cent|million|billion))"  # scores: 3-1
    r"|\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|am|pm|GMT|BST|ET)\b|\d{1,2}:\d\d\b"
    r"|\d{1,2}(?:st|nd|rd|th)\b"  # ordinals: 21st century, 3rd round
    r"|(?:No\.?|Number|Article|Section|Chapter|Flight|Route|Highway|Interstate|Apollo|Page|"
    r"Room|Channel|Season|Episode|Week|Game|Round|Stage|Phase|Proposition|Prop\.|Formula|"
    r"Windows|iPhone|PlayStation|Boeing|Airbus)\s+\d+\b"  # names: Flight 370, Season 3
    r"|[A-Za-z]{1,5}-\d+\b|[A-Z]{1,3}\d{1,4}\b|9/11\b"  # Covid-19, F-35, MH17, G20
    r"|(?:turned|turns|turning|(?:[Hh]e|[Ss]he|[Ww]ho|I)\s+(?:is|was|am))\s+\d{1,3}\b"  # ages
    r"(?!\s*(?:%|percent|per cent|million|billion|times|\w+s\b)))"
)
_QUOTE = re.compile(
    r"[\"“]\s*[^\"“”\s]+(?:\s+[^\"“”\s]+){3,}\s*[\"”]"
    r"|(?:^|:)\s*['‘]\s*[^'’\s]+(?:\s+[^'’\s]+){3,}\s*['’]"  # 'At the start' / said: '…'
)
_REPORTING_VERBS = (
    r"said|says|stated|states|told|reported|reports|announced|confirmed|claimed|claims|warned|"
    r"added|noted|insisted|argued|estimated|estimates|acknowledged|admitted|denied|alleged|"
    r"declared|wrote|testified|explained|predicted|urged|stressed|demanded|vowed|promised|"
    r"pledged|accused|threatened|suggested|believes|reaffirmed|revealed|disclosed|asserted"
)
_PLURAL_VERBS = "say|tell|warn|report|estimate|believe|insist|argue|predict|admit"
"""Only after a sentence-opening subject ("Officials say"): elsewhere "to say" is no report."""
_SPEAKER_APPOSITIVE = re.compile(  # "Jane Smith, 64, said" / "Jane Smith, a nurse, said:"
    r"(?:^|[,;\"”]\s*)(?P<speaker>(?:[A-Z][\w'’-]*\.?\s+){0,4}[A-Z][\w'’-]+),\s+"
    r"(?:\d{1,3}|aged \d{1,3}|[^,;\"“”]{1,90}),\s+"
    rf"(?:has\s+|had\s+)?(?:also\s+|\w+ly\s+)?(?:{_REPORTING_VERBS})\b"
)
_SPEAKER_FIRST = re.compile(
    r"^(?:(?:But|And|So|Yet|Now|However|Meanwhile|Still|Instead),?\s+)?"
    rf"(?P<speaker>(?:[A-Z][\w'’.-]*|the|of|and|for|a|an|(?<=\s)[a-z]{{3,}}s)"  # But experts
    rf"(?:\s+(?:[\w'’.-]+)){{0,7}}?)\s+"
    rf"(?:has\s+|have\s+|had\s+)?(?:also\s+|\w+ly\s+)?(?:{_REPORTING_VERBS}|(?<!\bto\s)(?:{_PLURAL_VERBS}))\b"
)
_SPEAKER_AFTER = re.compile(
    rf"[,\"”]\s*(?P<speaker>[\w'’.-]+(?:\s+[\w'’.-]+){{0,6}}?)\s+"
    rf"(?:{_REPORTING_VERBS})[\s.,]"
)
_SPEAKER_INVERTED = re.compile(
    rf"[,\"”'’]\s*(?:{_REPORTING_VERBS})\s+"
    r"(?P<speaker>(?:[A-Z][\w'’.-]*|the|[a-z]+)(?:\s+[\w'’.-]+){0,6}?)"
    r"\s*(?:[.,:;]|$|\s(?=(?:after|before|in|on|at|during|when|while|who|as|from|to)\b))"
)
_UNNAMED = re.compile(r"(?!(?:the|a|an)\s)[a-z][\w'’.-]*(?:\s+[a-z][\w'’.-]*)+")
_ACCORDING = re.compile(
    r"\b[Aa]ccording to\s+(?P<speaker>[\w'’.-]+(?:\s+[\w'’.-]+){0,5}?)\s*(?:[,;]|\.?$)"
)
_NEVER_CLAIMS = re.compile(
    r"^\s*(?:editor'?s'? ?note|editor’s note|correction:|clarification:)"
    r"|[{};]\s*$|^\s*(?:\$ |>>> |def |class \w+[(:]|import \w|from \S+ import |#include|</?\w+>)"
    r"|\w\([^()]*\)\s*(?:[;{]|=>|->)|==|!=|&&|\|\||:=|=>|(?:^|\s)//\s|/\*"
    r"|^\s*[A-Za-z_][\w.\[\]]*\s*[-+*/]?=\s",
    re.IGNORECASE,
)
_CONTENT_STOPWORDS = word_set("time new people year years first last one two like")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "there"})
_DETERMINERS = frozenset({"the", "a", "an"})
_QUOTES_SPACE = " ,\"“”'‘’"
_SPEAKER_CUT = re.compile(r"\s['‘\"“]|[\"“”]|\.\s")
_NOT_IN_SPEAKER = _PRONOUNS | word_set("has have had is was were are who which that not also")
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Jr|Sr|Inc|Corp|Co|Ltd)\.$")
_CAUSAL = guarded(
    "bdclarots",
    r"\b(?:because|due to|caused|causes|causing|led to|leads to|leading to|as a result|"
    r"resulted in|results in|blamed|owing to|thanks to|triggered|sparked)\b",
)
_PREDICTION = guarded(
    "wiaefpc",
    r"\b(?:will|would|is expected to|are expected to|expects?|forecasts?|predicts?|"
    r"is set to|are set to|is likely to|are likely to|plans? to|aims? to|could)\b",
)
_COMPARISON = re.compile(  # every pattern opens at a word start: one shared \b
    r"\b(?:(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|better|worse)\s+than\b|"
    r"(?:most|least|largest|biggest|highest|lowest|first|worst|best)\b|compared (?:to|with)\b"
    r"|(?!other\b|rather\b)\w{2,}er\s+than\b)",
    re.IGNORECASE,
)


_WORD_CACHE_MAX = 200_000


def _word_share(word: str, model: dict[str, Any], cache: dict[str, tuple[float, float]]) -> (
    tuple[float, float]
):
    """A word's share of the score and of the squared norm: its character n-grams' and its
    unigram's weights, and the squared idf-weighted counts of those (counted within the word)."""
    found = cache.get(word)
    if found is None:
        weights: dict[str, float] = model["weights"]
        grams = word_grams(word)
        grams.append("w=" + word)
        share = sum(map(weights.get, grams, repeat(0.0, len(grams))))
        idf: dict[str, float] | None = model.get("idf")
        square = 0.0
        if idf:
            square = sum((n * idf.get(g, 0.0)) ** 2 for g, n in Counter(grams).items())
        found = (share, square)
        if len(cache) >= _WORD_CACHE_MAX:
            cache.clear()
        cache[word] = found
    return found


_Tables = tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]


def _lookup_tables(model: dict[str, Any]) -> _Tables:
    """(bigrams, cues): the model's ``w=a b`` and ``f=cue`` features keyed without their
    prefix, each with (weight, idf) — one lookup per feature, no key to build. Made once per
    model (again when its ``weights`` or ``idf`` dict is replaced)."""
    weights: dict[str, float] = model["weights"]
    idf: dict[str, float] = model.get("idf") or {}
    made = model.get("_tables")
    if made is not None and made[0] is weights and made[1] is idf:
        tables: _Tables = made[2]
        return tables
    bigrams: dict[str, tuple[float, float]] = {}
    cues: dict[str, tuple[float, float]] = {}
    for key in weights.keys() | idf.keys():
        if key.startswith("f="):
            cues[key[2:]] = (weights.get(key, 0.0), idf.get(key, 0.0))
        elif key.startswith("w=") and " " in key:
            bigrams[key[2:]] = (weights.get(key, 0.0), idf.get(key, 0.0))
    model["_tables"] = (weights, idf, (bigrams, cues))
    return bigrams, cues


def claim_score(
    sentence: str, model: dict[str, Any] | None = None, tokens: list[str] | None = None
) -> float:
    """The check-worthiness probability of one sentence (0..1): a logistic model over the
    sentence's feature counts, summed per word (cached) plus word bigrams and cue features.
    A model with ``idf`` weighs each count by it (folded into its weights) and divides the sum
    by the per-word L2 norm scripts/analysis/train_claims.py trains with (each word's own
    features, then each bigram and cue; no cross-word terms). Features the model does not
    know add nothing and are skipped.

    ``tokens`` are the sentence's TOKEN_RE tokens when the caller already has them."""
    model = claim_model() if model is None else model
    cache: dict[str, tuple[float, float]] = model.setdefault("_word_cache", {})
    bigrams, cues = _lookup_tables(model)
    words = words_of(sentence)
    get = cache.get
    pairs = [get(w) or _word_share(w, model, cache) for w in words]
    shares, squares = zip(*pairs, strict=True) if pairs else ((), ())
    known = list(map(bigrams.get, [a + " " + b for a, b in pairwise(words)]))
    if model.get("cues"):
        known += map(cues.get, sentence_features(sentence, tokens))
    rest = [p for p in known if p is not None]
    z = sum(shares) + sum([w for w, _ in rest])
    if model.get("idf"):
        square = sum(squares) + sum([i * i for _, i in rest])
        z = z / math.sqrt(square) if square > 0 else 0.0
    z += float(model["bias"])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _cut_speaker(speaker: str) -> str:
    """The speaker up to a quote or a full stop that is not a title's ("Dr. Jane Smith")."""
    for match in _SPEAKER_CUT.finditer(speaker):
        before = speaker[: match.start()].rsplit(" ", 1)[-1].lower()
        if match.group() == ". " and (before in TITLE_ABBREVIATIONS or len(before) == 1):
            continue
        return speaker[: match.start()]
    return speaker


def find_speaker(sentence: str) -> str | None:
    """Who the sentence attributes its content to, when it says so."""
    patterns = (_ACCORDING, _SPEAKER_APPOSITIVE, _SPEAKER_FIRST, _SPEAKER_AFTER, _SPEAKER_INVERTED)
    for pattern in patterns:
        match = pattern.search(sentence)
        if match:
            speaker = _cut_speaker(match.group("speaker").strip(_QUOTES_SPACE))
            if speaker.endswith(".") and not _ABBREVIATED_END.search(speaker):
                speaker = speaker[:-1]
            words = [w.split("'")[0].split("’")[0] for w in speaker.lower().split()]
            first = words[0] if words else ""
            if first in _CONTENT_STOPWORDS and speaker[:1].isupper():
                first = "name"  # "Time Warner", "New York Times": a name, not a stopword
            if pattern is _SPEAKER_INVERTED and _UNNAMED.fullmatch(speaker):
                continue  # ", said sales rose": no name, no determiner, several words
            if (
                speaker
                and words[-1] not in _DETERMINERS
                and words[-1].rstrip(".") not in TITLE_ABBREVIATIONS
                and not (len(words) > 1 and words[0] == "according" and words[1] == "to")
                and _NOT_IN_SPEAKER.isdisjoint(words)
                and (
                    first in _DETERMINERS
                    or first in TITLE_ABBREVIATIONS
                    or first not in STOPWORDS
                )
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


_DIGIT = re.compile(r"\d")


def is_statistic(sentence: str) -> bool:
    """A figure that counts or measures something; years, dates, ages and scores are not."""
    if _DIGIT.search(sentence) is None:  # every _NOT_STATISTICS pattern needs a digit
        return _STATISTIC.search(sentence) is not None
    return _STATISTIC.search(_NOT_STATISTICS.sub(" ", sentence)) is not None


def claim_kind(sentence: str, speaker: str | None) -> str:
    if _QUOTE.search(sentence):
        return "quote"
    if is_statistic(sentence):
        return "statistic"
    if speaker:
        return "attribution"
    if _CAUSAL.search(sentence):
        return "causal"
    if _PREDICTION.search(sentence):
        return "prediction"
    if _COMPARISON.search(sentence):
        return "comparison"
    return "other"


def claim_budget(eligible: int, model: dict[str, Any] | None = None) -> int:
    """How many claims an article of ``eligible`` sentences shows by default: about a quarter
    of them (the model's ``budget_share``, rounded down), at least one."""
    model = claim_model() if model is None else model
    return max(1, int(eligible * float(model["budget_share"])))


def find_claims(
    text: str, sentences: list[Span], tokens: list[list[str]] | None = None
) -> tuple[list[Claim], list[Claim]]:
    """(claims, weaker candidates) as whole sentences.

    A sentence can be a claim only when its score reaches the model's absolute ``threshold``
    (chosen by cross-validation), so a sentence is judged on its own. Of those, the
    strongest :func:`claim_budget` sentences (about a quarter of the text's eligible
    sentences) are the ``claims``, strongest first; the others above the threshold are the
    candidates, in article order. A text with no sentence above the threshold keeps its
    strongest sentence as the one candidate, so every text (a sentence analysed alone too)
    carries a score. Table rows, code and editor's notes are neither.

    ``tokens`` are each sentence's TOKEN_RE tokens when the caller already has them.
    """
    model = claim_model()
    threshold = float(model["threshold"])
    scored: list[tuple[float, int, str]] = []
    for n, span in enumerate(sentences):
        sentence = text[span.start : span.end]
        if "\t" in sentence or _NEVER_CLAIMS.search(sentence):
            continue
        score = claim_score(sentence, model, None if tokens is None else tokens[n])
        scored.append((round(score, 4), n, sentence))  # as stored in JSON: exact round trips
    above = sorted((s for s in scored if s[0] >= threshold), key=lambda s: (-s[0], s[1]))
    budget = claim_budget(len(scored), model)
    shown = above[:budget]
    rest = above[budget:]
    if not above and scored:  # nothing check-worthy: the strongest sentence keeps its score
        rest = [max(scored, key=lambda s: (s[0], -s[1]))]
    rest.sort(key=lambda s: s[1])
    claims = [_claim(sentences[n], sentence, score) for score, n, sentence in shown]
    return claims, [_claim(sentences[n], sentence, score) for score, n, sentence in rest]


def _claim(span: Span, sentence: str, score: float) -> Claim:
    speaker = find_speaker(sentence)
    hedges = find_hedges(sentence)
    return Claim(
        start=span.start,
        end=span.end,
        score=score,
        kind=claim_kind(sentence, speaker),
        speaker=speaker,
        hedged=bool(hedges),
        hedges=hedges,
    )
