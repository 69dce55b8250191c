"""Summaries: sizes, article order, no repeats, and fragments never chosen."""

from __future__ import annotations

import pytest

from briefing.analysis.summarise import LEAD_WEIGHTS, summarise
from briefing.analysis.summary_features import is_fragment

BODY = [
    "The city council approved a new housing plan on Tuesday after a long debate.",
    "The plan sets aside land for 3,000 homes along the river by 2030.",
    "Builders will start work in the spring, the council said.",
    "Critics said the budget was too small for a project of this size.",
    "The mayor promised a review of the costs within a year.",
    "Residents will be able to comment on the plan until March.",
]


@pytest.mark.parametrize(
    "fragment",
    [
        "CLICK HERE to read more about the plan",
        "Scroll down for video.",
        "Pictured: the riverside site where the homes will be built.",
        "Photo: Getty Images.",
        " ".join(["caption words without a stop"] * 13),  # a 65-word run, no full stop
        "By Jane Smith, Political Correspondent.",
        "Region\tHomes\tCost.",
    ],
)
def test_fragments_are_never_chosen(fragment: str) -> None:
    assert is_fragment(fragment, len(fragment.split()))
    sentences = [fragment, *BODY]
    for weights in (None, LEAD_WEIGHTS):
        summaries = summarise(sentences, weights=weights)
        assert all(0 not in ids for ids in summaries.values()), summaries


def test_ordinary_sentences_are_not_fragments() -> None:
    assert not any(is_fragment(s, len(s.split())) for s in BODY)


def test_sizes_order_and_no_repeats() -> None:
    sentences = [BODY[0], BODY[0].replace("Tuesday", "Wednesday"), *BODY[1:]]
    summaries = summarise(sentences, weights=LEAD_WEIGHTS)
    assert summaries["short"] == (0, 2, 3)  # the near-repeat of the lead is skipped
    assert len(summaries["headline"]) == 1
    assert len(summaries["brief"]) == 5
    for ids in summaries.values():
        assert list(ids) == sorted(set(ids))


def test_a_text_of_only_repeats_still_gets_full_summaries() -> None:
    summaries = summarise([BODY[0]] * 12)
    assert len(summaries["short"]) == 3 and len(summaries["brief"]) == 5
