"""``briefing sync ...`` (folder, whoami, run, conflicts, resolve) and ``briefing verdict``.

``sync run`` prints ``sent N, received M, conflicts K`` on stdout and one line per record
that could not be read on stderr (naming the file; the file is kept and skipped).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefing.domain import VERDICTS, BriefingError


def _open_library() -> Any:
    from briefing.services import Library

    return Library.open()


def cmd_folder(args: argparse.Namespace) -> int:
    from briefing.services.syncing import set_sync_folder, sync_folder

    with _open_library() as lib:
        if args.off:
            set_sync_folder(lib, None)
            print("sync is off")
            return 0
        if args.path is None:
            current = sync_folder(lib)
            print(current if current else "sync is off")
            return 0
        print(set_sync_folder(lib, Path(args.path)))
    return 0


def cmd_whoami(args: argparse.Namespace) -> int:
    from briefing.services.syncing import identity, set_name

    with _open_library() as lib:
        ident = set_name(lib, args.name) if args.name is not None else identity(lib)
    if args.json:
        print(json.dumps({"device_id": ident.device, "name": ident.name}, ensure_ascii=False))
    else:
        print(f"{ident.device}\t{ident.name}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from briefing.services.syncing import run_sync

    with _open_library() as lib:
        result = run_sync(lib)
    for problem in result.problems:
        print(f"briefing: {problem}", file=sys.stderr)
    print(result.summary())
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from briefing.services.syncing import conflicts

    with _open_library() as lib:
        found = conflicts(lib)
    if args.json:
        print(json.dumps([
            {"annotation_id": c.entity, "versions": [
                {"version": v.record_id, "author": v.author, "created": v.created,
                 "note": v.annotation.note, "verdict": v.annotation.verdict,
                 "tags": list(v.annotation.tags), "color": v.annotation.color}
                for v in c.versions]}
            for c in found
        ], ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    for conflict in found:
        print(conflict.entity)
        for version in conflict.versions:
            note = " ".join(version.annotation.note.split()) or "(no note)"
            print(f"  {version.record_id}\t{version.author}\t{version.created}\t{note}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from briefing.services.syncing import resolve_conflict

    with _open_library() as lib:
        result = resolve_conflict(lib, args.annotation_id, args.keep)
    print(result.summary())
    return 0


def cmd_verdict(args: argparse.Namespace) -> int:
    from briefing.services.annotating import set_claim_verdict
    from briefing.services.articles import analysis_for, get_article

    with _open_library() as lib:
        article = get_article(lib, args.article_id)
        claims = analysis_for(lib, article).claims
        if not 1 <= args.claim <= len(claims):
            raise BriefingError(
                f"article {article.id} has {len(claims)} claims; --claim counts from 1"
            )
        verdict = None if args.verdict == "none" else args.verdict
        saved = set_claim_verdict(
            lib, article, claims[args.claim - 1].span, verdict, note=args.note,
            undecide=verdict is None,
        )
    print(saved.id if saved is not None else "undecided")
    return 0


def register(subparsers: Any) -> None:
    """Add the ``sync`` command group and ``verdict`` to the main parser."""
    group = subparsers.add_parser(
        "sync", help="sync the library through a folder kept in step by Syncthing, Nextcloud…"
    )
    sub = group.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    p = sub.add_parser("folder", help="choose the sync folder (no PATH: print it)")
    p.add_argument("path", nargs="?", metavar="PATH")
    p.add_argument("--off", action="store_true", help="stop syncing")
    p.set_defaults(handler=cmd_folder)

    p = sub.add_parser("whoami", help="this computer's device id and the reader's name")
    p.add_argument("--name", metavar="NAME", help="set the name shown on notes and verdicts")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_whoami)

    p = sub.add_parser("run", help="send this library's changes and read the other devices'")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("conflicts", help="notes edited on two devices at once")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("resolve", help="keep one version of a conflicting note")
    p.add_argument("annotation_id", metavar="ANNOTATION_ID")
    p.add_argument("--keep", required=True, metavar="VERSION",
                   help="the version to keep (see `briefing sync conflicts`)")
    p.set_defaults(handler=cmd_resolve)

    p = subparsers.add_parser("verdict", help="record your verdict on a claim of an article")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    p.add_argument("--claim", type=int, required=True, metavar="N",
                   help="the claim, counted from 1 as in `briefing analyze --article ID`")
    p.add_argument("verdict", choices=(*VERDICTS, "none"), metavar="VERDICT",
                   help=f"one of {', '.join(VERDICTS)}, or none to undecide")
    p.add_argument("--note", metavar="TEXT", help="a note on the verdict")
    p.set_defaults(handler=cmd_verdict)
