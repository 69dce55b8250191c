"""The ``briefing llm`` commands: the optional language model on the command line.

``status`` shows the provider settings and whether a key is stored (never the key);
``summarize ID``, ``explain ID (--claim N | --quote TEXT)`` and ``brief BRIEF_ID`` stream the
generated text to stdout as it arrives, store it as the reader does, then print the grounding
check (which sentences the source supports, the numbers and names it lacks) and the reader's
provenance label. ``--json`` prints the stored result instead of streaming.

Keys come from the system keyring only: the command line has no session, and never takes a
key from its arguments, the environment or a file. Exit codes as every command: 0, 1 user
error (turned off, unknown id, server fault: nothing stored), 2 usage, 130 Ctrl+C.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, TypeVar

from briefing.cli.llm_output import brief_json, cite_brief, print_grounding, show
from briefing.domain import BriefingError

if TYPE_CHECKING:  # the client pulls in httpx and the keyring: load them when a command runs
    from briefing.domain import Article, Claim
    from briefing.llm.client import ChatClient
    from briefing.llm.settings import ProviderSettings
    from briefing.services import Library

SETTINGS_DIALOG = "the reader's File → Language Model… dialog"
MAX_SENTENCES = 20
QUOTE_CHARS = 60
_AUTH_REFUSED = re.compile(r"\bHTTP 40[13]\b")
T = TypeVar("T")

ChunkSink = Callable[[str], None]
Work = Callable[["ChatClient", "ChunkSink | None"], object]


def register(subparsers: Any) -> None:
    """Add the ``llm`` command group to the ``briefing`` parser."""
    llm = subparsers.add_parser(
        "llm", help="the optional language model: status, summaries, claim explanations"
    )
    sub = llm.add_subparsers(dest="llm_command", metavar="ACTION", required=True)

    p = sub.add_parser("status", help="provider settings and whether a key is stored")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("summarize", help="summarise an article (streamed), check and store it")
    p.add_argument("id", type=int, metavar="ID")
    _common(p, "at most N sentences (default 3)")
    p.set_defaults(handler=cmd_summarize)

    p = sub.add_parser(
        "explain", help="explain what would verify or refute one of an article's claims"
    )
    p.add_argument("id", type=int, metavar="ID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--claim", type=int, metavar="N",
        help="claim number N (from 1, in the order of the analysis JSON's claims)",
    )
    which.add_argument("--quote", metavar="TEXT", help="the claim holding the first TEXT")
    _common(p, "at most N sentences (default 4)")
    p.set_defaults(handler=cmd_explain)

    p = sub.add_parser("brief", help="one summary of a brief's articles, checked against them")
    p.add_argument("brief_id", type=int, metavar="BRIEF_ID")
    _common(p, "at most N sentences (default 5)")
    p.set_defaults(handler=cmd_brief)


def _common(p: argparse.ArgumentParser, sentences_help: str) -> None:
    p.add_argument("--sentences", type=_sentence_count, metavar="N", help=sentences_help)
    p.add_argument(
        "--json", action="store_true", help="print the stored result as JSON (no streaming)"
    )


def _sentence_count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_SENTENCES:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_SENTENCES}")
    return number


def _sentences(args: argparse.Namespace, service: Callable[..., object]) -> int:
    """``--sentences`` when given, else the service's own ``max_sentences`` default."""
    if args.sentences is not None:
        return int(args.sentences)
    return int(inspect.signature(service).parameters["max_sentences"].default)


# --- status -----------------------------------------------------------------------------
def cmd_status(args: argparse.Namespace) -> int:
    from briefing.settings_store import settings_file

    settings = _load_settings()
    state, problem = _key_state(settings.base_url)
    if args.json:
        data = settings.to_dict()  # plain settings: from_dict refuses anything key-like
        data |= {"key": state, "key_problem": problem, "settings_file": str(settings_file())}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    state_line = "on" if settings.enabled else f"off (turn it on in {SETTINGS_DIALOG})"
    print(f"language model: {state_line}")
    print(f"base URL: {settings.base_url}")
    print(f"model: {settings.model or '(none chosen)'}")
    print(f"timeout: {settings.timeout:g} s")
    if state == "stored":
        print("key: stored in the system keyring")
    elif state == "unreadable":
        print(f"key: the keyring cannot be read: {problem}")
    else:
        print("key: no key" + (f" ({problem})" if problem else ""))
    return 0


def _key_state(base_url: str) -> tuple[str, str | None]:
    """("stored" | "none" | "unreadable", a one-line note). Reads the key only to learn
    whether there is one; the key itself is dropped at once."""
    import keyring
    from keyring.backends import fail

    from briefing.llm.errors import KeyStorageError
    from briefing.llm.secrets import get_key

    try:
        stored = get_key(base_url) is not None
    except KeyStorageError as err:
        return "unreadable", str(err)
    if stored:
        return "stored", None
    if isinstance(keyring.get_keyring(), fail.Keyring):
        return "none", "no system keyring is available to store one"
    return "none", None


# --- generation ---------------------------------------------------------------------------
def cmd_summarize(args: argparse.Namespace) -> int:
    from briefing.services import Library, llm

    settings = _enabled_settings()
    with Library.open() as lib:

        def work(client: ChatClient, sink: ChunkSink | None) -> object:
            return llm.run_summary(
                lib, args.id, client, on_chunk=sink,
                max_sentences=_sentences(args, llm.run_summary),
            )

        _generate(settings, args.json, work)
        stored = llm.latest_result(lib, args.id)
    show(_stored_or_fail(stored, f"article {args.id}"), args.json)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from briefing.domain.llm_results import EXPLAIN
    from briefing.services import Library, llm
    from briefing.services.articles import get_article

    settings = _enabled_settings()
    with Library.open() as lib:
        article = get_article(lib, args.id)
        number, claim = _pick_claim(lib, article, args.claim, args.quote)
        if not args.json:
            print(f"Claim {number} ({claim.kind}): “{article.text[claim.start : claim.end]}”\n")

        def work(client: ChatClient, sink: ChunkSink | None) -> object:
            return llm.run_explain_claim(
                lib, args.id, claim.start, claim.end, client, on_chunk=sink,
                max_sentences=_sentences(args, llm.run_explain_claim),
            )

        _generate(settings, args.json, work)
        stored = llm.latest_result(lib, args.id, EXPLAIN, claim.span)
    show(_stored_or_fail(stored, f"article {args.id}, claim {number}"), args.json)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from briefing.services import Library, llm
    from briefing.services.articles import list_articles

    settings = _enabled_settings()
    with Library.open() as lib:

        def work(client: ChatClient, sink: ChunkSink | None) -> object:
            return llm.run_brief_summary(
                lib, args.brief_id, client, on_chunk=sink,
                max_sentences=_sentences(args, llm.run_brief_summary),
            )

        _generate(settings, args.json, work)
        stored = llm.brief_result(lib, args.brief_id)
        result = _stored_or_fail(stored, f"brief {args.brief_id}")
        titles = {row.id: row.title for row in list_articles(lib, [a for a, _ in result.articles])}
    if args.json:
        print(json.dumps(brief_json(result), ensure_ascii=False, indent=2))
        return 0
    print_grounding(result, "the brief's articles", lambda s: cite_brief(s, titles))
    return 0


def _load_settings() -> ProviderSettings:
    from briefing.settings_store import load_provider_settings

    return load_provider_settings(report=lambda line: print(f"briefing: {line}", file=sys.stderr))


def _enabled_settings() -> ProviderSettings:
    from briefing.llm.errors import LlmError

    settings = _load_settings()
    if not settings.enabled:
        raise LlmError(
            "language-model support is turned off; turn it on and choose a provider in "
            f"{SETTINGS_DIALOG} (`briefing gui`)"
        )
    return settings


def _generate(settings: ProviderSettings, quiet: bool, work: Work) -> None:
    """Run ``work`` with a client for ``settings`` (key from the keyring), echoing the text
    to stdout as it arrives unless ``quiet``. Ctrl+C propagates (the stream is dropped and
    nothing is stored); a provider failure becomes one line, with a hint when the server
    wants a key and none is stored."""
    from briefing.llm.errors import LlmError
    from briefing.services.llm import client_for

    echo = None if quiet else _Echo(sys.stdout)
    try:
        with client_for(settings) as client:
            work(client, echo)
    except LlmError as err:
        hint = _key_hint(str(err), settings.base_url)
        if not hint:
            raise
        raise LlmError(str(err) + hint) from None
    finally:
        if echo is not None:
            echo.end_line()


def _key_hint(message: str, base_url: str) -> str:
    if not _AUTH_REFUSED.search(message):
        return ""
    from briefing.llm.errors import KeyStorageError
    from briefing.llm.secrets import get_key

    try:
        if get_key(base_url) is not None:
            return ""
    except KeyStorageError:
        return ""
    return (
        f" — no API key is stored for {base_url}; store one in {SETTINGS_DIALOG} (a key the "
        "reader keeps for its session only is not seen by the command line)"
    )


class _Echo:
    """Writes each piece to ``out`` at once; ``end_line`` finishes a started line."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.wrote = False
        self.last = ""

    def __call__(self, piece: str) -> None:
        if not piece:
            return
        self.out.write(piece)
        self.out.flush()
        self.wrote = True
        self.last = piece[-1]

    def end_line(self) -> None:
        if self.wrote and self.last != "\n":
            self.out.write("\n")
            self.out.flush()
            self.last = "\n"


def _stored_or_fail(stored: T | None, what: str) -> T:
    if stored is None:  # the service stores before returning; a concurrent delete can win
        raise BriefingError(f"{what}: the generated text was not found in the library")
    return stored


def _pick_claim(
    lib: Library, article: Article, number: int | None, quote: str | None
) -> tuple[int, Claim]:
    """Claim ``number`` (from 1) of the article's analysis, or the claim holding the first
    occurrence of ``quote`` (found as ``briefing annotate --quote`` finds it)."""
    from briefing.services.annotating import find_quote
    from briefing.services.articles import analysis_for

    claims = analysis_for(lib, article).claims
    if number is not None:
        if not 1 <= number <= len(claims):
            raise BriefingError(
                f"article {article.id}: no claim {number}; it has {len(claims)} "
                f"claim{'' if len(claims) == 1 else 's'} (numbered from 1)"
            )
        return number, claims[number - 1]
    text = quote or ""
    shown = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 3] + "..."
    span = find_quote(article.text, text)
    if span is None:
        raise BriefingError(f"article {article.id}: the quote {shown!r} is not in its text")
    for index, claim in enumerate(claims, start=1):
        if claim.start <= span.start and span.end <= claim.end:
            return index, claim
    raise BriefingError(
        f"article {article.id}: the quote {shown!r} (at {span.start}..{span.end}) is not "
        "inside any of its claims; pick one with --claim N"
    )
