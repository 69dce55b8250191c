"""Downloading: http(s) only, bounded redirects, size and time limits, one-line errors.

``fetch_bytes`` is shared with the feed code; ``fetch_url`` turns a page into a document by
content type (HTML, plain text, Markdown; unknown types are sniffed).
"""

from __future__ import annotations

import time
from dataclasses import replace
from urllib.parse import urlsplit

import httpx

from briefing.domain.errors import IngestError
from briefing.ingest.decode import declared_html_charset, decode_with_charset
from briefing.ingest.document import IngestedDocument
from briefing.ingest.sniff import read_decoded

MAX_REDIRECTS = 5
# A server that trickles bytes cannot keep a download alive past this many timeouts.
_TOTAL_TIME_FACTOR = 4
_USER_AGENT = "Briefing/0.1 (+offline news reader)"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
_SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise IngestError(f"{url}: not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise IngestError(f"{url}: only http and https URLs are supported")
    if not parts.hostname:
        raise IngestError(f"{url}: not a valid URL (no host name)")


def _too_large(url: str, max_bytes: int, what: str = "page") -> IngestError:
    return IngestError(f"{url}: the {what} is larger than the {max_bytes / 1_000_000:g} MB limit")


def read_body(
    response: httpx.Response, url: str, max_bytes: int, deadline: float, *, what: str = "page"
) -> bytes:
    """A streamed response's body, refused past ``max_bytes`` (declared or received) or
    when it is still arriving at ``deadline`` (time.monotonic), with a one-line IngestError."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(url, max_bytes, what)
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise _too_large(url, max_bytes, what)
        if time.monotonic() > deadline:
            raise IngestError(f"{url}: the download took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _download(
    client: httpx.Client, url: str, timeout: float, max_bytes: int
) -> tuple[bytes, str, str]:
    deadline = time.monotonic() + timeout * _TOTAL_TIME_FACTOR
    request = client.build_request("GET", url, timeout=timeout)
    for _hop in range(MAX_REDIRECTS + 1):
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            next_request = response.next_request if response.has_redirect_location else None
            if next_request is not None:
                check_url(str(next_request.url))
                request = next_request
                continue
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise IngestError(f"{url}: the server answered {response.status_code} {reason}")
            body = read_body(response, url, max_bytes, deadline)
            content_type = response.headers.get("content-type", "")
            return body, content_type, str(response.url)
        finally:
            response.close()
    raise IngestError(f"{url}: too many redirects (more than {MAX_REDIRECTS})")


def fetch_bytes(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 10_000_000,
    client: httpx.Client | None = None,
) -> tuple[bytes, str, str]:
    """Download ``url``; return (body, Content-Type header, final URL after redirects).

    ``timeout`` bounds connecting and each wait for data (the whole download gets four
    times that). Every failure is an IngestError with a one-line message naming ``url``.
    """
    check_url(url)
    own_client = client is None
    active = client or httpx.Client(headers={"User-Agent": _USER_AGENT})
    try:
        return _download(active, url, timeout, max_bytes)
    except httpx.TimeoutException:
        raise IngestError(f"{url}: timed out after {timeout:g} s") from None
    except httpx.ConnectError as error:
        raise IngestError(f"{url}: could not connect ({_one_line(error)})") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise IngestError(f"{url}: not a valid URL ({_one_line(error)})") from None
    except httpx.HTTPError as error:
        raise IngestError(
            f"{url}: download failed ({_one_line(error) or type(error).__name__})"
        ) from None
    finally:
        if own_client:
            active.close()


def _media_type(content_type: str) -> tuple[str, str | None]:
    """Split a Content-Type header into (media type, charset)."""
    media, *params = content_type.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def fetch_url(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 10_000_000,
    client: httpx.Client | None = None,
) -> IngestedDocument:
    """Download ``url`` and read it as HTML, plain text or Markdown by its content type."""
    data, content_type, final_url = fetch_bytes(
        url, timeout=timeout, max_bytes=max_bytes, client=client
    )
    if not data:
        raise IngestError(f"{url}: the server sent an empty page")
    media, charset = _media_type(content_type)
    if media in _HTML_TYPES:
        text = decode_with_charset(data, url, charset or declared_html_charset(data))
        kind = "html"
    elif media in _MARKDOWN_TYPES:
        text, kind = decode_with_charset(data, url, charset), "markdown"
    elif media == "text/plain":
        text, kind = decode_with_charset(data, url, charset), "plain"
    elif media in _SNIFF_TYPES:
        text, kind = decode_with_charset(data, url, charset), None
    else:
        raise IngestError(f"{url}: cannot read this kind of content ({media})")
    document = read_decoded(text, kind=kind, name=url, url=final_url)
    return replace(document, source_url=final_url)
