"""Annotation commands: highlight a quote, import W3C Web Annotation JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from briefing.cli.common import open_library as _open_library
from briefing.domain import COLORS


def cmd_annotate(args: argparse.Namespace) -> int:
    from briefing.services.annotating import annotate_quote

    with _open_library() as lib:
        annotation = annotate_quote(
            lib, args.id, args.quote, note=args.note or "", color=args.color, tags=args.tag or ()
        )
    print(annotation.id)
    return 0


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from briefing.services.exporting import import_annotations

    with _open_library() as lib:
        count = import_annotations(lib, Path(args.file))
    print(count)
    return 0


def add_annotate(sub: Any) -> None:
    p = sub.add_parser("annotate", help="highlight the first occurrence of a quote")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--quote", required=True)
    p.add_argument("--note")
    p.add_argument("--color", choices=COLORS, default="yellow")
    p.add_argument("--tag", action="append", help="a tag (repeatable)")
    p.set_defaults(handler=cmd_annotate)


def add_import_annotations(sub: Any) -> None:
    p = sub.add_parser("import-annotations", help="import W3C Web Annotation JSON")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=cmd_import_annotations)
