"""Export commands: a brief of articles (Markdown, HTML, W3C JSON, ClaimReview), the template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from briefing.cli.common import open_library as _open_library
from briefing.domain import BriefingError


def cmd_export(args: argparse.Namespace) -> int:
    from briefing.cli.claim_options import claim_limits_from
    from briefing.services.briefs import get_brief
    from briefing.services.exporting import export_brief
    from briefing.settings_store import read_template

    out = Path(args.output) if args.output else None
    with _open_library() as lib:
        ids, title = list(args.ids), args.title
        if args.brief is not None:
            brief = get_brief(lib, args.brief)
            ids, title = [*brief.article_ids, *ids], title or brief.title
        if not ids:
            raise BriefingError("export needs article ids or --brief BRIEF")
        template = read_template(Path(args.template)) if args.template else None
        text, merge = export_brief(
            lib, ids, args.format, out, title=title, summary_length=args.summary,
            template=template, brief_id=args.brief, claim_limits=claim_limits_from(args),
        )
    if out is None:
        sys.stdout.write(text)
    else:
        for conflict in merge.conflicts if merge else ():
            print(f"briefing: {out}: {conflict}", file=sys.stderr)
        print(out)
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from briefing.export.markdown import default_template
    from briefing.settings_store import load_template_path, read_template, save_template_path

    if args.use is not None:
        chosen = Path(args.use).resolve() if args.use else None
        if chosen is not None:
            read_template(chosen)  # refuse a file that cannot be read, before saving it
        save_template_path(chosen)
        print(chosen or "the packaged template")
        return 0
    chosen = load_template_path()
    sys.stdout.write(read_template(chosen) if chosen and args.current else default_template())
    return 0


def add_export(sub: Any) -> None:
    p = sub.add_parser("export", help="export a brief of one or more articles")
    p.add_argument("ids", type=int, nargs="*", metavar="ID")
    p.add_argument("--brief", type=int, metavar="BRIEF", help="export this brief's articles")
    p.add_argument("--format", choices=("markdown", "html", "w3c", "claimreview"),
                   default="markdown")
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: stdout)")
    p.add_argument("--title", help="title of the brief")
    p.add_argument("--summary", choices=("headline", "short", "brief"), default="short")
    p.add_argument("--template", metavar="FILE",
                   help="Markdown template (a copy of `briefing template`); default: settings")
    from briefing.cli.claim_options import add_claim_limit_options

    add_claim_limit_options(p)
    p.set_defaults(handler=cmd_export)


def add_template(sub: Any) -> None:
    p = sub.add_parser(
        "template", help="print the packaged Markdown brief template (to copy and edit)"
    )
    p.add_argument("--use", metavar="FILE", nargs="?", const="",
                   help="use FILE for Markdown briefs from now on (no FILE: the packaged one)")
    p.add_argument("--current", action="store_true", help="print the template in use")
    p.set_defaults(handler=cmd_template)
