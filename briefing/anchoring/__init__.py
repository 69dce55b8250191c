"""Re-anchoring annotations on a revised article text (Qt-free).

Public API: :class:`AnchorResult`, :func:`reanchor`, :func:`reanchor_all`.
"""

from __future__ import annotations

from briefing.anchoring.reanchor import AnchorResult, reanchor, reanchor_all

__all__ = ["AnchorResult", "reanchor", "reanchor_all"]
