"""The ``briefing brief`` commands: build ordered briefs of articles from the command line.

``brief create TITLE [ID...]`` prints the brief id; ``brief list [--json]``;
``brief show BRIEF [--json]``; ``brief add|remove BRIEF ID...``; ``brief rename BRIEF TITLE``;
``brief reorder BRIEF ID...`` (the new order; ``--move ID --by N`` moves one article);
``brief delete BRIEF``. Export one with ``briefing export --brief BRIEF``.
"""

from __future__ import annotations

import argparse
import json
import sys
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

    q = sub.add_parser("show", help="a brief's title and its articles in order")
    q.add_argument("brief", type=int, metavar="BRIEF")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=_show)

    q = sub.add_parser("rename", help="give a brief a new title")
    q.add_argument("brief", type=int, metavar="BRIEF")
    q.add_argument("title")
    q.set_defaults(handler=_rename)

    q = sub.add_parser(
        "reorder", help="put a brief's articles in a new order",
        description="Give all the brief's article ids in their new order, or move one "
        "article with --move ID --by N (negative: up).",
    )
    q.add_argument("brief", type=int, metavar="BRIEF")
    q.add_argument("ids", type=int, nargs="*", metavar="ID")
    q.add_argument("--move", type=int, metavar="ID")
    q.add_argument("--by", type=int, default=0, metavar="N")
    q.set_defaults(handler=_reorder)

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


def _show(args: argparse.Namespace) -> int:
    from briefing.services.articles import list_articles

    with Library.open() as lib:
        brief = brief_service.get_brief(lib, args.brief)
        rows = {row.id: row for row in list_articles(lib, list(brief.article_ids))}
    articles = [rows[i] for i in brief.article_ids if i in rows]
    if args.json:
        print(json.dumps({"id": brief.id, "title": brief.title, "created_at": brief.created_at,
                          "articles": [{"id": r.id, "title": r.title} for r in articles]},
                         ensure_ascii=False, indent=2))
    else:
        print(f"{brief.id}\t{brief.title}")
        for place, row in enumerate(articles, 1):
            print(f"{place}.\t{row.id}\t{row.title}")
    return 0


def _rename(args: argparse.Namespace) -> int:
    with Library.open() as lib:
        brief_service.rename_brief(lib, args.brief, args.title)
    return 0


def _reorder(args: argparse.Namespace) -> int:
    from briefing.domain import BriefingError

    with Library.open() as lib:
        current = brief_service.get_brief(lib, args.brief).article_ids
        if args.move is not None:
            if args.ids:
                raise BriefingError("brief reorder: give either the ids in order or --move")
            brief_service.move_in_brief(lib, args.brief, args.move, args.by)
            return 0
        if sorted(args.ids) != sorted(current):
            raise BriefingError(
                f"brief {args.brief}: give each of its articles once, in the new order "
                f"(it has {' '.join(map(str, current)) or 'none'})"
            )
        brief_service.set_brief_articles(lib, args.brief, args.ids)
    return 0


def _add(args: argparse.Namespace) -> int:
    with Library.open() as lib:
        for article_id in args.ids:
            if article_id in brief_service.get_brief(lib, args.brief).article_ids:
                print(f"article {article_id} is already in brief {args.brief}", file=sys.stderr)
                continue
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
