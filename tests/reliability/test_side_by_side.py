"""The reader, several command-line writers and ``feeds refresh`` on one library, side by
side for over a minute with random operations (issue 16).

A reader process (the real reader, offscreen: tests/reliability/reader_child.py) annotates,
creates briefs, imports and indexes; three CLI drivers run ``import``, ``annotate``,
``brief create``, ``review``, ``export`` and ``list`` as separate processes; a fourth runs
``feeds refresh`` against a feed server on 127.0.0.1 whose feed grows at every request.
Checked: the library's -wal file exists the whole time the reader runs (watched from here
and from inside the reader), no command fails (no "database is locked" reaches anyone), and
after every process quit each acknowledged write is in the library and
``PRAGMA integrity_check`` is ok. Figures go to stdout (``-s``) and the README.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing.paths import app_paths

READER = Path(__file__).with_name("reader_child.py")
SECONDS = float(os.environ.get("BRIEFING_SIDE_BY_SIDE_SECONDS", "65"))
DRIVERS = 3
WORDS = ("harbour", "council", "budget", "ferry", "crossing", "winter", "engineers", "quay",
         "storm", "repairs", "lighthouse", "museum", "island", "operator", "passengers",
         "training", "vessel", "meeting")


@dataclass
class Ledger:
    """What every process acknowledged, and what went wrong."""

    articles: set[int] = field(default_factory=set)
    annotations: set[str] = field(default_factory=set)
    briefs: set[int] = field(default_factory=set)
    feed_links: set[str] = field(default_factory=set)
    operations: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    wal_missing: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, kind: str) -> None:
        with self.lock:
            self.operations[kind] = self.operations.get(kind, 0) + 1


class GrowingFeed:
    """An RSS feed on 127.0.0.1 that gains two full-text items at every request."""

    def __init__(self) -> None:
        self.items = 0
        self.lock = threading.Lock()
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = feed.document().encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def link(self, n: int) -> str:
        return f"{self.base}/news/item-{n}"

    def document(self) -> str:
        with self.lock:
            self.items += 2
            count = self.items
        rng = random.Random(7)
        entries = "".join(
            f"<item><title>Harbour item {n}</title><link>{self.link(n)}</link>"
            f"<guid isPermaLink=\"false\">item-{n}</guid><description>Item {n}. "
            + " ".join(rng.choice(WORDS) for _ in range(160)) + ".</description></item>"
            for n in range(count)
        )
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Growing</title>'
                f"<link>{self.base}/</link><description>d</description>{entries}"
                "</channel></rss>")


@pytest.fixture
def feed(monkeypatch: pytest.MonkeyPatch) -> Iterator[GrowingFeed]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = GrowingFeed()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def _cli(ledger: Ledger, kind: str, *args: str) -> str | None:
    done = subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True,
                          text=True, timeout=120, env=os.environ.copy())
    ledger.count(kind)
    if done.returncode != 0:
        with ledger.lock:
            ledger.failures.append(f"{kind}: {done.stderr.strip()}")
        return None
    return done.stdout


def _driver(ledger: Ledger, number: int, article_id: int, folder: Path,
            deadline: float) -> None:
    rng = random.Random(number)
    step = 0
    while time.monotonic() < deadline:
        step += 1
        kind = rng.choice(["import", "annotate", "annotate", "brief", "review", "export",
                           "list"])
        if kind == "import":
            source = folder / f"cli-{number}-{step}.txt"
            source.write_text(f"Driver {number} report {step}\n\n" + " ".join(
                rng.choice(WORDS) for _ in range(150)) + ".\n", encoding="utf-8")
            out = _cli(ledger, kind, "import", str(source))
            if out is not None:
                with ledger.lock:
                    ledger.articles.add(int(out.split()[-1]))
        elif kind == "annotate":
            out = _cli(ledger, kind, "annotate", str(article_id), "--quote", "Siversk",
                       "--note", f"driver {number} step {step}")
            if out is not None:
                with ledger.lock:
                    ledger.annotations.add(out.strip())
        elif kind == "brief":
            out = _cli(ledger, kind, "brief", "create", f"driver {number} brief {step}")
            if out is not None:
                with ledger.lock:
                    ledger.briefs.add(int(out.split()[-1]))
        elif kind == "review":
            out = _cli(ledger, kind, "review", "--json")
            assert out is None or isinstance(json.loads(out), list)
        elif kind == "export":
            target = folder / f"export-{number}-{step}.md"
            if _cli(ledger, kind, "export", str(article_id), "-o", str(target)) is not None:
                assert target.stat().st_size > 0
        else:
            out = _cli(ledger, kind, "list", "--json")
            assert out is None or isinstance(json.loads(out), list)


def _refresher(ledger: Ledger, feed: GrowingFeed, deadline: float) -> None:
    while time.monotonic() < deadline:
        if _cli(ledger, "feeds refresh", "feeds", "refresh") is not None:
            with feed.lock:
                served = feed.items  # every item served so far was in a finished refresh
            with ledger.lock:
                ledger.feed_links |= {feed.link(n) for n in range(served)}
        time.sleep(1.0)


def _watch_wal(ledger: Ledger, wal: Path, until: float) -> None:
    """From outside: until the reader starts closing (its last connection may then
    legitimately remove the WAL), the file is there."""
    while time.monotonic() < until:
        if not wal.exists():
            with ledger.lock:
                ledger.wal_missing += 1
        time.sleep(0.05)


@pytest.mark.side_by_side
def test_reader_cli_and_cron_side_by_side_lose_nothing(feed: GrowingFeed, samples: Path,
                                                       tmp_path: Path) -> None:
    ledger = Ledger()
    out = _cli(ledger, "import", "import", str(samples / "siversk.txt"))
    assert out is not None, ledger.failures
    article_id = int(out.split()[-1])
    ledger.articles.add(article_id)
    assert _cli(ledger, "feeds add", "feeds", "add", f"{feed.base}/feed.xml") is not None
    database = app_paths().database
    wal = database.with_name(database.name + "-wal")

    began = time.monotonic()
    reader = subprocess.Popen(
        [sys.executable, str(READER), str(SECONDS), str(article_id), str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    assert reader.stdout is not None
    first = reader.stdout.readline().strip()
    assert first == "ready", first + reader.stderr.read() if reader.stderr else first
    closing = time.monotonic() + SECONDS - 1.5  # the reader closes SECONDS after ready
    deadline = time.monotonic() + SECONDS - 5
    threads = [threading.Thread(target=_watch_wal, args=(ledger, wal, closing))]
    threads += [threading.Thread(target=_driver, args=(ledger, n, article_id, tmp_path,
                                                       deadline)) for n in range(DRIVERS)]
    threads.append(threading.Thread(target=_refresher, args=(ledger, feed, deadline)))
    for thread in threads:
        thread.start()
    rest, errors = reader.communicate(timeout=SECONDS + 120)
    for thread in threads:
        thread.join(timeout=180)
    minutes = (time.monotonic() - began) / 60
    assert reader.returncode == 0, errors
    lines = rest.splitlines()
    for line in lines:
        _kind, _, value = line.partition(" ")
        if line.startswith("ack "):
            what, _, ident = value.partition(" ")
            {"article": lambda v: ledger.articles.add(int(v)),
             "annotation": ledger.annotations.add,
             "brief": lambda v: ledger.briefs.add(int(v))}[what](ident)
            ledger.count(f"reader {what}")
    reader_wal_missing = sum(line == "nowal" for line in lines)
    seen = next(int(line.split()[1]) for line in lines if line.startswith("seen "))

    conn = sqlite3.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    articles = {row[0] for row in conn.execute("SELECT id FROM articles")}
    annotations = {row[0] for row in conn.execute("SELECT id FROM annotations")}
    briefs = {row[0] for row in conn.execute("SELECT id FROM briefs")}
    links = {row[0] for row in conn.execute("SELECT link FROM feed_entries")}
    conn.close()
    operations = sum(ledger.operations.values())
    print(f"\nside by side: {minutes:.2f} min, {DRIVERS + 2} writer processes at a time "
          f"(reader, {DRIVERS} CLI drivers, feeds refresh), {operations} operations "
          f"{dict(sorted(ledger.operations.items()))}; acknowledged: "
          f"{len(ledger.articles)} articles, {len(ledger.annotations)} annotations, "
          f"{len(ledger.briefs)} briefs, {len(ledger.feed_links)} feed items; reader saw "
          f"{seen} outside changes; failures {len(ledger.failures)}")
    assert ledger.failures == [], ledger.failures[:5]
    assert [line for line in lines if line.startswith("error ")] == []
    assert ledger.wal_missing == 0 and reader_wal_missing == 0, "the WAL vanished"
    assert ledger.articles <= articles, sorted(ledger.articles - articles)[:10]
    assert ledger.annotations <= annotations, sorted(ledger.annotations - annotations)[:10]
    assert ledger.briefs <= briefs, sorted(ledger.briefs - briefs)[:10]
    assert ledger.feed_links <= links, sorted(ledger.feed_links - links)[:10]
    assert ledger.feed_links and ledger.operations.get("reader annotation", 0) > 0
    assert seen > 0, "the reader never noticed the other processes' writes"
