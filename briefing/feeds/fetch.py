"""Downloading a feed with a conditional GET (ETag / Last-Modified; 304 means unchanged).

Same safety rules as :mod:`briefing.ingest.url`: http(s) only (redirect targets included),
bounded redirects, a size limit and timeouts; every failure is an ``IngestError`` whose
one-line message names the feed URL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from briefing.domain.errors import IngestError
from briefing.ingest.url import MAX_REDIRECTS, check_url, read_body

FEED_TIMEOUT_S = 20.0
FEED_MAX_BYTES = 5_000_000
USER_AGENT = "Briefing/0.1 (+offline news reader; feeds)"
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.1"
)
_TOTAL_TIME_FACTOR = 4


@dataclass(frozen=True, slots=True)
class FeedResponse:
    """What the server answered: a body (``modified``) or 304 (``not modified``)."""

    modified: bool
    body: bytes = b""
    content_type: str = ""
    final_url: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # the new address after a permanent redirect (301/308)


def new_client(timeout: float = FEED_TIMEOUT_S) -> httpx.Client:
    """An HTTP client for feeds and their pages (the caller closes it)."""
    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def fetch_feed(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client,
    timeout: float = FEED_TIMEOUT_S,
    max_bytes: int = FEED_MAX_BYTES,
) -> FeedResponse:
    """GET ``url`` with If-None-Match / If-Modified-Since; raise IngestError on failure."""
    check_url(url)
    headers = {"Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        return _download(client, url, headers, timeout, max_bytes)
    except httpx.TimeoutException:
        raise IngestError(f"{url}: timed out after {timeout:g} s") from None
    except httpx.ConnectError as error:
        raise IngestError(f"{url}: could not connect ({_one_line(error)})") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise IngestError(f"{url}: not a valid URL ({_one_line(error)})") from None
    except httpx.HTTPError as error:
        detail = _one_line(error) or type(error).__name__
        raise IngestError(f"{url}: download failed ({detail})") from None


def _download(
    client: httpx.Client, url: str, headers: dict[str, str], timeout: float, max_bytes: int
) -> FeedResponse:
    deadline = time.monotonic() + timeout * _TOTAL_TIME_FACTOR
    request = client.build_request("GET", url, headers=headers, timeout=timeout)
    moved_to: str | None = None
    permanent = True
    for _hop in range(MAX_REDIRECTS + 1):
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            next_request = response.next_request if response.has_redirect_location else None
            if next_request is not None:
                target = str(next_request.url)
                try:
                    check_url(target)
                except IngestError:
                    raise IngestError(
                        f"{url}: redirected to {target}, which is not an http(s) address"
                    ) from None
                # Only a chain of permanent redirects moves the subscription.
                permanent = permanent and response.status_code in (301, 308)
                moved_to = target if permanent else None
                for name, value in headers.items():
                    next_request.headers[name] = value
                request = next_request
                continue
            if response.status_code == 304:
                return FeedResponse(
                    modified=False,
                    final_url=str(response.url),
                    etag=response.headers.get("etag") or None,
                    last_modified=response.headers.get("last-modified") or None,
                    moved_to=moved_to,
                )
            if response.status_code >= 400 or response.status_code < 200:
                reason = response.reason_phrase or "error"
                raise IngestError(f"{url}: the server answered {response.status_code} {reason}")
            body = read_body(response, url, max_bytes, deadline, what="feed")
            return FeedResponse(
                modified=True,
                body=body,
                content_type=response.headers.get("content-type", ""),
                final_url=str(response.url),
                etag=response.headers.get("etag") or None,
                last_modified=response.headers.get("last-modified") or None,
                moved_to=moved_to,
            )
        finally:
            response.close()
    raise IngestError(f"{url}: too many redirects (more than {MAX_REDIRECTS})")
