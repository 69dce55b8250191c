"""Where things are in an article, for the export: paragraph numbers ("¶3") of offsets,
links that open the source at a quote, and which claim a verdict or claim note belongs to."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from briefing.domain import Annotation, Article, Claim
from briefing.export.escape import link_destination, text_fragment


class Paragraphs:
    """Maps text offsets to 1-based paragraph numbers (one paragraph per line).

    ``anchor_prefix`` names the HTML anchors of the exported article text (``a7`` gives
    ``#a7-p3``); None when the brief carries no article text to link to.
    """

    def __init__(self, text: str, anchor_prefix: str | None = None) -> None:
        self.anchor_prefix = anchor_prefix
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._starts = starts

    def number(self, offset: int) -> int:
        return max(1, bisect_right(self._starts, offset))

    def anchor(self, number: int) -> str | None:
        return f"{self.anchor_prefix}-p{number}" if self.anchor_prefix else None


def is_web_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def place_link(article: Article, paragraphs: Paragraphs, start: int, end: int) -> str:
    """``[¶3](url#:~:text=...)`` for web articles (opens the page at the quote); otherwise a
    link to the paragraph in the exported article text, or plain ``¶3`` without one."""
    number = paragraphs.number(start)
    label = f"¶{number}"
    if not is_web_url(article.source_url):
        anchor = paragraphs.anchor(number)
        return f"[{label}](#{anchor})" if anchor else label
    target = text_fragment(str(article.source_url), article.text[start:end])
    return f"[{label}]({link_destination(target)})"


def valid_span(article: Article, start: int, end: int) -> bool:
    return 0 <= start < end <= len(article.text)


def _overlap(a: Annotation, claim: Claim) -> int:
    return min(a.selector.end, claim.end) - max(a.selector.start, claim.start)


def assign_verdicts(
    claims: Sequence[Claim], annotations: Sequence[Annotation]
) -> tuple[dict[int, list[Annotation]], list[Annotation]]:
    """Attach each anchored verdict annotation to the claim its span equals or overlaps most
    (ties: the earlier claim), and each verdict-less assessment (a note or evidence given
    before deciding, ``Annotation.assesses``) to the first claim whose span it equals.
    Returns claim index -> annotations, and the verdicts left over."""
    by_claim: dict[int, list[Annotation]] = {}
    loose: list[Annotation] = []
    for ann in annotations:
        if ann.orphaned:
            continue
        if not ann.verdict:
            assessed = next(
                (i for i, claim in enumerate(claims) if ann.assesses(claim.span)), None
            )
            if assessed is not None:
                by_claim.setdefault(assessed, []).append(ann)
            continue
        best: tuple[int, int, int] | None = None  # (-exact, -overlap, index)
        for index, claim in enumerate(claims):
            exact = ann.selector.start == claim.start and ann.selector.end == claim.end
            overlap = _overlap(ann, claim)
            if not exact and overlap <= 0:
                continue
            rank = (-int(exact), -overlap, index)
            if best is None or rank < best:
                best = rank
        if best is None:
            loose.append(ann)
        else:
            by_claim.setdefault(best[2], []).append(ann)
    return by_claim, loose
