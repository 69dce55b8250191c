"""Review mode: the keyboard-driven triage queue of claims and to-check annotations."""

from briefing.gui.review.review_mode import ReviewMode

__all__ = ["ReviewMode"]
