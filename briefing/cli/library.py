"""Library commands: open the reader, import, list, revise, analyse."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefing.cli.common import open_library as _open_library
from briefing.domain import BriefingError


def cmd_import(args: argparse.Namespace) -> int:
    from briefing.services.articles import import_source

    with _open_library() as lib:
        result = import_source(lib, args.source, title=args.title, stdin=sys.stdin)
    for warning in result.warnings:
        print(f"briefing: warning: {args.source}: {warning}", file=sys.stderr)
    if result.status == "existing":
        print(f"briefing: already in the library as article {result.article.id}", file=sys.stderr)
    print(result.article.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from briefing.cli.common import print_json_array
    from briefing.services.articles import iter_articles

    with _open_library() as lib:  # rows are streamed: memory does not grow with the library
        rows = iter_articles(lib)
        if args.json:
            print_json_array(row_json(r) for r in rows)
            return 0
        for row in rows:
            count = row.annotation_count
            notes = f" · {count} note{'' if count == 1 else 's'}" if count else ""
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
        "meta_source": row.meta_source,
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
    from briefing.services.articles import read_source

    doc = read_source(args.source, stdin=sys.stdin)
    data = engine.analyse(doc.text).to_json()
    data["text"] = doc.text
    data["meta_source"] = dict(doc.meta_source)
    data["warnings"] = list(doc.warnings)
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
    data["meta_source"] = dict(article.meta_source)
    data["warnings"] = list(article.warnings)
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


def cmd_revise(args: argparse.Namespace) -> int:
    from briefing.services.revising import revise_from_source

    with _open_library() as lib:
        states = revise_from_source(lib, args.id, args.source, stdin=sys.stdin)
    for annotation_id, state in states:
        print(f"{annotation_id} {state}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from briefing.gui.app import run
    except ImportError as exc:
        raise BriefingError(f"the reader cannot start: {exc}") from exc
    return int(run(list(args.paths), screenshot=args.screenshot))


def add_gui(sub: Any) -> None:
    p = sub.add_parser("gui", help="open the reader")
    p.add_argument("paths", nargs="*", help="files or URLs to import; the first is shown")
    p.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window and exit")
    p.set_defaults(handler=cmd_gui)


def add_import(sub: Any) -> None:
    p = sub.add_parser("import", help="import a .txt, .md, .html file, a URL, or - for stdin")
    p.add_argument("source", metavar="PATH|URL|-")
    p.add_argument("--title", help="title to use instead of the detected one")
    p.set_defaults(handler=cmd_import)


def add_list(sub: Any) -> None:
    p = sub.add_parser("list", help="list the library")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_list)


def add_analyze(sub: Any) -> None:
    p = sub.add_parser("analyze", help="analyse a text without storing it")
    p.add_argument("source", nargs="?", metavar="PATH|-")
    p.add_argument("--json", action="store_true", help="print the analysis JSON (default)")
    p.add_argument("--jsonl", metavar="IN.jsonl", help='batch: lines of {"id": ..., "text": ...}')
    p.add_argument("--article", type=int, metavar="ID",
                   help="a stored article's current text (its cached analysis)")
    p.add_argument("--engine", default="builtin", help="analysis engine (default: builtin)")
    p.set_defaults(handler=cmd_analyze)


def add_revise(sub: Any) -> None:
    p = sub.add_parser("revise", help="replace an article's text with a new edition")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("source", metavar="PATH|URL|-")
    p.set_defaults(handler=cmd_revise)
