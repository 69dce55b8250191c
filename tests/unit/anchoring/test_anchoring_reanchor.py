"""Re-anchoring: the four states, the sample revision, and the diff position map."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.anchoring import AnchorResult, reanchor, reanchor_all
from briefing.anchoring.diffmap import PositionMap
from briefing.domain.span import Selector

TEXT = (
    "The council met on Monday to discuss the budget.\n"
    "Officials said spending on roads would rise by 12% next year.\n"
    "Critics argued the plan ignores public transport entirely."
)


def normalise(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def select(text: str, quote: str) -> Selector:
    start = text.index(quote)
    return Selector.from_text(text, start, start + len(quote))


def both(selector: Selector, old: str, new: str) -> list[AnchorResult]:
    """The batch path (diff) and the single path without the old text."""
    return [
        reanchor_all([selector], old, new)[0],
        reanchor(selector, new),
        reanchor(selector, new, old_text=old),
    ]


def test_unchanged_text_is_exact() -> None:
    sel = select(TEXT, "spending on roads")
    for result in both(sel, TEXT, TEXT):
        assert result == AnchorResult("exact", sel)


def test_insertion_before_moves_the_quote() -> None:
    new = "Breaking: an update.\n" + TEXT
    sel = select(TEXT, "spending on roads")
    for result in both(sel, TEXT, new):
        assert result.state == "moved"
        assert result.selector == select(new, "spending on roads")


def test_edit_inside_quote_is_changed_within_bound() -> None:
    new = TEXT.replace("would rise by 12% next year", "would rise by 15% next year")
    sel = select(TEXT, "spending on roads would rise by 12% next year")
    for result in both(sel, TEXT, new):
        assert result.state == "changed"
        assert result.selector is not None
        assert result.selector.exact == "spending on roads would rise by 15% next year"


def test_deleted_sentence_is_orphaned() -> None:
    new = TEXT.replace("\nCritics argued the plan ignores public transport entirely.", "")
    sel = select(TEXT, "Critics argued the plan ignores public transport entirely.")
    for result in both(sel, TEXT, new):
        assert result == AnchorResult("orphaned", None)


def test_short_quote_never_fuzzy_matches() -> None:
    new = TEXT.replace("12%", "13%")
    sel = select(TEXT, "12%")
    for result in both(sel, TEXT, new):
        assert result.state == "orphaned"


def test_repeated_quote_prefers_context_then_distance() -> None:
    old = "alpha beta gamma. delta beta epsilon. zeta beta eta."
    sel = select(old, "delta beta epsilon")
    inner = Selector.from_text(old, sel.start + 6, sel.start + 10)  # the middle "beta"
    new = "new words here. " + old
    for result in both(inner, old, new):
        assert result.state == "moved"
        assert result.selector is not None
        assert result.selector.start == inner.start + len("new words here. ")


def test_selector_not_fitting_old_text_still_found() -> None:
    sel = Selector(start=999, end=1016, exact="spending on roads")
    result = reanchor_all([sel], TEXT, TEXT + "\nMore.")[0]
    assert result.state == "moved"
    assert result.selector == select(TEXT, "spending on roads")


def test_empty_quote_is_orphaned() -> None:
    assert reanchor(Selector(0, 0, ""), TEXT).state == "orphaned"


def test_position_map_keeps_insertions_outside_and_replacements_inside() -> None:
    old = "one two three four"
    new = "one X two THREE four"
    mapping = PositionMap(old, new)
    start = old.index("two")
    assert mapping.map_span(start, start + 3) == (new.index("two"), new.index("two") + 3)
    three = old.index("three")
    assert new[slice(*mapping.map_span(three, three + 5))] == "THREE"
    assert mapping.map_span(0, len(old)) == (0, len(new))
    assert PositionMap(old, old).identical


def test_siversk_revision(samples: Path) -> None:
    old = normalise((samples / "siversk.txt").read_text(encoding="utf-8"))
    new = normalise((samples / "siversk-revised.txt").read_text(encoding="utf-8"))
    untouched = [
        "Russian forces have secured control of the eastern town of Siversk",
        "the critical anchor cities of Ukraine's last major defensive line",
        "Ukrainian officials reported that a massive overnight attack",
        "compounding the challenges Kyiv faces on both the front line and the home front.",
    ]
    deleted = (
        "These sustained attacks aim to degrade Ukraine's industrial and defensive capacity "
        "while demonstrating Russia's persistent reach."
    )
    selectors = [select(old, q) for q in [*untouched, "about 75%", deleted]]
    batch = reanchor_all(selectors, old, new)
    singles = [reanchor(s, new) for s in selectors]
    for results in (batch, singles):
        for quote, result in zip(untouched, results, strict=False):
            assert result.state in ("exact", "moved")
            assert result.selector == select(new, quote)
        about = results[len(untouched)]
        assert about.state in ("changed", "orphaned")
        if about.selector is not None:  # attached only to what the figure became
            assert about.selector.start >= new.index("already holds")
            assert "three quarters" in new[about.selector.start : about.selector.end + 20]
        assert results[-1] == AnchorResult("orphaned", None)


@pytest.mark.parametrize(
    ("quote", "became"),
    [
        ("pullback on Tuesday, stating", "pullback on Tuesday evening, stating"),
        ("of which Moscow already holds about 75%.", "of which Moscow already holds roughly"),
    ],
)
def test_siversk_edited_phrases_are_changed(samples: Path, quote: str, became: str) -> None:
    old = normalise((samples / "siversk.txt").read_text(encoding="utf-8"))
    new = normalise((samples / "siversk-revised.txt").read_text(encoding="utf-8"))
    result = reanchor_all([select(old, quote)], old, new)[0]
    assert result.state == "changed"
    assert result.selector is not None
    assert result.selector.exact == became
