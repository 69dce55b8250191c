"""User annotations: highlights, notes, tags and verdicts on claims."""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing.domain.span import Selector, Span

COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
"""Highlight colours 1-5 (keys 1-5 in the reader)."""

VERDICTS: tuple[str, ...] = ("supported", "disputed", "false", "unverified")
"""Verdicts a reviewer can give a claim (keys 1-4 in review mode)."""

ANCHOR_STATES: tuple[str, ...] = ("exact", "moved", "changed", "orphaned")
"""How an annotation was re-anchored after the article's text changed."""

TO_CHECK_TAG = "to-check"
"""The tag that puts an annotation in the review queue."""

TO_CHECK_COLOR = "pink"
"""The highlight colour (key 4) that puts an annotation in the review queue too."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A user's annotation on one article.

    ``verdict`` set means this annotation assesses a claim (W3C motivation "assessing").
    ``anchor`` is the state after the last re-anchoring; "orphaned" annotations keep their
    old selector (quote) and are shown apart until the user re-attaches them.
    """

    id: str  # "urn:uuid:..." style identifier, stable across export/import
    article_id: int
    selector: Selector
    color: str | None = "yellow"
    note: str = ""
    tags: tuple[str, ...] = ()
    verdict: str | None = None
    evidence: str | None = None  # URL or "briefing:article/<id>"
    created: str = ""  # ISO 8601 UTC
    modified: str = ""
    anchor: str = "exact"

    @property
    def orphaned(self) -> bool:
        return self.anchor == "orphaned"

    @property
    def to_check(self) -> bool:
        """Tagged or coloured "to check": the reader wants it in the review queue."""
        return TO_CHECK_TAG in self.tags or self.color == TO_CHECK_COLOR

    def assesses(self, span: Span) -> bool:
        """True when this is the assessment of the claim at ``span``: it covers exactly that
        span of the current text (not orphaned: an orphan's offsets belong to an older text)
        and either has a verdict or has no colour (a note or evidence given before deciding).
        """
        if self.orphaned or self.selector.span != span:
            return False
        return self.verdict is not None or self.color is None

    @property
    def motivation(self) -> str:
        if self.verdict:
            return "assessing"
        if self.note:
            return "commenting"
        if self.tags and not self.color:
            return "tagging"
        return "highlighting"

    def with_changes(self, **changes: object) -> Annotation:
        return replace(self, **changes)  # type: ignore[arg-type]
