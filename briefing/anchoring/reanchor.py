"""Re-anchoring annotations after an article's text changed: exact, moved, changed, orphaned.

Order of attempts for each selector:
1. with the old text known, map the span through one diff old→new; the same quote at the
   mapped place is "exact" (same position) or "moved";
2. the same quote elsewhere ("moved"): best prefix/suffix context, then nearest to where
   the diff (or the old position) says it should be;
3. a fuzzy match ("changed"): what the diff says the quote became, else a bounded search
   (Myers) near the expected place and in large inserted passages, weighing quote
   similarity, prefix, suffix and distance; accepted only within the edit bound
   ``min(256, len(quote) // 2)`` and with supporting context;
4. otherwise "orphaned".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from briefing.anchoring.diffmap import PositionMap
from briefing.anchoring.search import (
    MIN_FUZZY_QUOTE,
    Candidate,
    accept_fuzzy,
    best_exact,
    fuzzy_candidates,
    max_errors,
    score_candidate,
)
from briefing.domain.span import Selector


@dataclass(frozen=True)
class AnchorResult:
    """Outcome of re-anchoring one selector on a new text.

    ``state`` is one of briefing.domain.annotation.ANCHOR_STATES; ``selector`` is built on
    the new text, or None when the annotation is orphaned.
    """

    state: str  # "exact" | "moved" | "changed" | "orphaned"
    selector: Selector | None


ORPHANED = AnchorResult("orphaned", None)


def _placed(state: str, text: str, start: int, end: int) -> AnchorResult:
    return AnchorResult(state, Selector.from_text(text, start, end))


def _inside_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _snap_to_words(selector: Selector, text: str, start: int, end: int) -> tuple[int, int]:
    """Move fuzzy-match edges that cut a word to the nearer word edge (by edit distance),
    unless the stored quote itself began or ended inside a word; drop edge whitespace the
    quote did not have."""
    quote = selector.exact
    starts, ends = [start], [end]
    if _inside_word(text, start) and not (selector.prefix[-1:].isalnum() and quote[0].isalnum()):
        left = start
        while left > 0 and text[left - 1].isalnum():
            left -= 1
        right = start
        while right < end and text[right].isalnum():
            right += 1
        starts = [left, right]
    if _inside_word(text, end) and not (quote[-1].isalnum() and selector.suffix[:1].isalnum()):
        right = end
        while right < len(text) and text[right].isalnum():
            right += 1
        left = end
        while left > start and text[left - 1].isalnum():
            left -= 1
        ends = [right, left]
    options = [(s, e) for s in starts for e in ends if s < e] or [(start, end)]
    start, end = min(options, key=lambda se: Levenshtein.distance(quote, text[se[0] : se[1]]))
    while end - start > 1 and text[start].isspace() and not quote[0].isspace():
        start += 1
    while end - start > 1 and text[end - 1].isspace() and not quote[-1].isspace():
        end -= 1
    return start, end


def _changed(selector: Selector, text: str, found: Candidate | None) -> AnchorResult:
    if found is None:
        return ORPHANED
    start, end = _snap_to_words(selector, text, found.start, found.end)
    new_quote = text[start:end]
    bound = max_errors(selector.exact)
    if Levenshtein.distance(selector.exact, new_quote, score_cutoff=bound + 1) > bound:
        return ORPHANED  # never attach beyond the bound, whatever the scorer said
    if new_quote == selector.exact:
        return _placed("exact" if start == selector.start else "moved", text, start, end)
    return _placed("changed", text, start, end)


def _merge(windows: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted((max(0, lo), min(size, hi)) for lo, hi in windows):
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def reanchor(selector: Selector, new_text: str, *, old_text: str | None = None) -> AnchorResult:
    """Find ``selector``'s quote in ``new_text``; ``old_text`` (if known) guides the search."""
    if old_text is not None:
        return reanchor_all([selector], old_text, new_text)[0]
    quote = selector.exact
    if not quote:
        return ORPHANED
    expected = min(selector.start, len(new_text))
    best = best_exact(selector, new_text, expected)
    if best is not None:
        return _placed(
            "exact" if best.start == selector.start else "moved", new_text, best.start, best.end
        )
    found = accept_fuzzy(fuzzy_candidates(selector, new_text, expected, [(0, len(new_text))]))
    return _changed(selector, new_text, found)


def reanchor_all(selectors: Sequence[Selector], old_text: str, new_text: str) -> list[AnchorResult]:
    """Re-anchor many selectors of ``old_text`` on ``new_text`` with a single diff."""
    if old_text == new_text:
        return [
            _placed("exact", new_text, s.start, s.end)
            if s.exact and new_text[s.start : s.end] == s.exact
            else reanchor(s, new_text)
            for s in selectors
        ]
    mapping = PositionMap(old_text, new_text)
    return [_reanchor_mapped(s, old_text, new_text, mapping) for s in selectors]


def _reanchor_mapped(
    selector: Selector, old_text: str, new_text: str, mapping: PositionMap
) -> AnchorResult:
    quote = selector.exact
    if not quote:
        return ORPHANED
    consistent = old_text[selector.start : selector.end] == quote
    if consistent:
        new_start, new_end = mapping.map_span(selector.start, selector.end)
        if new_text[new_start:new_end] == quote:
            state = "exact" if new_start == selector.start else "moved"
            return _placed(state, new_text, new_start, new_end)
    else:  # the selector does not fit the old text: trust only its position, loosely
        new_start = mapping.map_start(min(selector.start, len(old_text)))
        new_end = new_start + len(quote)
    best = best_exact(selector, new_text, new_start)
    if best is not None:
        return _placed(
            "exact" if best.start == selector.start else "moved", new_text, best.start, best.end
        )
    if len(quote) < MIN_FUZZY_QUOTE:
        return ORPHANED
    bound = max_errors(quote)
    if consistent:  # what the diff says the quote became
        errors = Levenshtein.distance(quote, new_text[new_start:new_end], score_cutoff=bound + 1)
        if errors <= bound:
            direct = score_candidate(selector, new_text, new_start, new_end, errors, new_start)
            found = accept_fuzzy([direct])
            if found is not None:
                return _changed(selector, new_text, found)
    reach = len(quote) + bound
    windows = [(new_start - reach, new_end + reach)]
    windows += [(lo - bound, hi + bound) for lo, hi in mapping.insertions(len(quote) - bound)]
    candidates = fuzzy_candidates(selector, new_text, new_start, _merge(windows, len(new_text)))
    return _changed(selector, new_text, accept_fuzzy(candidates))
