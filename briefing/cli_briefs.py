"""The ``briefing brief`` commands: build ordered briefs of articles from the command line.

``brief create TITLE [ID...]`` prints the brief id; ``brief list [--json]``;
``brief add|remove BRIEF ID...``; ``brief delete BRIEF``. Export one with
``briefing export --brief BRIEF``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from briefing.services import Library
from briefing.services import briefs as brief_service


def register(subparsers: Any) -> None:
    """Add the ``brief`` sub-command group to the ``briefing`` parser."""
    p = subparsers.add_parser("brief", help="create and edit briefs (ordered sets of articles)")
    sub = p.add_subparsers(dest="brief_command", metavar="ACTION", required=True)

    q = sub.add_parser("create", help="create a brief; prints its id")
    q.add_argument("title")
    q.add_argument("ids", type=int, nargs="*", metavar="ID")
    q.set_defaults(handler=_create)

    q = sub.add_parser("list", help="list briefs")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=_list)

    for name, helptext in (("add", "append articles"), ("remove", "remove articles")):
        q = sub.add_parser(name, help=helptext)
        q.add_argument("brief", type=int, metavar="BRIEF")
        q.add_argument("ids", type=int, nargs="+", metavar="ID")
        q.set_defaults(handler=_add if name == "add" else _remove)

    q = sub.add_parser("delete", help="delete a brief (its articles stay in the library)")
    q.add_argument("brief", type=int, metavar="BRIEF")
    q.set_defaults(handler=_delete)


def _create(args: argparse.Namespace) -> int:
    with Library.open() as lib:
        print(brief_service.create_brief(lib, args.title, args.ids).id)
    return 0


def _list(args: argparse.Namespace) -> int:
    with Library.open() as lib:
        briefs = brief_service.list_briefs(lib)
    if args.json:
        rows = [
            {"id": b.id, "title": b.title, "articles": list(b.article_ids),
             "created_at": b.created_at}
            for b in briefs
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for b in briefs:
            print(f"{b.id}\t{b.title}\t{len(b.article_ids)} articles")
    return 0


def _add(args: argparse.Namespace) -> int:
    with Library.open() as lib:
        for article_id in args.ids:
            brief_service.add_to_brief(lib, args.brief, article_id)
    return 0


def _remove(args: argparse.Namespace) -> int:
    with Library.open() as lib:
        for article_id in args.ids:
            brief_service.remove_from_brief(lib, args.brief, article_id)
    return 0


def _delete(args: argparse.Namespace) -> int:
    with Library.open() as lib:
        brief_service.delete_brief(lib, args.brief)
    return 0
