"""Placing the browser's selection in the extracted article text (property tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain.capture import CaptureSelection
from briefing.domain.span import CONTEXT_CHARS
from briefing.services.capturing import locate_selection

WORDS = st.lists(st.sampled_from(["the", "town", "fell", "about", "75%", "of", "it", "Kyiv"]),
                 min_size=3, max_size=60)


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    words = draw(WORDS)
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(len(words) - 1, first + 5)))
    text = " ".join(words)
    start = len(" ".join(words[:first])) + (1 if first else 0)
    end = len(" ".join(words[: last + 1]))
    return text, start, end


@settings(max_examples=200, deadline=None)
@given(text_and_span(), st.sampled_from(["", "\n", "  \t"]))
def test_the_selection_is_found_where_its_context_says(
    case: tuple[str, int, int], spacing: str
) -> None:
    text, start, end = case
    exact = text[start:end]
    browser_exact = exact.replace(" ", " " + spacing) if spacing else exact  # page layout
    selection = CaptureSelection(
        browser_exact, text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    )
    span = locate_selection(text, selection)
    assert span is not None
    assert text[span.start : span.end] == exact
    context = text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS]
    if text.count(context) == 1:  # the context names one place: that one
        assert (span.start, span.end) == (start, end)


def test_a_selection_outside_the_article_is_not_placed() -> None:
    text = "Russia says it took the town.\nUkraine denies it."
    assert locate_selection(text, CaptureSelection("Subscribe to our newsletter")) is None
    assert locate_selection(text, CaptureSelection("   ")) is None
