"""The ``briefing review`` command: the review queue on the command line.

Prints one line per item (``<score> <kind> <article id> <quote…>``) or, with ``--json``, a
JSON array of items (CONTRACTS.md), streamed: memory does not grow with the library.
``--min-score``/``--top`` limit the claims (defaults: settings ``claims.min_score`` and
``claims.top_n``). Exit codes as every command: 0, 1 user error, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from typing import Any

from briefing.cli.common import print_json_array
from briefing.domain import VERDICTS

QUOTE_CHARS = 100


def register(subparsers: Any) -> None:
    """Add the ``review`` sub-command to the ``briefing`` parser."""
    p = subparsers.add_parser(
        "review",
        help="the review queue: claims without a verdict, annotations to check (tag or pink)",
    )
    p.add_argument("--brief", type=int, metavar="ID", help="only the articles of this brief")
    p.add_argument("--article", type=int, metavar="ID", help="only this article")
    p.add_argument("--entity", metavar="NAME", help="only items whose sentence names NAME")
    p.add_argument(
        "--kind",
        metavar="KIND",
        help="claim, annotation, or a claim kind (statistic, quote, attribution, causal, "
        "prediction, comparison, other)",
    )
    p.add_argument("--tag", metavar="TAG", help="only items carrying this tag")
    p.add_argument(
        "--verdict",
        choices=(*VERDICTS, "none"),
        help="only items with this verdict (none: without a verdict)",
    )
    p.add_argument(
        "--min-score", type=_score, metavar="X",
        help="only claims scored at least X (0-1; default: settings claims.min_score)",
    )
    p.add_argument(
        "--top", type=_top, metavar="N",
        help="only each article's N strongest claims (default: settings claims.top_n)",
    )
    p.add_argument(
        "--save-limits", action="store_true",
        help="save --min-score and --top in the settings as the new defaults",
    )
    p.add_argument("--all", action="store_true", help="include items already decided")
    p.add_argument("--json", action="store_true", help="print a JSON array of items")
    p.set_defaults(handler=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from briefing.domain.claim_limits import ClaimLimits
    from briefing.services import Library
    from briefing.services.review import iter_review_json, iter_review_queue
    from briefing.settings_store import load_claim_limits, save_claim_limits

    saved = load_claim_limits(report=_warn)
    min_score = (saved.min_score or None) if args.min_score is None else args.min_score
    top_n = saved.top_n if args.top is None else args.top
    if args.save_limits:
        save_claim_limits(ClaimLimits(min_score or 0.0, top_n))
    filters: dict[str, Any] = {
        "brief_id": args.brief, "article_id": args.article, "entity": args.entity,
        "kind": args.kind, "tag": args.tag, "verdict": args.verdict,
        "include_decided": args.all, "min_score": min_score, "top_n": top_n,
    }
    with Library.open() as lib:
        if args.json:  # closed before the library, even when the reader stops early
            with closing(iter_review_json(lib, verdicts=True, **filters)) as texts:
                print_json_array(texts)
            return 0
        total = left = 0
        with closing(iter_review_queue(lib, **filters)) as items:
            for item in items:
                total += 1
                left += item["verdict"] is None
                print(f"{item['score']:.2f} {item['kind']} {item['article_id']} "
                      f"{_short(item['quote'])}")
    print(f"briefing: {left} of {total} listed items left to review", file=sys.stderr)
    return 0


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= score <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return score


def _top(value: str) -> int:
    try:
        top = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if top < 1:
        raise argparse.ArgumentTypeError(f"{value}: give at least 1")
    return top


def _warn(message: str) -> None:
    print(f"briefing: {message}", file=sys.stderr)


def _short(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1].rstrip() + "…"
