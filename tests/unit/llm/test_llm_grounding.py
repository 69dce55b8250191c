"""Grounding check: supported sentences, invented numbers and names, sentence splitting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain.span import Span
from briefing.llm.grounding import (
    content_stems,
    ground,
    quantities,
    split_sentences,
    stem,
)

SOURCE = (
    "The city council met on Tuesday to discuss housing.\n"
    "Mayor Jane Doe said 3,000 homes would be built by 2030 at a cost of £2.5bn.\n"
    "Critics, including councillor Tom Reed, said the plan ignored flooding risks.\n"
    "The vote passed by 12 votes to 7."
)


def spans() -> list[Span]:
    return split_sentences(SOURCE)


def test_source_split_into_its_four_lines() -> None:
    assert [SOURCE[s.start : s.end][:10] for s in spans()] == [
        "The city c",
        "Mayor Jane",
        "Critics, i",
        "The vote p",
    ]


def test_paraphrase_of_the_source_is_supported() -> None:
    report = ground(
        "Mayor Jane Doe said three thousand homes will be built by 2030. "
        "Councillor Tom Reed criticised the plan over flooding risks.",
        SOURCE,
        spans(),
    )
    first, second = report.sentences
    assert first.supported and first.sources[0] == 1
    assert second.supported and second.sources[0] == 2
    assert report.supported_share == 1.0
    assert report.unsupported == ()


def test_invented_numbers_and_names_are_flagged() -> None:
    report = ground(
        "The council approved 5,000 homes. The plan was opposed by councillor John Smith.",
        SOURCE,
        spans(),
    )
    numbers, names = report.sentences
    assert not numbers.supported and numbers.unsupported_numbers == ("5,000",)
    assert not names.supported and names.unsupported_names == ("John Smith",)
    assert report.supported_share == 0.0


def test_unrelated_sentence_scores_low() -> None:
    report = ground("Scientists discovered water ice on a distant moon.", SOURCE, spans())
    (sentence,) = report.sentences
    assert not sentence.supported
    assert sentence.score < 0.2


def test_sentence_spans_point_into_the_generated_text() -> None:
    generated = "  Dr. Doe spoke on Tuesday.  The vote passed 12 to 7!\nCritics said so."
    report = ground(generated, SOURCE, spans())
    assert [generated[s.span.start : s.span.end] for s in report.sentences] == [
        s.text for s in report.sentences
    ]
    assert [s.text for s in report.sentences] == [
        "Dr. Doe spoke on Tuesday.",
        "The vote passed 12 to 7!",
        "Critics said so.",
    ]


def test_quantities_normalise_scales_and_words() -> None:
    values = [value for _shown, value, _bare in quantities("3,000 or three thousand, £2.5bn, 4pm")]
    assert values == ["3000", "3000", "2500000000", "4"]


def test_light_stemmer_joins_word_forms() -> None:
    assert stem("approve") == stem("approved") == stem("approving") == stem("approves")
    assert stem("cities") == stem("city")
    assert content_stems("The homes") == content_stems("home")


def test_empty_generation_gives_an_empty_report() -> None:
    report = ground("   ", SOURCE, spans())
    assert report.sentences == ()
    assert report.supported_share == 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_grounds_without_error_and_spans_are_exact(generated: str) -> None:
    report = ground(generated, SOURCE, spans())
    for sentence in report.sentences:
        assert generated[sentence.span.start : sentence.span.end] == sentence.text
        assert 0.0 <= sentence.score <= 1.0
        assert all(0 <= i < len(spans()) for i in sentence.sources)
