"""The ``briefing review`` command: the review queue on the command line.

Prints one line per item (``<score> <kind> <article id> <quote…>``) or, with ``--json``, a
JSON array of items (CONTRACTS.md). Exit codes as every command: 0, 1 user error, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

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
    p.add_argument("--all", action="store_true", help="include items already decided")
    p.add_argument("--json", action="store_true", help="print a JSON array of items")
    p.set_defaults(handler=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from briefing.services import Library
    from briefing.services.review import queue_json, review_queue
    from briefing.services.syncing import add_verdicts

    with Library.open() as lib:
        items = review_queue(
            lib,
            brief_id=args.brief,
            article_id=args.article,
            entity=args.entity,
            kind=args.kind,
            tag=args.tag,
            verdict=args.verdict,
            include_decided=args.all,
        )
        data = queue_json(items) if args.json else []
        add_verdicts(lib, data)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for item in items:
        print(f"{item.score:.2f} {item.kind} {item.article_id} {_short(item.quote)}")
    left = sum(1 for item in items if not item.decided)
    print(f"briefing: {left} of {len(items)} listed items left to review", file=sys.stderr)
    return 0


def _short(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1].rstrip() + "…"
