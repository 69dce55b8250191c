"""Claims: kinds, speakers and hedges, and the model's decision."""

from __future__ import annotations

import pytest

from briefing.analysis import get_engine
from briefing.analysis.claims import claim_kind, find_hedges, find_speaker


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Moscow already holds about 75% of the region.", "statistic"),
        ('"We will never give up our land to anyone," the mayor said.', "quote"),
        ("The General Staff confirmed the pullback on Tuesday.", "attribution"),
        ("Prices rose because the pipeline was shut.", "causal"),
        ("The central bank is expected to raise rates again.", "prediction"),
        ("The new bridge is longer than the old one.", "comparison"),
        ("The town is on the river.", "other"),
    ],
)
def test_claim_kinds(sentence: str, kind: str) -> None:
    assert claim_kind(sentence, find_speaker(sentence)) == kind


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Ukrainian General Staff confirmed the pullback on Tuesday.",
            "The Ukrainian General Staff",
        ),
        ("Ukrainian officials reported that hundreds of drones struck.", "Ukrainian officials"),
        (
            "The strike killed four people, according to the regional governor.",
            "the regional governor",
        ),
        ('"The line will hold," said Oleksandr Syrskyi.', "Oleksandr Syrskyi"),
        ("'There is never any concern,' Rodgers told BT Sport.", "Rodgers"),
        ("The top 10, according to the World Happiness Report. 1", "the World Happiness Report"),
        ('"Ramadi is under siege," he\'d told us earlier.', None),
        ("The town fell after weeks of fighting.", None),
        ("He said the town fell.", None),
    ],
)
def test_speakers(sentence: str, speaker: str | None) -> None:
    assert find_speaker(sentence) == speaker


def test_hedges_are_found_only_where_they_hedge() -> None:
    assert find_hedges("Troops are approximately 30 kilometers away.") == ("approximately",)
    assert find_hedges("Moscow holds about 75% and reportedly more.") == ("about", "reportedly")
    assert find_hedges("They talked about the war.") == ()
    assert find_hedges("More than 40 people died.") == ()


def test_engine_claims_cover_whole_sentences_with_scores() -> None:
    text = (
        "Moscow already holds about 75% of the Donetsk region, officials said.\n"
        "Good evening and thank you."
    )
    analysis = get_engine().analyse(text)
    [claim] = analysis.claims
    assert (claim.start, claim.end) == (analysis.sentences[0].start, analysis.sentences[0].end)
    assert 0.0 <= claim.score <= 1.0
    assert claim.kind == "statistic"
    assert claim.hedged and claim.hedges == ("about",)
    assert claim.speaker == "officials"
