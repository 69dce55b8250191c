"""The threshold rule of a replacing check-worthiness model
(scripts/analysis/claim_thresholds.py): as many sentences flagged as the old model flags."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.analysis.claim_thresholds import GRID, rate_matched_threshold


def test_scores_shifted_down_get_a_lower_threshold() -> None:
    old = np.linspace(0.0, 1.0, 101)
    new = old * 0.5  # the same order, half the score
    assert rate_matched_threshold(old, old, 0.28) == 0.28
    assert rate_matched_threshold(new, old, 0.28) == 0.14
    assert np.mean(new >= 0.14) == np.mean(old >= 0.28)


def test_a_tie_keeps_the_higher_threshold() -> None:
    old = np.array([0.1, 0.9])
    new = np.array([0.1, 0.5])  # every threshold in (0.1, 0.5] flags one sentence
    assert rate_matched_threshold(new, old, 0.5) == 0.5


def test_different_sets_are_refused() -> None:
    with pytest.raises(ValueError, match="same, non-empty"):
        rate_matched_threshold(np.array([0.1]), np.array([0.1, 0.2]), 0.3)
    with pytest.raises(ValueError, match="same, non-empty"):
        rate_matched_threshold(np.array([]), np.array([]), 0.3)


@given(
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=60),
    st.lists(st.floats(0.0, 1.0), min_size=60, max_size=60),
    st.sampled_from([float(t) for t in GRID]),
)
def test_no_grid_threshold_matches_the_share_better(
    new: list[float], old: list[float], old_threshold: float
) -> None:
    new_a, old_a = np.array(new), np.array(old[: len(new)])
    target = np.mean(old_a >= old_threshold)
    chosen = rate_matched_threshold(new_a, old_a, old_threshold)
    assert chosen in GRID
    gap = abs(np.mean(new_a >= chosen) - target)
    assert all(gap <= abs(np.mean(new_a >= t) - target) for t in GRID)
