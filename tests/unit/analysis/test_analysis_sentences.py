"""Sentence segmentation and tokenisation edge cases of news English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.sentences import split_sentences
from briefing.analysis.tokens import tokenize


def _split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. Mark Milley met Sen. J. Smith on Jan. 5 in Washington. They talked.",
            ["Gen. Mark Milley met Sen. J. Smith on Jan. 5 in Washington.", "They talked."],
        ),
        (
            "Growth was 3.5 percent. It was 2.1 percent a year ago.",
            ["Growth was 3.5 percent.", "It was 2.1 percent a year ago."],
        ),
        (
            "Troops left the U.S. The war ended.",
            ["Troops left the U.S.", "The war ended."],
        ),
        (
            "The U.S. Army said so. Apple Inc. Chief Tim Cook agreed.",
            ["The U.S. Army said so.", "Apple Inc. Chief Tim Cook agreed."],
        ),
        (
            '"We lost," he said. "It is over." Then he left.',
            ['"We lost," he said.', '"It is over."', "Then he left."],
        ),
        (
            "He waited... and waited... Nothing came. Really? Yes!",
            ["He waited... and waited...", "Nothing came.", "Really?", "Yes!"],
        ),
        (
            "RUSSIA TAKES SIVERSK\nTroops advanced. Mr. Putin spoke.",
            ["RUSSIA TAKES SIVERSK", "Troops advanced.", "Mr. Putin spoke."],
        ),
        ("one", ["one"]),
        ("", []),
    ],
)
def test_segmentation_edge_cases(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_paragraph_break_always_ends_a_sentence() -> None:
    text = "A headline without a stop\nand a lower-case line follows"
    assert _split(text) == ["A headline without a stop", "and a lower-case line follows"]


def test_tokens_keep_abbreviations_and_split_clitics() -> None:
    words = [t.text for t in tokenize("Moscow's U.S. Gen. J. Doe paid $1,200.50 (3.5%) in 1996")]
    assert words == [
        "Moscow", "'s", "U.S.", "Gen.", "J.", "Doe", "paid", "$", "1,200.50",
        "(", "3.5", "%", ")", "in", "1996",
    ]  # fmt: skip


def test_token_offsets_index_the_text() -> None:
    text = "Zelensky’s team — in Kyiv — said “no”."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab C.D!?\"' \n3…é")), max_size=120))
def test_sentence_spans_are_ordered_nonempty_and_within_lines(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for span in spans:
        assert last <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert "\n" not in piece
        assert piece == piece.strip()
        last = span.end
