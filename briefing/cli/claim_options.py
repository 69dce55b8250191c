"""The claim-limit options shared by commands that list claims: ``--min-score X`` (0 to 1)
and ``--top N`` (per article; 0: no limit). Unset options take the saved settings
(settings_store, section ``claims``)."""

from __future__ import annotations

import argparse
from typing import Any

from briefing.domain.claim_limits import ClaimLimits


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text}: a claim score lies between 0 and 1")
    return value


def _top(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text}: use 0 (no limit) or more")
    return value


def add_claim_limit_options(parser: Any) -> None:
    parser.add_argument("--min-score", type=_score, metavar="X",
                        help="list only claims scoring at least X (0-1); default: settings")
    parser.add_argument("--top", type=_top, metavar="N",
                        help="list at most N claims per article, strongest first (0: all); "
                        "default: settings")


def claim_limits_from(args: argparse.Namespace) -> ClaimLimits:
    """The options given, the saved settings for those not given."""
    from briefing.settings_store import load_claim_limits

    saved = load_claim_limits()
    score = saved.min_score if args.min_score is None else args.min_score
    top = saved.top_n if args.top is None else (args.top or None)
    return ClaimLimits(score, top)
