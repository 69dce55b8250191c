"""Sentence features for the check-worthiness model (shared with scripts/analysis/train_claims.py).

``ngram_features``: character 2–5-grams of each lower-cased word (digits folded to 0, padded
with a space at both ends) and word uni- and bigrams.
``sentence_features``: lower-cased word unigrams, their stems and bigrams (numbers folded to
``<num>``) plus linguistic cues: numbers, percentages, money, years, comparatives, reporting
verbs, quotes, causal and future markers. ``claim_features`` is what the shipped model reads.
"""

from __future__ import annotations

import re
from itertools import pairwise

from briefing.analysis.tokens import TOKEN_RE, stem, word_set

_KEPT_SYMBOLS = frozenset("$€£%")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_NUMBER_WORDS = word_set(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions billion billions trillion half third "
    "quarter dozen dozens percent"
)
_COMPARATIVE = word_set(
    "more less fewer higher lower larger smaller bigger greater better worse most least "
    "than compared"
)
_REPORTING = word_set(
    "said says say stated states told reported reports announced confirmed claimed warned "
    "added noted insisted argued estimated"
)
_CAUSAL = word_set("because caused causes resulted therefore consequently")
_CAUSAL_PAIRS = word_set("due_to led_to leads_to result_of a_result thanks_to owing_to so_that")
_FUTURE = word_set("will forecast projected expects would predict predicts predicted")
_FUTURE_PAIRS = word_set("going_to expected_to plan_to plans_to")
_OPINION_PAIRS = word_set(
    "i_think i_believe i_want we_need we_must we_should i_will let_me thank_you i'm_going "
    "my_opponent my_friend"
)


_FOLD = str.maketrans("0123456789’‘“”", "0000000000''\"\"")
_CHAR_NS = (2, 3, 4, 5)


def words_of(sentence: str) -> list[str]:
    """Lower-cased words with digits folded to 0 and curly quotes made straight."""
    return sentence.lower().translate(_FOLD).split()


def word_grams(word: str) -> list[str]:
    """Character 2–5-grams of one word padded with a space at both ends."""
    padded = " " + word + " "
    return [padded[i : i + n] for n in _CHAR_NS for i in range(len(padded) - n + 1)]


def ngram_features(sentence: str) -> list[str]:
    """Character 2–5-grams inside each word and word uni-/bigrams (with repeats: the model
    counts them). Every feature but the bigrams depends on one word only, so the run-time
    score can be summed per word (briefing.analysis.claims caches each word's share)."""
    words = words_of(sentence)
    grams = [g for w in words for g in word_grams(w)]
    grams += ["w=" + w for w in words]
    grams += ["w=" + a + " " + b for a, b in pairwise(words)]
    return grams


def claim_features(sentence: str, tokens: list[str] | None = None, cues: bool = True) -> list[str]:
    """The features the shipped check-worthiness model reads (n-grams, optionally cues)."""
    feats = ngram_features(sentence)
    if cues:
        feats += ["f=" + f for f in sentence_features(sentence, tokens)]
    return feats


def sentence_features(sentence: str, tokens: list[str] | None = None) -> list[str]:
    """Feature names present in one sentence (binary features).

    ``tokens`` are the sentence's TOKEN_RE tokens when the caller already has them.
    """
    if tokens is None:
        tokens = TOKEN_RE.findall(sentence)
    words = [
        "<num>" if w[0].isdigit() else w.lower()
        for w in tokens
        if w[0].isalnum() or w in _KEPT_SYMBOLS
    ]
    feats = ["u=" + w for w in words]
    feats += ["st=" + stem(w) for w in words]
    bigrams = [a + "_" + b for a, b in pairwise(words)]
    feats += ["b=" + b for b in bigrams]
    n = len(words)
    feats.append("len=" + ("1" if n < 6 else "2" if n < 12 else "3" if n < 25 else "4"))
    if "<num>" in words:
        feats.append("has_digit")
    if not _NUMBER_WORDS.isdisjoint(words):
        feats.append("has_numword")
    if "%" in sentence or "percent" in sentence.lower():
        feats.append("has_percent")
    if any(c in sentence for c in "$€£"):
        feats.append("has_money")
    if _YEAR.search(sentence):
        feats.append("has_year")
    pairs = set(bigrams)
    unique = set(words)
    if unique & _COMPARATIVE or any(len(w) > 4 and w.endswith("est") for w in unique):
        feats.append("comparative")
    if unique & _REPORTING or "according_to" in pairs:
        feats.append("reporting")
    if unique & _CAUSAL or pairs & _CAUSAL_PAIRS:
        feats.append("causal")
    if unique & _FUTURE or pairs & _FUTURE_PAIRS:
        feats.append("future")
    if "question" in unique or pairs & _OPINION_PAIRS:
        feats.append("opinion")
    if sentence.rstrip().endswith("?"):
        feats.append("question")
    if any(q in sentence for q in '"“”'):
        feats.append("quoted")
    caps = sum(1 for w in sentence.split()[1:] if w[:1].isupper())
    if caps:
        feats.append("caps=" + ("1" if caps == 1 else "2" if caps < 4 else "3"))
    return feats
