"""Claims: kinds, speakers and hedges, and the model's decision."""

from __future__ import annotations

import json
import math
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import get_engine
from briefing.analysis.claims import (
    claim_budget,
    claim_kind,
    claim_score,
    find_claims,
    find_hedges,
    find_speaker,
    is_statistic,
)
from briefing.analysis.resources import claim_model
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
        ("He told CNN: 'We lost 40 men in the attack.'", "quote"),
        ('Barack Obama said: "Forty percent of the jobs are gone."', "quote"),
        ("The vote was 52-48 in 2019.", "other"),
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
        ("Officials say the death toll may rise.", "Officials"),
        ("The plan failed, said Dr Jane Smith.", "Dr Jane Smith"),
        ("According to Dr Smith, the plan failed.", "Dr Smith"),
        ("Dr said the plan failed.", None),
        ("The company, Apple, said sales rose.", None),
        ("The man was arrested, said police.", "police"),
        ("The company declined to say how many jobs would go.", None),
        ("But experts said the plan would fail.", "experts"),
        ("Prices rose sharply, analysts said.", "analysts"),
        ('"It was not hard to tell the difference at all," Dr. Green said.', "Dr. Green"),
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
        ("He is 64.", False),
        ("She turned 40 last week.", False),
        ("The death toll is 40.", True),
        ("Flight 370 vanished over the ocean.", False),
        ("Covid-19 reached the G20 summit.", False),
        ("Crime rose 40% after 9/11.", True),
        ("Season 3 starts on March 5.", False),
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


_POOL = [
    "Unemployment rose to 5.2 percent in March, the highest rate since 2015.",
    "The government spent $4 billion on the program last year, officials said.",
    "More than 3,000 troops were sent to the border, according to the ministry.",
    "Crime fell by 12 percent after the new law took effect.",
    "The company said its revenue doubled to $80 million.",
    "Thank you all for coming tonight.",
    "What a lovely evening it was.",
    "I want to say hello to my family.",
    "She smiled and walked away.",
    "Scroll down for video.",
    "Prices of petrol have risen 40 percent since January, the agency reported.",
    "We will see what happens.",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_POOL), min_size=1, max_size=14))
def test_claims_are_the_strongest_above_the_threshold_within_the_budget(
    picked: list[str],
) -> None:
    text = "\n".join(picked)
    sentences = split_sentences(text)
    claims, candidates = find_claims(text, sentences)
    threshold = float(claim_model()["threshold"])
    assert len(claims) <= claim_budget(len(sentences))
    assert all(c.score >= threshold for c in claims)
    assert [c.score for c in claims] == sorted((c.score for c in claims), reverse=True)
    if claims:
        assert all(c.score <= claims[-1].score for c in candidates)
    if claims:
        assert all(c.score >= threshold for c in candidates)
    else:
        assert len(candidates) == 1 and candidates[0].score < threshold
    assert not {c.start for c in claims} & {c.start for c in candidates}
    assert [c.start for c in candidates] == sorted(c.start for c in candidates)
    above = [c for c in [*claims, *candidates] if c.score >= threshold]
    assert len(claims) == min(len(above), claim_budget(len(sentences)))


def test_the_budget_is_about_a_quarter_and_at_least_one() -> None:
    assert claim_budget(1) == 1
    assert claim_budget(3) == 1
    assert claim_budget(8) == 2
    assert claim_budget(41) == 10


def test_a_text_without_claims_keeps_its_strongest_sentence_as_a_candidate() -> None:
    text = "Thank you all for coming tonight. I want to say hello to my family."
    sentences = split_sentences(text)
    claims, candidates = find_claims(text, sentences)
    assert not claims
    [strongest] = candidates
    scores = [claim_score(text[s.start : s.end]) for s in sentences]
    assert strongest.score == round(max(scores), 4)


def test_a_sentence_judged_alone_always_carries_its_score() -> None:
    threshold = float(claim_model()["threshold"])
    for sentence in _POOL:
        claims, candidates = find_claims(sentence, split_sentences(sentence))
        [found] = [*claims, *candidates]
        assert (found.start, found.end) == (0, len(sentence))
        assert bool(claims) is (found.score >= threshold)


def test_a_claim_in_an_article_is_a_claim_on_its_own() -> None:
    text = "\n".join(_POOL)
    sentences = split_sentences(text)
    claims, candidates = find_claims(text, sentences)
    assert claims and candidates  # the budget held some check-worthy sentences back
    for claim in [*claims, *candidates]:
        sentence = text[claim.start : claim.end]
        assert find_claims(sentence, split_sentences(sentence))[0]


def test_the_shipped_model_file_holds_only_the_model() -> None:
    raw = (files("briefing.resources") / "analysis" / "claims.json").read_text("utf-8")
    data = json.loads(raw)
    assert not [key for key in data if key.startswith("_")]
    assert 0.0 < data["threshold"] < 1.0 and 0.0 < data["budget_share"] <= 0.3


def test_the_score_divides_by_the_per_word_norm_the_model_was_trained_with() -> None:
    model = {
        "bias": -0.5,
        "cues": False,
        "weights": {"w=ab": 1.0, "w=ab ab": 0.5, " ab": 0.25},
        "idf": {"w=ab": 2.0, "w=ab ab": 3.0, " ab": 1.0, "b ": 4.0},
    }
    # each "ab": 1.0 + 0.25 and 2² + 1² + 4²; the bigram once: 0.5 and 3²
    z = (2 * 1.25 + 0.5) / math.sqrt(2 * 21 + 9) - 0.5
    assert claim_score("ab AB", model) == pytest.approx(1 / (1 + math.exp(-z)))
    assert claim_score("ab AB", {**model, "idf": {}}) == pytest.approx(
        1 / (1 + math.exp(-(2 * 1.25 + 0.5 - 0.5)))
    )
