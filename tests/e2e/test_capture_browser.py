"""Send to Briefing in a real browser: Debian's chromium in full headless mode, driven by
playwright-core (extension/e2e/drive.mjs). `make test` installs both (scripts/
capture-e2e-deps.sh); without them these tests skip, naming what is missing."""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from briefing.capture.server import CaptureEndpoint, CaptureHTTPServer, bind_server, start_in_thread
from briefing.ingest import normalise_text
from briefing.services import Library
from briefing.services.annotating import annotations_for
from briefing.services.articles import list_articles
from briefing.services.capturing import list_tokens, pair_token
from briefing.storage import captures as capture_store

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "extension"
DRIVER = EXTENSION / "e2e" / "drive.mjs"
CHROMIUM = Path("/usr/bin/chromium")
QUOTE = "about 75%"


@pytest.fixture
def browser_tools() -> tuple[str, Path]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (make test installs it as root: nodejs npm)")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make test: apt-get install chromium)")
    if not (EXTENSION / "node_modules" / "playwright-core").is_dir():
        pytest.skip("playwright-core is missing: run `npm ci` in extension/ (make test does)")
    return node, CHROMIUM


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def web_folder(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """An ordinary web server on 127.0.0.1 (another port) serving a temporary folder."""
    folder = tmp_path / "site"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield folder, int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def capture_server() -> Iterator[CaptureHTTPServer]:
    server = bind_server(CaptureEndpoint(), 0)
    thread = start_in_thread(server)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def drive(node: str, options: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [node, str(DRIVER), json.dumps(options)], capture_output=True, text=True, timeout=240,
        cwd=EXTENSION,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_built_extension_sends_the_page_with_selection_and_note(
    browser_tools: tuple[str, Path], web_folder: tuple[Path, int],
    capture_server: CaptureHTTPServer, samples: Path, tmp_path: Path,
) -> None:
    node, chromium = browser_tools
    built = tmp_path / "built"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_extension.py"), "--out",
                    str(built)], check=True, capture_output=True)
    folder, web_port = web_folder
    shutil.copy(samples / "siversk.html", folder / "siversk.html")
    with Library.open() as lib:
        _, token = pair_token(lib, "e2e chromium")
    page_url = f"http://127.0.0.1:{web_port}/siversk.html"
    result = drive(node, {
        "mode": "capture", "chromium": str(chromium), "extensionDir": str(built / "chromium"),
        "userDataDir": str(tmp_path / "profile"), "pageUrl": page_url,
        "port": capture_server.port, "token": token, "quote": QUOTE,
        "note": "the share Russia claims",
    })
    assert result["selected"] == QUOTE
    assert result["first"]["ok"] and result["first"]["status"] == 201, result["first"]
    assert result["second"]["ok"], result["second"]  # a second click: nothing new
    expected = normalise_text((samples / "siversk.txt").read_text(encoding="utf-8"))
    with Library.open() as lib:
        [row] = list_articles(lib)
        article_text = lib.conn.execute(
            "SELECT text, source_url FROM articles WHERE id = ?", (row.id,)).fetchone()
        [note] = annotations_for(lib, row.id)
        [paired] = list_tokens(lib)
        captures = capture_store.count_captures(lib.conn)
    assert article_text == (expected, page_url)
    assert expected[note.selector.start : note.selector.end] == QUOTE
    assert note.note == "the share Russia claims" and note.tags == ("e2e",)
    assert result["second"]["body"] == {**result["first"]["body"], "duplicate": False}
    assert captures == 2
    assert paired.origin == result["extensionUrl"].split("/background.js")[0]


PROBE = """<!DOCTYPE html><html><head><title>An ordinary page</title></head><body>
<p>Nothing to see.</p><script>
const target = "http://127.0.0.1:%(port)d";
const body = JSON.stringify({capture_id: "6f1c1f34-3c1e-4a55-9a37-2b6f9a7d0c11",
  url: "https://example.org/x", html: %(html)s});
const probe = window.briefingProbe = {done: false};
async function attempt(name, url, init) {
  try {
    const reply = await fetch(url, init);
    let text = null;
    try { text = await reply.text(); } catch (e) { text = "unreadable: " + e; }
    probe[name] = {type: reply.type, status: reply.status, text: text};
  } catch (error) { probe[name] = {error: String(error)}; }
}
(async () => {
  await attempt("ping", target + "/v1/ping", {});
  await attempt("post_json", target + "/v1/captures", {method: "POST", body,
    headers: {"Content-Type": "application/json", "Authorization": "Bearer %(token)s"}});
  await attempt("post_no_cors", target + "/v1/captures", {method: "POST", mode: "no-cors",
    body, headers: {"Content-Type": "text/plain"}});
  await attempt("ping_no_cors", target + "/v1/ping", {mode: "no-cors"});
  probe.done = true;
})();
</script></body></html>"""


def test_a_script_in_an_ordinary_web_page_cannot_reach_the_endpoint(
    browser_tools: tuple[str, Path], web_folder: tuple[Path, int],
    capture_server: CaptureHTTPServer, samples: Path, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="briefing.capture.server")
    node, chromium = browser_tools
    folder, web_port = web_folder
    with Library.open() as lib:
        _, token = pair_token(lib, "stolen")  # even a page that knows a token gets nowhere
    html = json.dumps((samples / "siversk.html").read_text(encoding="utf-8"))
    page = PROBE % {"port": capture_server.port, "html": html.replace("</", "<\\/"),
                    "token": token}
    (folder / "probe.html").write_text(page, encoding="utf-8")
    probe = drive(node, {
        "mode": "webpage", "chromium": str(chromium),
        "userDataDir": str(tmp_path / "profile"),
        "pageUrl": f"http://127.0.0.1:{web_port}/probe.html",
    })
    for name in ("ping", "post_json"):
        assert "error" in probe[name], probe[name]  # refused, no CORS: the fetch fails
    for name in ("post_no_cors", "ping_no_cors"):
        assert probe[name]["type"] == "opaque" and probe[name]["status"] == 0, probe[name]
        assert not probe[name]["text"]  # nothing readable
    with Library.open() as lib:
        assert list_articles(lib) == []
        assert capture_store.count_captures(lib.conn) == 0
        assert [t.last_used_at for t in list_tokens(lib)] == [None]
    answered = [r.getMessage() for r in caplog.records]
    # The JSON POST stops at its preflight, the no-cors POST arrives: both refused with 403.
    # (A no-cors GET carries no Origin; its ping answer stays opaque to the page.)
    to_captures = [line for line in answered if " /v1/captures " in line]
    assert any('"OPTIONS ' in line for line in to_captures), answered
    assert any('"POST ' in line for line in to_captures), answered
    assert all('" 403 ' in line for line in to_captures), answered


def test_a_capture_waits_in_the_queue_until_the_reader_runs_and_retries_are_harmless(
    browser_tools: tuple[str, Path], web_folder: tuple[Path, int], samples: Path,
    tmp_path: Path,
) -> None:
    node, chromium = browser_tools
    built = tmp_path / "built"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_extension.py"), "--out",
                    str(built)], check=True, capture_output=True)
    folder, web_port = web_folder
    shutil.copy(samples / "siversk.html", folder / "siversk.html")
    with Library.open() as lib:
        _, token = pair_token(lib, "e2e chromium")
    with socket.socket() as probe:  # a port where nothing listens yet
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    options = {
        "mode": "queue", "chromium": str(chromium), "extensionDir": str(built / "chromium"),
        "userDataDir": str(tmp_path / "profile"),
        "pageUrl": f"http://127.0.0.1:{web_port}/siversk.html", "port": port, "token": token,
        "quote": QUOTE, "note": "queued note",
    }
    process = subprocess.Popen([node, str(DRIVER), json.dumps(options)], cwd=EXTENSION,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    server = None
    try:
        assert process.stdout is not None and process.stdin is not None
        first = json.loads(process.stdout.readline() or "{}")
        assert first.get("waiting") == 1 and first["queued"]["queued"], first
        with Library.open() as lib:
            assert list_articles(lib) == []
        server = bind_server(CaptureEndpoint(), port)
        start_in_thread(server)
        out, err = process.communicate("go\n", timeout=240)
        assert process.returncode == 0, err[-3000:]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if server is not None:
            server.shutdown()
            server.server_close()
    result = json.loads(out.strip().splitlines()[-1])
    assert result["flushed"] == {"sent": 1, "left": 0}
    assert result["retried"] == {"sent": 1, "left": 0} and result["left"] == 0
    with Library.open() as lib:
        [row] = list_articles(lib)
        [note] = annotations_for(lib, row.id)
        stored = capture_store.get_capture(lib.conn, result["captureId"])
        assert capture_store.count_captures(lib.conn) == 1  # the retry added nothing
    assert note.note == "queued note" and stored is not None and stored.article_id == row.id
