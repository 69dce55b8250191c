"""normalise_text: the rules one by one, and idempotence as a property."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.ingest.normalise import normalise_text


def test_line_endings_and_spaces() -> None:
    assert normalise_text("a\r\nb\rc\n") == "a\nb\nc"
    assert normalise_text("  one\u00a0\u00a0two\tthree\u2003four  ") == "one two three four"


def test_control_characters_removed() -> None:
    assert normalise_text("ab\x00c\x07d\x1b") == "abcd"
    assert normalise_text("zero\u200bwidth\ufeff") == "zerowidth"


def test_nfc() -> None:
    assert normalise_text("cafe\u0301") == "caf\u00e9"


def test_blank_lines_unwrap_hard_wrapped_paragraphs() -> None:
    raw = "First line of para one\ncontinues here.\n\n\nSecond para\nalso wrapped.\n"
    assert (
        normalise_text(raw) == "First line of para one continues here.\nSecond para also wrapped."
    )


def test_without_blank_lines_every_line_is_a_paragraph() -> None:
    assert normalise_text("one\n  two  \nthree") == "one\ntwo\nthree"


def test_leading_and_trailing_blank_lines_do_not_switch_to_block_mode() -> None:
    assert normalise_text("\n\n\nline one\nline two\n\n\n") == "line one\nline two"


def test_empty_and_whitespace_only() -> None:
    assert normalise_text("") == ""
    assert normalise_text(" \n\t\r\n\u00a0") == ""


def test_samples_keep_their_paragraphs(siversk_text: str, samples) -> None:
    assert normalise_text(siversk_text).count("\n") == 3
    revised = (samples / "siversk-revised.txt").read_text(encoding="utf-8")
    normalised = normalise_text(revised)
    assert normalised.count("\n") == 4
    assert normalised.startswith("UPDATE: This story has been updated")
    assert "\n\n" not in normalised


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None), max_size=300))
def test_idempotent(raw: str) -> None:
    once = normalise_text(raw)
    assert normalise_text(once) == once
    assert once == once.strip()
    assert "\n\n" not in once
    assert "  " not in once


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "é", "e\u0301", "\u0301", " ", "\n", "\r", "\t", "\u00a0", "\x00"]),
        max_size=80,
    ).map("".join)
)
def test_idempotent_on_whitespace_heavy_text(raw: str) -> None:
    once = normalise_text(raw)
    assert normalise_text(once) == once
    once.encode("utf-8")  # no lone surrogates or other unencodable leftovers
