"""``briefing feeds ...``: subscribe, list, refresh (cron-friendly), remove, OPML in/out;
plus the cross-article views ``briefing stories`` and ``briefing entities``.

``refresh`` prints ``N new articles`` on stdout and one line per failed feed on stderr
(naming the feed URL); it exits 1 when any feed failed, so cron reports it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefing.cli.common import print_json_array
from briefing.domain import BriefingError


def _open_library() -> Any:
    from briefing.services import Library

    return Library.open()


def cmd_add(args: argparse.Namespace) -> int:
    from briefing.services.feeds import add_feed, list_feeds

    with _open_library() as lib:
        before = {feed.id for feed in list_feeds(lib)}
        feed = add_feed(lib, args.url)
    if feed.id in before:
        print(f"briefing: {feed.url}: already subscribed as feed {feed.id}", file=sys.stderr)
    print(feed.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from briefing.services.feeds import list_feeds

    with _open_library() as lib:
        feeds = list_feeds(lib)
    if args.json:
        print(json.dumps([feed.to_json() for feed in feeds], ensure_ascii=False, indent=2))
        return 0
    for feed in feeds:
        checked = feed.last_checked or "never checked"
        title = f"\t{feed.title}" if feed.title else ""
        problem = f"\t{feed.last_error}" if feed.state == "error" and feed.last_error else ""
        print(f"{feed.id}\t{feed.state}\t{feed.url}{title}\t{checked}{problem}")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from briefing.services.feeds import refresh_all

    with _open_library() as lib:
        results = refresh_all(lib, only_due=args.due)
    failed = [result for result in results if not result.ok]
    for result in failed:
        print(f"briefing: {result.error}", file=sys.stderr)
    count = sum(len(result.new_article_ids) for result in results)
    print(f"{count} new articles")  # the contract's exact wording, even for 1
    return 1 if failed else 0


def cmd_remove(args: argparse.Namespace) -> int:
    from briefing.services.feeds import remove_feed

    with _open_library() as lib:
        remove_feed(lib, args.id)
    return 0


def cmd_import_opml(args: argparse.Namespace) -> int:
    from briefing.services.feeds import import_opml

    with _open_library() as lib:
        added = import_opml(lib, Path(args.file))
    for feed in added:
        print(feed.id)
    return 0


def cmd_export_opml(args: argparse.Namespace) -> int:
    from briefing.export.atomic import write_text_atomic
    from briefing.services.feeds import export_opml

    with _open_library() as lib:
        text = export_opml(lib)
    if args.output:
        target = Path(args.output)
        write_text_atomic(target, text)
        print(target)
    else:
        sys.stdout.write(text)
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    from briefing.services.crossref import brief_from_cluster
    from briefing.services.story_claims import NEW_PER_LISTING, listed_comparisons
    from briefing.services.story_store import catch_up, rebuild, stored_clusters

    with _open_library() as lib:
        (rebuild if args.rebuild else catch_up)(lib)
        found = stored_clusters(lib)
        every = args.json or args.claims
        compared = listed_comparisons(lib, found, limit=None if every else NEW_PER_LISTING)
        stories = []
        for cluster, comparisons in zip(found, compared, strict=True):
            brief_id = brief_from_cluster(lib, cluster) if args.brief else None
            stories.append((cluster, comparisons, brief_id))
    if args.json:
        print(json.dumps([_story_json(c, k or [], b) for c, k, b in stories],
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    for cluster, comparisons, brief_id in stories:
        made = f"\tbrief {brief_id}" if brief_id is not None else ""
        ids = ",".join(str(i) for i in cluster.article_ids)
        print(f"{cluster.id}\t{ids}\t{cluster.title}{made}")
        for comparison in comparisons or ():
            if comparison.differs:
                figures = " | ".join(f"{v.article_id}: {v.figure}" for v in comparison.versions)
                about = ", ".join(x for x in (comparison.entity, comparison.unit_label) if x)
                print(f"  differs ({about}): {figures}")
    if not found:  # an empty stdout alone would look like a failure
        print("briefing: no stories yet: no two articles in the library were found to report "
              "the same event", file=sys.stderr)
    left = sum(1 for c in compared if c is None)
    if left:
        print(f"briefing: figures not compared yet for {left} of {len(found)} stories (up to "
              f"{NEW_PER_LISTING} more each run; --claims compares them all now)", file=sys.stderr)
    return 0


def _story_json(cluster: Any, comparisons: list[Any], brief_id: int | None) -> dict[str, Any]:
    return {
        "id": cluster.id,
        "title": cluster.title,
        "article_ids": list(cluster.article_ids),
        "entities": list(cluster.entities),
        "cohesion": cluster.cohesion,
        "brief_id": brief_id,
        "claims": [
            {
                "entity": c.entity,
                "unit": c.unit,
                "unit_label": c.unit_label,
                "differs": c.differs,
                "versions": [_version_json(v) for v in c.versions],
            }
            for c in comparisons
        ],
    }


def _version_json(version: Any) -> dict[str, Any]:
    keys = ("article_id", "figure", "value", "hedge", "start", "end", "sentence")
    return {key: getattr(version, key) for key in keys}


def cmd_entities(args: argparse.Namespace) -> int:
    from briefing.services import crossref

    if (args.follow or args.unfollow) and not (args.name or "").strip():
        raise BriefingError("--follow and --unfollow need an entity NAME")
    with _open_library() as lib:
        if args.follow:
            print(crossref.follow_entity(lib, args.name or ""))
            return 0
        if args.unfollow:
            crossref.unfollow_entity(lib, args.name or "")
            return 0
        if args.name:
            rows = crossref.articles_for_entity(lib, args.name)
            if not rows:
                raise BriefingError(f"{args.name}: no article in the library mentions it")
            if args.json:
                print(json.dumps([r._asdict() for r in rows], ensure_ascii=False, indent=2))
            for row in rows if not args.json else ():
                print(f"{row.date[:10]}\t{row.article_id}\t{row.title}\t{row.mentions}")
            return 0
        followed = set(crossref.followed_entities(lib))
        if not args.json:  # counts only: grouped in SQL, no article list built
            for summary in crossref.entity_summaries(lib):
                mark = "*" if summary.name in followed else ""
                print(f"{summary.name}{mark}\t{summary.label}\t{summary.article_count}")
            return 0
        print_json_array(
            {"name": e.name, "label": e.label, "aliases": list(e.aliases),
             "followed": e.name in followed,
             "articles": [a._asdict() for a in e.articles]}
            for e in crossref.iter_entity_index(lib)
        )  # fmt: skip
    return 0


def register(subparsers: Any) -> None:
    """Add the ``feeds`` command group to the main parser."""
    feeds = subparsers.add_parser("feeds", help="RSS/Atom subscriptions")
    sub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)

    p = sub.add_parser("add", help="subscribe to an RSS or Atom feed; prints the feed id")
    p.add_argument("url", metavar="URL")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("list", help="list the feeds with their state")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("refresh", help="fetch the feeds and import their new items")
    p.add_argument("--due", action="store_true", help="only the feeds whose interval elapsed")
    p.set_defaults(handler=cmd_refresh)

    p = sub.add_parser("remove", help="unsubscribe (the articles stay in the library)")
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser("import-opml", help="subscribe to every feed of an OPML file")
    p.add_argument("file", metavar="FILE.opml")
    p.set_defaults(handler=cmd_import_opml)

    p = sub.add_parser("export-opml", help="write the subscriptions as OPML")
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: stdout)")
    p.set_defaults(handler=cmd_export_opml)

    p = subparsers.add_parser("stories", help="articles grouped by event, with differing figures")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--brief", action="store_true", help="also create one brief per story")
    p.add_argument("--claims", action="store_true",
                   help="compare the figures of every story now (otherwise a listing compares "
                   "those of a bounded number of new stories; --json compares every story)")
    p.add_argument("--rebuild", action="store_true",
                   help="cluster the whole library again from scratch (stories are stored and "
                   "kept up to date incrementally otherwise)")
    p.set_defaults(handler=cmd_stories)

    p = subparsers.add_parser("entities", help="the entity index, or one entity's timeline")
    p.add_argument("name", nargs="?", metavar="NAME", help="show this entity's articles")
    p.add_argument("--json", action="store_true", help="print JSON")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--follow", action="store_true", help="follow NAME")
    group.add_argument("--unfollow", action="store_true", help="stop following NAME")
    p.set_defaults(handler=cmd_entities)
