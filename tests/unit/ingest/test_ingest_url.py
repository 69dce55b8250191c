"""fetch_url / fetch_bytes against a real HTTP server on 127.0.0.1 started by the tests."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing.domain.errors import IngestError
from briefing.ingest import fetch_bytes, fetch_url, read_source
from briefing.ingest.normalise import normalise_text

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples"
PLAIN = "Harbour reopens\nThe harbour reopened on Monday after the storm.\n"


class _Handler(BaseHTTPRequestHandler):
    """Routes: /article.html, /plain.txt, /note.md, /missing, /slow, /huge, /redirect/N, /image."""

    server_version = "BriefingTest/1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article.html":
            self._send(200, (SAMPLES / "siversk.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/plain.txt":
            self._send(200, PLAIN.encode("cp1252"), "text/plain; charset=windows-1252")
        elif path == "/note.md":
            self._send(200, b"# Note title\n\nSome *markdown* text.\n", "text/markdown")
        elif path == "/missing":
            self._send(404, b"not here", "text/plain")
        elif path == "/slow":
            time.sleep(1.5)
            with contextlib.suppress(OSError):  # the client gave up, as intended
                self._send(200, b"too late", "text/plain")
        elif path.startswith("/huge"):
            # No Content-Length: the limit must be enforced while streaming.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(64):
                    self.wfile.write(b"word " * 4096)
        elif path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            target = "/article.html" if hops <= 1 else f"/redirect/{hops - 1}"
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
        else:
            self._send(404, b"", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the repository")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _message(error: pytest.ExceptionInfo[IngestError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_html_page(server: str) -> None:
    url = f"{server}/article.html"
    document = fetch_url(url)
    expected = normalise_text((SAMPLES / "siversk.txt").read_text(encoding="utf-8"))
    assert document.text == expected
    assert document.title == "Russia takes Siversk as Ukraine withdraws"
    assert document.source_url == url
    assert document.source_path is None


def test_plain_and_markdown_by_content_type(server: str) -> None:
    plain = fetch_url(f"{server}/plain.txt")
    assert (plain.title, plain.text) == (
        "Harbour reopens",
        "The harbour reopened on Monday after the storm.",
    )
    note = fetch_url(f"{server}/note.md")
    assert (note.title, note.text) == ("Note title", "Some markdown text.")


def test_read_source_with_url_and_title(server: str) -> None:
    assert read_source(f"{server}/article.html", title="Mine").title == "Mine"


def test_404(server: str) -> None:
    url = f"{server}/missing"
    with pytest.raises(IngestError) as error:
        fetch_url(url)
    assert _message(error) == f"{url}: the server answered 404 Not Found"


def test_timeout(server: str) -> None:
    url = f"{server}/slow"
    started = time.monotonic()
    with pytest.raises(IngestError) as error:
        fetch_url(url, timeout=0.5)
    assert time.monotonic() - started < 1.4
    assert _message(error) == f"{url}: timed out after 0.5 s"


def test_oversized_body(server: str) -> None:
    url = f"{server}/huge"
    with pytest.raises(IngestError) as error:
        fetch_bytes(url, max_bytes=100_000)
    assert _message(error) == f"{url}: the page is larger than the 0.1 MB limit"


def test_redirects(server: str) -> None:
    data, content_type, final_url = fetch_bytes(f"{server}/redirect/3")
    assert final_url == f"{server}/article.html"
    assert content_type.startswith("text/html")
    assert b"Siversk" in data
    assert fetch_url(f"{server}/redirect/5").source_url == f"{server}/article.html"
    with pytest.raises(IngestError) as error:
        fetch_bytes(f"{server}/redirect/6")
    assert _message(error) == f"{server}/redirect/6: too many redirects (more than 5)"


def test_redirect_to_another_scheme(server: str) -> None:
    with pytest.raises(IngestError, match="only http and https URLs are supported"):
        fetch_bytes(f"{server}/to-file")


def test_unsupported_content_type(server: str) -> None:
    with pytest.raises(IngestError) as error:
        fetch_url(f"{server}/image")
    assert _message(error) == f"{server}/image: cannot read this kind of content (image/png)"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)"])
def test_non_http_scheme(url: str) -> None:
    with pytest.raises(IngestError) as error:
        fetch_url(url)
    assert _message(error) == f"{url}: only http and https URLs are supported"


def test_connection_refused() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    with pytest.raises(IngestError) as error:
        fetch_url(url, timeout=2)
    assert _message(error).startswith(f"{url}: could not connect")
