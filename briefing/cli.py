"""The ``briefing`` command line: argparse front end over the services (never the GUI code).

Exit codes: 0 success, 1 user error (one-line message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.domain import COLORS, BriefingError

Handler = Callable[[argparse.Namespace], int]


def _open_library() -> Any:
    from briefing.services import Library

    return Library.open()


def cmd_import(args: argparse.Namespace) -> int:
    from briefing.services.articles import import_source

    with _open_library() as lib:
        result = import_source(lib, args.source, title=args.title, stdin=sys.stdin)
    if result.status == "existing":
        print(f"briefing: already in the library as article {result.article.id}", file=sys.stderr)
    print(result.article.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from briefing.cli_review import print_json_array
    from briefing.services.articles import iter_articles

    with _open_library() as lib:  # rows are streamed: memory does not grow with the library
        rows = iter_articles(lib)
        if args.json:
            print_json_array(row_json(r) for r in rows)
            return 0
        for row in rows:
            notes = f" · {row.annotation_count} notes" if row.annotation_count else ""
            when = f" · {row.published[:10]}" if row.published else ""
            print(f"{row.id}\t{row.title}{when}{notes}")
    return 0


def row_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "author": row.author,
        "published": row.published,
        "imported_at": row.imported_at,
        "words": row.word_count,
        "annotations": row.annotation_count,
        "revision": row.revision,
    }


def cmd_analyze(args: argparse.Namespace) -> int:
    from briefing.analysis import get_engine

    engine = get_engine(args.engine)
    if args.jsonl:
        return _analyze_jsonl(engine, Path(args.jsonl))
    if args.article is not None:
        return _analyze_article(engine, args.article)
    if not args.source:
        raise BriefingError("analyze needs a PATH, '-', --article ID or --jsonl FILE")
    from briefing.ingest import read_source

    doc = read_source(args.source, stdin=sys.stdin)
    data = engine.analyse(doc.text).to_json()
    data["text"] = doc.text
    print(json.dumps(data, ensure_ascii=False))
    return 0


def _analyze_article(engine: Any, article_id: int) -> int:
    """The analysis of a stored article's current text (cached like the reader's), with
    the article's id: claim and entity numbers as the reader and `briefing llm` count them."""
    from briefing.services import Library
    from briefing.services.articles import analysis_for, get_article

    with Library.open() as lib:
        article = get_article(lib, article_id)
        data = {"id": article.id, **analysis_for(lib, article, engine=engine).to_json()}
    data["text"] = article.text
    print(json.dumps(data, ensure_ascii=False))
    return 0


def _analyze_jsonl(engine: Any, path: Path) -> int:
    from briefing.ingest import normalise_text

    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise BriefingError(f"{path}: cannot open ({exc.strerror})") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                raw = item["text"]
                if not isinstance(raw, str):
                    raise TypeError("text is not a string")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BriefingError(
                    f"{path}:{number}: each line must be a JSON object with \"id\" and "
                    f"\"text\" ({exc})"
                ) from exc
            text = normalise_text(raw)
            data = {"id": item.get("id"), **engine.analyse(text).to_json()}
            if text != raw:
                data["text"] = text
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    from briefing.services.annotating import annotate_quote

    with _open_library() as lib:
        annotation = annotate_quote(
            lib, args.id, args.quote, note=args.note or "", color=args.color, tags=args.tag or ()
        )
    print(annotation.id)
    return 0


def cmd_revise(args: argparse.Namespace) -> int:
    from briefing.services.revising import revise_from_source

    with _open_library() as lib:
        states = revise_from_source(lib, args.id, args.source, stdin=sys.stdin)
    for annotation_id, state in states:
        print(f"{annotation_id} {state}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
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
            template=template, brief_id=args.brief,
        )
    if out is None:
        sys.stdout.write(text)
    else:
        for conflict in merge.conflicts if merge else ():
            print(f"briefing: {out}: {conflict}", file=sys.stderr)
        print(out)
    return 0


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from briefing.services.exporting import import_annotations

    with _open_library() as lib:
        count = import_annotations(lib, Path(args.file))
    print(count)
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


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from briefing.gui.app import run
    except ImportError as exc:
        raise BriefingError(f"the reader cannot start: {exc}") from exc
    return int(run(list(args.paths), screenshot=args.screenshot))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Briefing: read closely, annotate, hand on a brief."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("gui", help="open the reader")
    p.add_argument("paths", nargs="*", help="files or URLs to import; the first is shown")
    p.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window and exit")
    p.set_defaults(handler=cmd_gui)

    p = sub.add_parser("import", help="import a .txt, .md, .html file, a URL, or - for stdin")
    p.add_argument("source", metavar="PATH|URL|-")
    p.add_argument("--title", help="title to use instead of the detected one")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", help="list the library")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("analyze", help="analyse a text without storing it")
    p.add_argument("source", nargs="?", metavar="PATH|-")
    p.add_argument("--json", action="store_true", help="print the analysis JSON (default)")
    p.add_argument("--jsonl", metavar="IN.jsonl", help='batch: lines of {"id": ..., "text": ...}')
    p.add_argument("--article", type=int, metavar="ID",
                   help="a stored article's current text (its cached analysis)")
    p.add_argument("--engine", default="builtin", help="analysis engine (default: builtin)")
    p.set_defaults(handler=cmd_analyze)

    p = sub.add_parser("annotate", help="highlight the first occurrence of a quote")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--quote", required=True)
    p.add_argument("--note")
    p.add_argument("--color", choices=COLORS, default="yellow")
    p.add_argument("--tag", action="append", help="a tag (repeatable)")
    p.set_defaults(handler=cmd_annotate)

    p = sub.add_parser("revise", help="replace an article's text with a new edition")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("source", metavar="PATH|URL|-")
    p.set_defaults(handler=cmd_revise)

    p = sub.add_parser("export", help="export a brief of one or more articles")
    p.add_argument("ids", type=int, nargs="*", metavar="ID")
    p.add_argument("--brief", type=int, metavar="BRIEF", help="export this brief's articles")
    p.add_argument("--format", choices=("markdown", "html", "w3c"), default="markdown")
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: stdout)")
    p.add_argument("--title", help="title of the brief")
    p.add_argument("--summary", choices=("headline", "short", "brief"), default="short")
    p.add_argument("--template", metavar="FILE",
                   help="Markdown template (a copy of `briefing template`); default: settings")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "template", help="print the packaged Markdown brief template (to copy and edit)"
    )
    p.add_argument("--use", metavar="FILE", nargs="?", const="",
                   help="use FILE for Markdown briefs from now on (no FILE: the packaged one)")
    p.add_argument("--current", action="store_true", help="print the template in use")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("import-annotations", help="import W3C Web Annotation JSON")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=cmd_import_annotations)

    from briefing import cli_briefs, cli_feeds, cli_llm, cli_review

    cli_briefs.register(sub)
    cli_review.register(sub)
    cli_feeds.register(sub)
    cli_llm.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and not args.ids and args.brief is None:
        parser.error("export needs article ids or --brief BRIEF")
    handler: Handler = args.handler
    try:
        return handler(args)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: no traceback on screen, details in the log
        from briefing.logs import record_crash

        where = record_crash(exc)
        detail = f"; details in {where}" if where else ""
        print(f"briefing: unexpected error: {exc}{detail}", file=sys.stderr)
        return 1
