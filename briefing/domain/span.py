"""Spans of article text and W3C-style selectors (TextPosition + TextQuote)."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32
"""Length of the prefix and suffix stored with every quote (as the Hypothesis client)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of Python string indices into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Selector:
    """TextPositionSelector (start, end) plus TextQuoteSelector (exact, prefix, suffix)."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @classmethod
    def from_text(cls, text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Selector:
        """Build a selector for ``text[start:end]`` with up to ``context`` chars either side."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}..{end} outside text of length {len(text)}")
        return cls(
            start=start,
            end=end,
            exact=text[start:end],
            prefix=text[max(0, start - context) : start],
            suffix=text[end : end + context],
        )
