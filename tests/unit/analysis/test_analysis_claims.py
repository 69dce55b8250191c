"""Claims: kinds, speakers and hedges, and the model's decision."""

from __future__ import annotations

import pytest

from briefing.analysis import get_engine
from briefing.analysis.claims import (
    claim_kind,
    find_claims,
    find_hedges,
    find_speaker,
    is_statistic,
)
from briefing.analysis.sentences import split_sentences


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
        ('"We lost 40 soldiers in two days," the commander said.', "quote"),
        ("He was born in 1964 and joined the party in the 1990s.", "other"),
        ("Chelsea beat Arsenal 3-1 on Sunday.", "other"),
        ("Jane Smith, 64, was arrested at 10pm on March 5.", "other"),
        ("Forty people died in the flood.", "statistic"),
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
        ("Jane Smith, 64, said the hospital was full.", "Jane Smith"),
        ("Mr Smith, a spokesman for the firm, said it would appeal.", "Mr Smith"),
        ("Jane Smith said: 'The hospital was full.'", "Jane Smith"),
        ("'The hospital is full,' said Jane Smith.", "Jane Smith"),
        ("Dr. Jane Smith said the hospital was full.", "Dr. Jane Smith"),
        ("The hospital is full, Dr. Smith said.", "Dr. Smith"),
        ("According to police, the man was arrested.", "police"),
        (
            "Dr. Lee Green, professor of medicine at the University of Alberta, says he agrees.",
            "Dr. Lee Green",
        ),
        ("'This is a big moment,' said chief executive Richard Pepler after a talk.",
         "chief executive Richard Pepler"),
        ("Time Warner said it wants to grow.", "Time Warner"),
    ],
)
def test_speakers(sentence: str, speaker: str | None) -> None:
    assert find_speaker(sentence) == speaker


def test_hedges_are_found_only_where_they_hedge() -> None:
    assert find_hedges("Troops are approximately 30 kilometers away.") == ("approximately",)
    assert find_hedges("Moscow holds about 75% and reportedly more.") == ("about", "reportedly")
    assert find_hedges("They talked about the war.") == ()
    assert find_hedges("More than 40 people died.") == ()
    assert find_hedges("Smokers are more likely to die early.") == ()
    assert find_hedges("It is likely to rain, and he could face jail.") == ("likely",)


@pytest.mark.parametrize(
    ("sentence", "statistic"),
    [
        ("Unemployment rose to 5 percent.", True),
        ("Some 3,000 troops were sent.", True),
        ("He was born in 1964.", False),
        ("The 34-year-old left at 10pm on March 5.", False),
        ("Chelsea won 3-1 on Sunday.", False),
        ("In the 21st century things changed.", False),
    ],
)
def test_years_ages_dates_and_scores_are_not_statistics(sentence: str, statistic: bool) -> None:
    assert is_statistic(sentence) is statistic


def test_table_rows_code_and_editors_notes_are_never_claims() -> None:
    text = (
        "Region\tVotes cast\tShare of votes in 2024 rose by 40 percent\n"
        "Editor's note: This story said 40 percent of voters backed the plan in 2024.\n"
        "total_votes = sum(votes) / 40; // 40 percent of the 2024 budget\n"
        "Unemployment rose by 40 percent in 2024, the highest rate in a decade, officials said."
    )
    claims, candidates = find_claims(text, split_sentences(text))
    starts = {c.start for c in [*claims, *candidates]}
    assert starts == {text.index("Unemployment")}


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
