"""The absolute threshold of a check-worthiness model that replaces another one.

A new model's scores are spread differently from the old one's, so the old threshold means
something else on them, and the F1-optimal threshold of out-of-fold scores is a noisy pick:
near its optimum the F1 curve is flat over several hundredths. :func:`rate_matched_threshold`
keeps instead what the old threshold decided in aggregate: on the same training sentences
(out-of-fold scores of both models), the new threshold flags as many sentences as the old
model flags at its own. The ranking improves; how much of a text counts as a claim does not
move. Used by scripts/analysis/train_claims.py ``--debates``.
"""

from __future__ import annotations

import numpy as np

GRID = np.round(np.arange(0.05, 0.945, 0.01), 2)
"""The thresholds considered, as train_claims.best_f1 considers them."""


def rate_matched_threshold(
    new_probs: np.ndarray, old_probs: np.ndarray, old_threshold: float
) -> float:
    """The grid threshold at which ``new_probs`` flag the share of sentences closest to the
    share ``old_probs`` flag at ``old_threshold`` (the higher threshold on a tie)."""
    if len(new_probs) != len(old_probs) or not len(new_probs):
        raise ValueError("both models must score the same, non-empty set of sentences")
    target = float(np.mean(old_probs >= old_threshold))
    shares = np.array([np.mean(new_probs >= t) for t in GRID])
    gaps = np.abs(shares - target)
    best = np.flatnonzero(gaps == gaps.min())[-1]
    return float(GRID[best])
