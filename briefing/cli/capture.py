"""``briefing capture ...``: the browser-capture endpoint without a window (``serve``) and
the pairing tokens of the "Send to Briefing" extension (``pair``, ``tokens``, ``revoke``).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType
from typing import Any


def _open_library() -> Any:
    from briefing.services import Library

    return Library.open()


def cmd_serve(args: argparse.Namespace) -> int:
    from briefing.capture.server import CaptureEndpoint, bind_server, start_in_thread

    with _open_library():  # open (and migrate) the library once before listening
        pass
    server = bind_server(CaptureEndpoint(), args.port)
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    start_in_thread(server)
    print(f"listening on {server.url}", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


def cmd_pair(args: argparse.Namespace) -> int:
    from briefing.services.capturing import pair_token

    with _open_library() as lib:
        token_id, token = pair_token(lib, args.label or "")
    print(token)
    print(
        f"briefing: token {token_id} — paste it into the extension's popup (Pairing); "
        "it is shown only this once",
        file=sys.stderr,
    )
    return 0


def cmd_tokens(args: argparse.Namespace) -> int:
    from briefing.services.capturing import list_tokens

    with _open_library() as lib:
        tokens = list_tokens(lib)
    if args.json:
        rows = [
            {"id": t.id, "label": t.label, "created": t.created_at,
             "last_used": t.last_used_at, "origin": t.origin}
            for t in tokens
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for t in tokens:
        used = f"last used {t.last_used_at}" if t.last_used_at else "never used"
        print(f"{t.id}\t{t.label or '-'}\tcreated {t.created_at}\t{used}\t{t.origin or '-'}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from briefing.services.capturing import revoke_token

    with _open_library() as lib:
        revoke_token(lib, args.id)
    print(f"revoked token {args.id}")
    return 0


def register(subparsers: Any) -> None:
    """Add the ``capture`` command group to the main parser."""
    capture = subparsers.add_parser("capture", help="the browser extension's endpoint and tokens")
    sub = capture.add_subparsers(dest="capture_command", metavar="ACTION", required=True)

    p = sub.add_parser("serve", help="serve the capture endpoint on 127.0.0.1 (foreground)")
    p.add_argument("--port", type=int, metavar="N",
                   help="exactly this port (default: 27183, else the next free up to 27192)")
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("pair", help="make a token for the extension (printed once)")
    p.add_argument("--label", help="a name for it, e.g. the browser")
    p.set_defaults(handler=cmd_pair)

    p = sub.add_parser("tokens", help="list the paired extensions' tokens")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_tokens)

    p = sub.add_parser("revoke", help="end one token")
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_revoke)
