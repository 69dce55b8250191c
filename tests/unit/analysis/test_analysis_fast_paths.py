"""The analysis fast paths give exactly what the plain definitions give (issue #19 speed)."""

from __future__ import annotations

import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import claims, entities, mention_hygiene, summary_features, tokens
from briefing.analysis.values import Mention

_PIECES = [
    " ", "  ", ",", ".", "%", "$", "€", "£", "'", "’", "-", "–", "\"", "“", "(", ")", "0", "7",
    "12", "1999", "3-1", "May", "may", "More ", "more ", "likely", "Likely", "LIKELY",
    "reportedly", "about", "About", "some", "up to", "as many as", "an estimated", "percent",
    "per cent", "million", "half", "rate", "twenty", "thirty", "a dozen", "a third", "people",
    "troops", "kilometres", "miles", "because", "due to", "led to", "as a result", "will",
    "could", "is expected to", "plans to", "aged", "years old", "turned", "He was", "No.",
    "Flight", "F-35", "click here", "Pictured", "By", "watch", "See also", "larger than",
    "better than", "other than", "compared with", "most", "year-old", "at 10:30", ", 42,",
    "MH17", "9/11", "am", "p.m.", "Jan", "March", "21st", "ſ", "K", "İ", "ı",
    "Zoë", "Сергій", "town of ", "City of  ", "capital of ",
    "x", "The", "said", "Smith", "\t", "\n",
]
_TEXT = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=30).map("".join),
    st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join),
)


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without the lookahead ``tokens.guarded`` puts in front."""
    match = re.fullmatch(r"\(\?=\[(?:[^\]\\]|\\.)*\]\)\(\?:(.*)\)", pattern.pattern, re.DOTALL)
    assert match is not None
    return re.compile(match.group(1), pattern.flags)


_GUARDED = (
    claims._HEDGE_BEFORE_NUMBER,
    claims._HEDGE_WORDS,
    claims._STATISTIC,
    claims._CAUSAL,
    claims._PREDICTION,
    summary_features._FRAGMENT,
    mention_hygiene._PLACE_BEFORE,
)


@settings(max_examples=400)
@given(_TEXT)
def test_guarded_patterns_find_the_same_matches(text: str) -> None:
    for pattern in _GUARDED:
        plain = _unguarded(pattern)
        got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], pattern.pattern


def test_a_guard_missing_a_first_character_would_be_caught() -> None:
    narrow = tokens.guarded("x", r"\b(?:because|due to)\b")
    assert _unguarded(narrow).search("because") and not narrow.search("because")


_MONTHS = claims._MONTHS
_NOT_STATISTICS_BEFORE = re.compile(  # as first written: a \\b in front of each pattern
    r"\b(?:1[5-9]|20)\d\d(?:s|/\d\d)?\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}"
    r"|,\s*\d{1,3}\s*,|\b\d{1,3}-year-olds?\b|\baged?\s+\d{1,3}\b|\b\d{1,3}\s+years?\s+old\b"
    r"|\b\d{1,2}[-–]\d{1,2}\b(?!\s*(?:percent|%|per cent|million|billion))"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|am|pm|GMT|BST|ET)\b|\b\d{1,2}:\d\d\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b(?:No\.?|Number|Article|Section|Chapter|Flight|Route|Highway|Interstate|Apollo|Page|"
    r"Room|Channel|Season|Episode|Week|Game|Round|Stage|Phase|Proposition|Prop\.|Formula|"
    r"Windows|iPhone|PlayStation|Boeing|Airbus)\s+\d+\b"
    r"|\b[A-Za-z]{1,5}-\d+\b|\b[A-Z]{1,3}\d{1,4}\b|\b9/11\b"
    r"|\b(?:turned|turns|turning|(?:[Hh]e|[Ss]he|[Ww]ho|I)\s+(?:is|was|am))\s+\d{1,3}\b"
    r"(?!\s*(?:%|percent|per cent|million|billion|times|\w+s\b))"
)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|better|worse)\s+than\b|"
    r"\b(?:most|least|largest|biggest|highest|lowest|first|worst|best)\b|\bcompared (?:to|with)\b"
    r"|\b(?!other\b|rather\b)\w{2,}er\s+than\b",
    re.IGNORECASE,
)


@settings(max_examples=400)
@given(_TEXT)
def test_shared_word_start_patterns_match_as_before(text: str) -> None:
    assert claims._NOT_STATISTICS.sub(" ", text) == _NOT_STATISTICS_BEFORE.sub(" ", text)
    got = [m.span() for m in claims._COMPARISON.finditer(text)]
    assert got == [m.span() for m in _COMPARISON_BEFORE.finditer(text)]


def _is_statistic_plain(sentence: str) -> bool:
    stat = _unguarded(claims._STATISTIC)
    return bool(stat.search(sentence)) and bool(
        stat.search(_NOT_STATISTICS_BEFORE.sub(" ", sentence))
    )


@settings(max_examples=400)
@given(_TEXT)
def test_is_statistic_fast_path_agrees(text: str) -> None:
    assert claims.is_statistic(text) == _is_statistic_plain(text)


def test_is_statistic_examples() -> None:
    assert claims.is_statistic("Prices rose 40 percent.")
    assert claims.is_statistic("Half of the voters stayed home.")
    assert not claims.is_statistic("He was born in 1999.")
    assert not claims.is_statistic("The talks ended.")


def _pieces_plain(text: str, start: int, end: int, clitic: bool) -> list[tuple[int, int]]:
    saved = mention_hygiene._PLAIN
    mention_hygiene._PLAIN = re.compile(r"(?!)")  # never matches: the character loop runs
    try:
        return mention_hygiene._pieces(text, start, end, clitic)
    finally:
        mention_hygiene._PLAIN = saved


@given(_TEXT, st.integers(0, 40), st.integers(0, 40), st.booleans())
def test_pieces_fast_path_agrees(text: str, a: int, b: int, clitic: bool) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert mention_hygiene._pieces(text, start, end, clitic) == _pieces_plain(
        text, start, end, clitic
    )


_TERMS = st.frozensets(st.sampled_from("abcdefghij"), max_size=8)


@given(_TERMS, st.lists(_TERMS, max_size=6))
def test_repeats_is_overlap_at_threshold(terms: frozenset[str], window: list) -> None:
    expected = max((summary_features.overlap(terms, o) for o in window), default=0.0) >= 0.6
    assert summary_features._repeats(terms, window) == expected


def test_repeats_uses_the_overlap_arithmetic() -> None:
    a = frozenset("abc")
    b = frozenset("ab")  # 2 / sqrt(6) = 0.816
    assert summary_features._repeats(a, [frozenset("xyz"), b])
    assert not summary_features._repeats(a, [frozenset("ax")])  # 1 / sqrt(6) = 0.408
    assert math.isclose(summary_features.overlap(a, b), 2 / math.sqrt(6))


@given(st.text(max_size=12))
def test_is_latin_fast_path_agrees(name: str) -> None:
    import unicodedata

    plain = all(
        not c.isalpha() or c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name
    )
    assert entities._is_latin(name) == plain


def test_group_label_follows_added_mentions() -> None:
    group = entities._Group()
    group.add(Mention(0, 5, "ORG"), "Acme")
    assert group.label == "ORG"
    group.add(Mention(10, 15, "PERSON"), "Acme")
    group.add(Mention(20, 25, "PERSON"), "Acme")
    assert group.label == "PERSON"  # recounted after each add
    other = entities._Group()
    for n in range(3):
        other.add(Mention(30 + n, 31 + n, "LOC", certain=True), "Acme")
    group.absorb(other)
    assert group.label == "LOC"  # a rule's label beats guesses, recounted after absorb


def _claim_score_plain(sentence: str, model: dict) -> float:
    """The score as first written: every feature looked up by its full name."""
    from itertools import pairwise

    from briefing.analysis.claim_features import sentence_features, word_grams, words_of

    weights, idf = model["weights"], model.get("idf") or {}
    words = words_of(sentence)
    shares, squares = [], []
    for w in words:
        grams = [*word_grams(w), "w=" + w]
        shares.append(sum(weights.get(g, 0.0) for g in grams))
        counts = {g: grams.count(g) for g in grams}
        squares.append(sum((n * idf.get(g, 0.0)) ** 2 for g, n in counts.items()))
    rest = ["w=" + a + " " + b for a, b in pairwise(words)]
    if model.get("cues"):
        rest += ["f=" + f for f in sentence_features(sentence)]
    z = sum(shares) + sum(weights.get(k, 0.0) for k in rest)
    if idf:
        square = sum(squares) + sum(idf.get(k, 0.0) ** 2 for k in rest)
        z = z / math.sqrt(square) if square > 0 else 0.0
    z += float(model["bias"])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_SENTENCES = st.lists(
    st.sampled_from(
        ["The", "minister", "said", "taxes", "rose", "40", "percent", "in", "2023", "“We",
         "will", "win”", "because", "Smith's", "£3m", "Zoë", "unemployment", "fell", ",", "."]
    ),
    max_size=25,
).map(" ".join)


@settings(max_examples=300)
@given(_SENTENCES)
def test_claim_score_equals_the_plain_formula(sentence: str) -> None:
    from briefing.analysis.resources import claim_model

    model = claim_model()
    assert claims.claim_score(sentence, model) == _claim_score_plain(sentence, model)


def test_lookup_tables_follow_a_replaced_weights_dict() -> None:
    model = {"bias": 0.0, "cues": False, "weights": {"w=a b": 1.0}, "idf": {}}
    first = claims.claim_score("a b", model)
    model["weights"] = {"w=a b": -1.0}
    assert claims.claim_score("a b", model) < 0.5 < first


@given(st.lists(st.sampled_from([*_PIECES, "", "Ab", "dog", "'s"]), max_size=40))
def test_content_terms_as_the_plain_rule(words: list[str]) -> None:
    plain = [
        tokens.stem(w)
        for w in words
        if len(w) > 1 and w[0].isalpha() and w.lower() not in tokens.STOPWORDS
    ]
    assert tokens.content_terms(words) == plain
    assert tokens.content_terms(words) == plain  # the second time from the cache
