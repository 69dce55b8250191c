"""The ``briefing`` command line's entry: builds the parser from the command modules of this
package (one per command group) and runs the chosen command.

Exit codes: 0 success, 1 user error (one-line message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from briefing import __version__
from briefing.cli import (
    annotating,
    briefs,
    capture,
    exporting,
    feeds,
    library,
    llm,
    review,
    sync,
)
from briefing.domain import BriefingError

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Briefing: read closely, annotate, hand on a brief."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # The order here is the order `briefing --help` lists the commands in.
    library.add_gui(sub)
    library.add_import(sub)
    library.add_list(sub)
    library.add_analyze(sub)
    annotating.add_annotate(sub)
    library.add_revise(sub)
    exporting.add_export(sub)
    exporting.add_template(sub)
    annotating.add_import_annotations(sub)
    briefs.register(sub)
    review.register(sub)
    feeds.register(sub)
    llm.register(sub)
    sync.register(sub)
    capture.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and not args.ids and args.brief is None:
        parser.error("export needs article ids or --brief BRIEF")
    handler: Handler = args.handler
    if args.command != "gui":  # the reader shows its own progress
        from briefing.cli.progress import AnalysisProgress
        from briefing.services.bulk_analysis import report_progress_with

        report_progress_with(AnalysisProgress())
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
