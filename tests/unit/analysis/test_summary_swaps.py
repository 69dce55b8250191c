"""The learned swap: which swaps are candidates, when one is made, and what ships."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.resources import summary_model
from briefing.analysis.summarise import summarise
from briefing.analysis.summary_features import FEATURE_NAMES, document_features, is_fragment
from briefing.analysis.summary_swaps import (
    SENTENCE_CUES,
    best_swap,
    candidate_swaps,
    predicted_gains,
    swap_features,
)
from briefing.analysis.tokens import TOKEN_RE, content_terms

SENTENCES = [
    "The city council approved a new housing plan on Tuesday after a long debate.",
    '"We will build homes for everyone who needs one."',
    "The plan sets aside land for 3,000 homes along the river by 2030.",
    "Builders will start work in the spring, the council said.",
    "Critics said the budget was too small for a project of this size.",
    "The mayor promised a review of the costs within a year.",
    "Residents will be able to comment on the plan until March.",
    "A public meeting is planned for next month in the town hall.",
]
WIDTH = 2 * (len(FEATURE_NAMES) + len(SENTENCE_CUES)) + 2
QUOTE_ONLY_OUT = len(FEATURE_NAMES) + SENTENCE_CUES.index("quote_only")


def _parts(
    sentences: list[str],
) -> tuple[list[list[float]], list[frozenset[str]], list[int]]:
    tokens = [TOKEN_RE.findall(s) for s in sentences]
    terms = [frozenset(content_terms(t)) for t in tokens]
    counts = [sum(1 for tok in t if tok[0].isalnum()) for t in tokens]
    return document_features(sentences, terms, counts), terms, counts


def test_candidates_are_the_next_four_eligible_never_longer_never_repeats() -> None:
    sentences = [*SENTENCES]
    sentences[4] = "The council approved the new housing plan on Tuesday after a debate."
    sentences[5] = " ".join(["The mayor promised a long and careful review of the costs"] * 3) + "."
    _, terms, counts = _parts(sentences)
    eligible = [0, 1, 2, 3, 4, 5, 6, 7]
    pairs = candidate_swaps((0, 1, 2), eligible, counts, terms, max_growth=5)
    assert {m for _, m in pairs} <= {3, 4, 5, 6}  # the pool: four sentences after the lead
    assert (0, 4) in pairs and (1, 4) not in pairs  # 4 repeats 0: only in its place
    assert not any(m == 5 for _, m in pairs)  # 30+ words: longer than any lead sentence + 5
    unlimited = candidate_swaps((0, 1, 2), eligible, counts, terms, max_growth=None)
    assert any(m == 5 for _, m in unlimited)
    assert candidate_swaps((0, 1, 2), [0, 1, 2, 7], counts, terms, None) == [
        (0, 7),
        (1, 7),
        (2, 7),
    ]


def _quote_model(threshold: float) -> dict[str, object]:
    """A model predicting a gain of 2 for dropping a quote-only lead sentence."""
    coef = [0.0] * WIDTH
    coef[QUOTE_ONLY_OUT] = 2.0
    return {"coef": coef, "intercept": 0.0, "threshold": threshold, "max_growth": 5}


def test_a_confident_swap_is_made_and_an_unconfident_one_is_not() -> None:
    rows, terms, counts = _parts(SENTENCES)
    eligible = list(range(len(SENTENCES)))
    args = (eligible, SENTENCES, rows, terms, counts)
    assert best_swap((0, 1, 2), *args, _quote_model(1.0)) == (0, 2, 3)
    assert best_swap((0, 1, 2), *args, _quote_model(2.0)) == (0, 1, 2)  # gain must exceed it
    assert best_swap((0, 2, 3), *args, _quote_model(1.0)) == (0, 2, 3)  # nothing to drop


def test_shipped_swaps_are_length_controlled_and_cross_validated() -> None:
    model = summary_model()
    for length, swap in model.get("swaps", {}).items():
        assert len(swap["coef"]) == WIDTH
        assert math.isfinite(swap["threshold"])
        figures = model["swaps_cv"][length]
        for baseline in ("vs_lead", "vs_equal_length_lead"):  # shipped only where CV beat both
            assert figures["cv_all"][baseline]["ci95"][0] > 0
            assert all(figures["cv"][s][baseline]["margin"] > 0 for s in ("gpt4ref", "cnndm"))


FRAGMENTS = [
    "Scroll down for video.",
    "Pictured: the riverside site where the homes will be built.",
    "CLICK HERE to read more about the plan",
    "By Jane Smith, Political Correspondent.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*SENTENCES, *FRAGMENTS]), min_size=1, max_size=25))
def test_shipped_summaries_never_hold_fragments_and_keep_their_sizes(
    sentences: list[str],
) -> None:
    summaries = summarise(sentences)
    words = [len(s.split()) for s in sentences]
    has_body = any(not is_fragment(s, n) for s, n in zip(sentences, words, strict=True))
    for name, ids in summaries.items():
        assert list(ids) == sorted(set(ids)) and all(0 <= i < len(sentences) for i in ids)
        if has_body:
            assert not any(is_fragment(sentences[i], words[i]) for i in ids), (name, ids)
    assert len(summaries["headline"]) == 1


@pytest.mark.parametrize("case", ["lower", "original"])
def test_lower_cased_text_gets_the_same_summaries(case: str) -> None:
    """Detokenised, lower-cased news (sentence-initial capitals only) is summarised alike."""
    sentences = [s[0] + s[1:].lower() for s in SENTENCES] if case == "lower" else SENTENCES
    assert summarise(sentences) == summarise(SENTENCES)


def test_fast_gains_equal_the_model_over_the_training_features() -> None:
    """The engine's per-sentence shortcut scores exactly what the model was fitted on."""
    model = summary_model()["swaps"]["brief"]
    sentences = [*SENTENCES, *SENTENCES[::-1]]
    sentences[9] = SENTENCES[0].replace("Tuesday", "Monday")  # a near-repeat in the pool
    rows, terms, counts = _parts(sentences)
    base = (0, 1, 2, 3, 4)
    pairs = candidate_swaps(base, list(range(len(sentences))), counts, terms, None)
    assert len(pairs) > 10
    fast = predicted_gains(pairs, base, sentences, rows, terms, counts, model)
    for (j, m), gain in zip(pairs, fast, strict=True):
        x = swap_features(j, m, base, sentences, rows, terms, counts)
        slow = model["intercept"] + sum(a * b for a, b in zip(model["coef"], x, strict=True))
        assert gain == pytest.approx(slow, abs=1e-9)


def test_sentence_vectors_shared_between_lengths_change_no_gain() -> None:
    """summarise keeps the swap model's sentence vectors between the three lengths: a second
    model scores the same with the first one's vectors as with fresh ones."""
    sentences = [*SENTENCES, *SENTENCES[::-1]]
    rows, terms, counts = _parts(sentences)
    base = (0, 1, 2)
    pairs = candidate_swaps(base, list(range(len(sentences))), counts, terms, None)
    vectors: dict[int, list[float]] = {}
    swaps = summary_model()["swaps"]
    for name in ("short", "brief"):
        args = (pairs, base, sentences, rows, terms, counts, swaps[name])
        assert predicted_gains(*args, vectors) == predicted_gains(*args)
    assert vectors and set(vectors) == {i for pair in pairs for i in pair}
