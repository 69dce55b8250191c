"""Property tests: untouched quotes survive edits elsewhere; nothing attaches beyond the bound."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from briefing.anchoring import AnchorResult, reanchor, reanchor_all
from briefing.domain.span import Selector

WORDS = [
    "the",
    "a",
    "of",
    "and",
    "council",
    "budget",
    "roads",
    "rise",
    "said",
    "officials",
    "plan",
    "transport",
    "12%",
    "Monday",
    "critics",
    "argued",
    "spending",
    "year",
    "next",
    "public",
    "x",
    "report",
    "Kyiv",
    "war",
    "drones",
    "energy",
    "grid",
    "winter",
]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)
paragraph = words.map(lambda ws: " ".join(ws).capitalize() + ".")
texts = st.lists(paragraph, min_size=1, max_size=8).map("\n".join)
edit = st.tuples(
    st.floats(min_value=0, max_value=1),
    st.sampled_from(["insert", "delete", "replace"]),
    words.map(" ".join),
    st.integers(min_value=1, max_value=30),
)
SETTINGS = settings(max_examples=60, deadline=None)


def apply_edits(text: str, edits: list[tuple[float, str, str, int]]) -> str:
    for where, kind, payload, length in edits:
        at = int(where * len(text))
        if kind == "insert":
            text = text[:at] + payload + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + length :]
        else:
            text = text[:at] + payload + text[at + length :]
    return text


def check_invariants(selector: Selector, new: str, result: AnchorResult) -> None:
    assert result.state in ("exact", "moved", "changed", "orphaned")
    if result.state == "orphaned":
        assert result.selector is None
        return
    found = result.selector
    assert found is not None
    assert found == Selector.from_text(new, found.start, found.end)
    if result.state == "exact":
        assert (found.start, found.exact) == (selector.start, selector.exact)
    elif result.state == "moved":
        assert found.exact == selector.exact
    else:
        bound = min(256, len(selector.exact) // 2)
        assert len(selector.exact) >= 4
        assert Levenshtein.distance(selector.exact, found.exact) <= bound


@SETTINGS
@given(
    texts,
    st.data(),
    st.lists(edit, max_size=4),
    st.lists(edit, max_size=4),
)
def test_untouched_quote_reanchors_to_same_quote(
    text: str, data: st.DataObject, before: list, after: list
) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=min(len(text), start + 40)))
    selector = Selector.from_text(text, start, end)
    head = apply_edits(text[:start], before)
    new = head + text[start:end] + apply_edits(text[end:], after)
    for result in (reanchor_all([selector], text, new)[0], reanchor(selector, new)):
        check_invariants(selector, new, result)
        assert result.state in ("exact", "moved")
        assert result.selector is not None
        assert result.selector.exact == selector.exact
        if new.count(selector.exact) == 1:
            assert result.selector.start == len(head)


@SETTINGS
@given(texts, st.data(), st.lists(edit, min_size=1, max_size=6))
def test_never_attached_beyond_the_bound(text: str, data: st.DataObject, edits: list) -> None:
    spans = data.draw(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=len(text) - 1),
                st.integers(min_value=1, max_value=60),
            ),
            min_size=1,
            max_size=5,
        )
    )
    selectors = [Selector.from_text(text, s, min(len(text), s + n)) for s, n in spans]
    new = apply_edits(text, edits)
    batch = reanchor_all(selectors, text, new)
    assert len(batch) == len(selectors)
    for selector, result in zip(selectors, batch, strict=True):
        check_invariants(selector, new, result)
        check_invariants(selector, new, reanchor(selector, new))


raw_texts = st.text(alphabet=st.sampled_from("ab c\néß.1-"), min_size=1, max_size=200)
raw_edit = st.tuples(
    st.floats(min_value=0, max_value=1),
    st.sampled_from(["insert", "delete", "replace"]),
    st.text(alphabet=st.sampled_from("ab c\néß.1-"), max_size=15),
    st.integers(min_value=1, max_value=15),
)


@SETTINGS
@given(raw_texts, st.data(), st.lists(raw_edit, min_size=1, max_size=5))
def test_bound_holds_on_repetitive_character_soup(
    text: str, data: st.DataObject, edits: list
) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    selector = Selector.from_text(text, start, end)
    new = apply_edits(text, edits)
    check_invariants(selector, new, reanchor_all([selector], text, new)[0])
    check_invariants(selector, new, reanchor(selector, new))
