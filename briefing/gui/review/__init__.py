"""Review mode: the keyboard-driven triage queue of claims and to-check annotations.

May import the root building blocks, ``panels`` where it shows claims or entities, services
and domain; never ``shell`` (the shell plugs this room in).
"""

from briefing.gui.review.review_mode import ReviewMode

__all__ = ["ReviewMode"]
