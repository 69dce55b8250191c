"""The capture endpoint as CONTRACTS.md "Browser capture" states it: what it stores, and
every refusal (each stores nothing, carries no CORS header, and the server keeps serving)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from briefing.ingest import normalise_text
from briefing.services import Library
from briefing.services.annotating import annotations_for
from briefing.services.articles import get_article, import_source, list_articles
from briefing.services.capturing import list_tokens, revoke_token
from briefing.storage import captures as capture_store
from tests.unit.capture.conftest import EXTENSION, Endpoint, request

URL = "https://example.org/news/siversk"


@pytest.fixture
def page(samples: Path) -> str:
    return (samples / "siversk.html").read_text(encoding="utf-8")


def payload(page: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "capture_id": str(uuid.uuid4()),
        "url": URL,
        "title": "Siversk (as the tab shows it)",
        "html": page,
        "selection": {"exact": "about 75%", "prefix": "", "suffix": ""},
        "note": "check this figure",
        "tags": ["siversk", "to verify"],
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def snapshot() -> tuple[int, int, int, list[Any]]:
    with Library.open() as lib:
        rows = list_articles(lib)
        notes = sum(len(annotations_for(lib, row.id)) for row in rows)
        return (len(rows), notes, capture_store.count_captures(lib.conn),
                [(t.last_used_at, t.origin) for t in list_tokens(lib)])


def test_ping_needs_no_token(endpoint: Endpoint) -> None:
    reply = endpoint.ping()
    assert reply.status == 200
    assert reply.body["app"] == "briefing" and reply.body["version"]


def test_capture_is_imported_like_briefing_import_with_the_selection_highlighted(
    endpoint: Endpoint, page: str, samples: Path
) -> None:
    reply = endpoint.post(payload(page))
    assert reply.status == 201, reply.body
    assert reply.body["duplicate"] is False
    with Library.open() as lib:
        article = get_article(lib, reply.body["article_id"])
        [note] = annotations_for(lib, article.id)
        [token] = list_tokens(lib)
    expected = normalise_text((samples / "siversk.txt").read_text(encoding="utf-8"))
    assert article.text == expected
    assert article.source_url == URL
    assert note.id == reply.body["annotation_id"]
    assert article.text[note.selector.start : note.selector.end] == "about 75%"
    assert note.note == "check this figure" and note.tags == ("siversk", "to-verify")
    assert token.last_used_at is not None and token.origin == EXTENSION
    assert [o.article_id for o in endpoint.captured] == [article.id]


def test_extraction_equals_import_of_the_html_file_and_deduplicates(
    endpoint: Endpoint, page: str, samples: Path
) -> None:
    with Library.open() as lib:
        imported = import_source(lib, str(samples / "siversk.html")).article
    reply = endpoint.post(payload(page, selection=None, note="", tags=[]))
    assert reply.status == 201
    assert reply.body == {"article_id": imported.id, "annotation_id": None, "duplicate": False}
    with Library.open() as lib:
        assert len(list_articles(lib)) == 1
        stored = get_article(lib, imported.id)
    assert (stored.text, stored.title, stored.author, stored.published) == (
        imported.text, imported.title, imported.author, imported.published)


def test_the_same_capture_id_again_changes_nothing(endpoint: Endpoint, page: str) -> None:
    body = payload(page)
    first = endpoint.post(body)
    before = snapshot()
    again = endpoint.post(body)
    assert again.status == 200
    assert again.body == {**first.body, "duplicate": True}
    assert snapshot()[:3] == before[:3]


def test_sending_the_same_page_and_selection_again_adds_no_second_highlight(
    endpoint: Endpoint, page: str
) -> None:
    first = endpoint.post(payload(page))
    second = endpoint.post(payload(page))  # a new capture_id: a second click
    assert second.status == 201
    assert second.body["article_id"] == first.body["article_id"]
    assert second.body["annotation_id"] == first.body["annotation_id"]
    assert snapshot()[:2] == (1, 1)


def test_prefix_and_suffix_choose_between_repeated_quotes(endpoint: Endpoint, page: str) -> None:
    reply = endpoint.post(payload(page, selection={"exact": "Siversk", "prefix": "", "suffix": ""}))
    with Library.open() as lib:
        article = get_article(lib, reply.body["article_id"])
    second = article.text.find("Siversk", article.text.find("Siversk") + 1)
    assert second > 0
    chosen = {"exact": "Siversk", "prefix": article.text[second - 32 : second],
              "suffix": article.text[second + 7 : second + 39]}
    reply = endpoint.post(payload(page, selection=chosen, note="the second one"))
    with Library.open() as lib:
        found = [a for a in annotations_for(lib, article.id) if a.note == "the second one"]
    assert [a.selector.start for a in found] == [second]


def _refused(endpoint: Endpoint, reply: Any, status: int, before: Any) -> None:
    assert reply.status == status, reply.body
    assert isinstance(reply.body, dict) and reply.body["error"]
    assert not [h for h in reply.headers if h.startswith("access-control-")]
    assert snapshot() == before  # nothing stored, not even the token's last use
    assert endpoint.ping().status == 200  # and the server keeps serving


@pytest.mark.parametrize("token", ["", "brf_wrong", "not-even-our-format"])
def test_401_without_the_right_token(endpoint: Endpoint, page: str, token: str) -> None:
    before = snapshot()
    _refused(endpoint, endpoint.post(payload(page), token=token), 401, before)


def test_401_for_a_revoked_token(endpoint: Endpoint, page: str) -> None:
    with Library.open() as lib:
        revoke_token(lib, endpoint.token_id)
    before = snapshot()
    _refused(endpoint, endpoint.post(payload(page)), 401, before)


@pytest.mark.parametrize("origin", [
    "https://evil.example", "null", "http://127.0.0.1:8000", "http://localhost",
    "chrome-extension://", "chrome-extension://id/../x", "file://",
])
def test_403_for_an_origin_that_is_not_an_extension(
    endpoint: Endpoint, page: str, origin: str
) -> None:
    before = snapshot()
    _refused(endpoint, endpoint.post(payload(page), origin=origin), 403, before)
    reply = request(endpoint.port, "GET", "/v1/ping", headers={"Origin": origin})
    assert reply.status == 403 and "app" not in reply.body


@pytest.mark.parametrize("origin", [
    "moz-extension://0d9bb7c5-4a5b-4a0e-8b1e-3b7e8c1f2a33", "safari-web-extension://ABC-123",
])
def test_other_browsers_extension_origins_are_accepted(
    endpoint: Endpoint, page: str, origin: str
) -> None:
    assert endpoint.post(payload(page), origin=origin).status == 201


@pytest.mark.parametrize("host", [
    "attacker.example:{port}", "127.0.0.1", "localhost", "127.0.0.1:1", "127.0.0.2:{port}",
    "localhost.attacker.example:{port}", "",
])
def test_403_for_a_host_that_is_not_loopback_with_our_port(
    endpoint: Endpoint, page: str, host: str
) -> None:
    before = snapshot()
    chosen = host.format(port=endpoint.port)
    _refused(endpoint, endpoint.post(payload(page), host=chosen), 403, before)
    reply = request(endpoint.port, "GET", "/v1/ping", host=chosen)
    assert reply.status == 403


def test_localhost_with_our_port_is_accepted(endpoint: Endpoint, page: str) -> None:
    assert endpoint.post(payload(page), host=f"localhost:{endpoint.port}").status == 201


def test_413_over_20_mib_decided_before_reading(endpoint: Endpoint) -> None:
    before = snapshot()
    reply = endpoint.post(b"{}", headers={"Content-Length": str(20 * 1024 * 1024 + 1)})
    _refused(endpoint, reply, 413, before)


def test_413_for_a_real_oversized_body(endpoint: Endpoint, page: str) -> None:
    before = snapshot()
    big = payload(page, html=page + " " * (20 * 1024 * 1024))
    try:
        reply = endpoint.post(big)
    except (ConnectionError, BrokenPipeError):  # the server may close while we still send
        reply = None
    if reply is not None:
        assert reply.status == 413
    assert snapshot() == before and endpoint.ping().status == 200


@pytest.mark.parametrize("content_type,body", [
    ("text/plain", None), ("application/x-www-form-urlencoded", None),
    ("application/json", b"not json at all"), ("application/json", b"\xff\xfe{"),
])
def test_415_when_the_body_is_not_json(
    endpoint: Endpoint, page: str, content_type: str, body: bytes | None
) -> None:
    import json

    before = snapshot()
    data = body if body is not None else json.dumps(payload(page)).encode()
    reply = endpoint.post(data, headers={"Content-Type": content_type})
    _refused(endpoint, reply, 415, before)


@pytest.mark.parametrize("changes", [
    {"url": ...}, {"html": ...}, {"url": ""}, {"html": "   "}, {"capture_id": ...},
    {"capture_id": "not-a-uuid"}, {"url": "ftp://example.org/x"}, {"url": "javascript:alert(1)"},
    {"url": 42}, {"html": ["<p>"]}, {"title": 7}, {"selection": "about 75%"},
    {"selection": {"exact": 3}}, {"note": {"x": 1}}, {"tags": "siversk"}, {"tags": [1, 2]},
    {"html": "<html><body><script>track()</script></body></html>"},  # no article text
])
def test_422_for_missing_or_invalid_fields(
    endpoint: Endpoint, page: str, changes: dict[str, Any]
) -> None:
    before = snapshot()
    _refused(endpoint, endpoint.post(payload(page, **changes)), 422, before)


def test_422_for_json_that_is_not_an_object(endpoint: Endpoint) -> None:
    before = snapshot()
    _refused(endpoint, endpoint.post(b"[1, 2]"), 422, before)


def test_401_is_checked_before_the_fields(endpoint: Endpoint) -> None:
    before = snapshot()
    _refused(endpoint, endpoint.post({"url": 1}, token="brf_wrong"), 401, before)


@pytest.mark.parametrize("method,path", [
    ("OPTIONS", "/v1/captures"), ("GET", "/v1/captures"), ("DELETE", "/v1/captures"),
    ("GET", "/"), ("GET", "/v1/tokens"),
])
def test_other_requests_get_no_cors_and_store_nothing(
    endpoint: Endpoint, method: str, path: str
) -> None:
    before = snapshot()
    headers = {"Origin": EXTENSION, "Access-Control-Request-Method": "POST",
               "Authorization": f"Bearer {endpoint.token}"}
    reply = request(endpoint.port, method, path, headers=headers)
    _refused(endpoint, reply, 405 if path == "/v1/captures" else 404, before)


def test_missing_content_length_is_refused(endpoint: Endpoint) -> None:
    before = snapshot()
    reply = endpoint.post(b"", headers={"Transfer-Encoding": "chunked"})
    _refused(endpoint, reply, 411, before)
