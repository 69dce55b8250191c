"""Pairing tokens (only a hash stored), in-app pairing requests, and ``briefing capture``."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from briefing.capture.pairing import EXPIRES_AFTER_S, PairingBroker, PairingRefused
from briefing.capture.server import CaptureEndpoint, PortUnavailable, bind_server, start_in_thread
from briefing.cli import main
from briefing.services import Library
from briefing.services.capturing import check_token, list_tokens, pair_token, token_hash
from tests.unit.capture.conftest import EXTENSION, Endpoint, request


def test_a_token_has_at_least_128_random_bits_and_only_its_hash_is_stored() -> None:
    with Library.open() as lib:
        _, token = pair_token(lib, "firefox")
        _, other = pair_token(lib, "chromium")
        dump = "\n".join(lib.conn.iterdump())
        assert check_token(lib, token) is not None
    assert token != other
    secret = token.removeprefix("brf_")
    assert len(secret) * 6 >= 128  # urlsafe base64: 6 bits a character
    assert token not in dump and secret not in dump
    assert token_hash(token) in dump


def test_cli_pair_tokens_revoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["capture", "pair", "--label", "my browser"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("brf_")
    assert main(["capture", "tokens", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["label"] == "my browser" and row["last_used"] is None and row["origin"] is None
    assert set(row) == {"id", "label", "created", "last_used", "origin"}
    assert main(["capture", "tokens"]) == 0
    assert "my browser" in capsys.readouterr().out
    assert main(["capture", "revoke", str(row["id"])]) == 0
    capsys.readouterr()
    with Library.open() as lib:
        assert check_token(lib, token) is None and list_tokens(lib) == []
    assert main(["capture", "revoke", str(row["id"])]) == 1
    assert f"no capture token with id {row['id']}" in capsys.readouterr().err


def test_a_revoked_token_is_refused_by_a_running_server(endpoint: Endpoint) -> None:
    body = {"capture_id": str(uuid.uuid4()), "url": "https://example.org/a", "html": "<p>x</p>"}
    assert main(["capture", "revoke", str(endpoint.token_id)]) == 0
    assert endpoint.post(body).status == 401


def _busy_port() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    return sock


def test_an_exact_port_in_use_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with _busy_port() as busy:
        port = busy.getsockname()[1]
        with pytest.raises(PortUnavailable):
            bind_server(CaptureEndpoint(), port)
        assert main(["capture", "serve", "--port", str(port)]) == 1
    assert f"port {port}" in capsys.readouterr().err


def test_the_next_free_port_of_the_range_is_taken() -> None:
    with _busy_port() as busy:
        port = busy.getsockname()[1]
        server = bind_server(CaptureEndpoint(), first=port, last=port + 1)
        try:
            assert server.port == port + 1
        finally:
            server.server_close()
        with pytest.raises(PortUnavailable):
            bind_server(CaptureEndpoint(), first=port, last=port)


def test_serve_prints_its_address_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    with _busy_port() as probe:
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "capture", "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"listening on http://127.0.0.1:{port}"
        assert request(port, "GET", "/v1/ping").body["app"] == "briefing"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_in_app_pairing_hands_the_token_once_to_the_asking_extension() -> None:
    shown: list[str] = []
    clock = Clock()
    broker = PairingBroker(Library.open, lambda r: shown.append(r.code), clock)
    asked = broker.request(EXTENSION, "Chromium")
    assert shown == [asked.code] and len(asked.code.replace(" ", "")) == 6
    assert broker.poll(asked.id, EXTENSION) == ("pending", None)
    with pytest.raises(PairingRefused):
        broker.poll(asked.id, "moz-extension://someone-else")
    assert broker.decide(asked.id, approve=True)
    state, token = broker.poll(asked.id, EXTENSION)
    assert state == "approved" and token
    with Library.open() as lib:
        paired = check_token(lib, token)
    assert paired is not None and paired.label == "Chromium"
    with pytest.raises(PairingRefused):  # handed out once only
        broker.poll(asked.id, EXTENSION)


def test_denied_expired_and_too_many_pairing_requests() -> None:
    clock = Clock()
    broker = PairingBroker(Library.open, lambda r: None, clock)
    denied = broker.request(EXTENSION, "")
    assert broker.decide(denied.id, approve=False)
    with pytest.raises(PairingRefused) as refused:
        broker.poll(denied.id, EXTENSION)
    assert refused.value.status == 403
    late = broker.request(EXTENSION, "")
    clock.now += EXPIRES_AFTER_S + 1
    assert not broker.decide(late.id, approve=True)
    for _ in range(5):
        broker.request(EXTENSION, "")
    with pytest.raises(PairingRefused) as refused:
        broker.request(EXTENSION, "")
    assert refused.value.status == 429
    with Library.open() as lib:
        assert list_tokens(lib) == []


def test_pairing_over_http_needs_the_reader_and_an_extension_origin() -> None:
    broker = PairingBroker(Library.open, lambda r: None)
    server = bind_server(CaptureEndpoint(pairing=broker), 0)
    thread = start_in_thread(server)
    try:
        port = server.port
        sent = {"Origin": EXTENSION, "Content-Type": "application/json"}
        reply = request(port, "POST", "/v1/pairings", body=b'{"label": "Chromium"}',
                        headers=sent)
        assert reply.status == 202 and reply.body["code"] == broker.pending()[0].code
        poll = f"/v1/pairings/{reply.body['pairing_id']}"
        assert request(port, "GET", poll, headers={"Origin": EXTENSION}).status == 202
        assert request(port, "GET", poll).status == 403  # no extension origin
        broker.decide(reply.body["pairing_id"], approve=True)
        approved = request(port, "GET", poll, headers={"Origin": EXTENSION})
        assert approved.status == 200 and approved.body["token"].startswith("brf_")
        web = request(port, "POST", "/v1/pairings", body=b"{}",
                      headers={"Origin": "http://127.0.0.1:9", "Content-Type": "application/json"})
        assert web.status == 403
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_headless_serve_points_to_briefing_capture_pair(endpoint: Endpoint) -> None:
    reply = request(endpoint.port, "POST", "/v1/pairings", body=b"{}",
                    headers={"Origin": EXTENSION, "Content-Type": "application/json"})
    assert reply.status == 503 and "briefing capture pair" in reply.body["error"]
