"""ChatClient against a real local HTTP server: answers, every fault mode, cancel, secrecy."""

from __future__ import annotations

import dataclasses
import logging
import socket
import threading
import time

import pytest

from briefing.llm.client import ChatClient, _retry_after
from briefing.llm.errors import LlmCancelled, LlmError
from briefing.llm.settings import ProviderSettings

from .fake_openai_server import FakeOpenAIServer

MESSAGES = [{"role": "user", "content": "Summarise: the council met."}]
EXPECTED = "The council approved the plan on Tuesday."
KEY = "sk-test-SECRET-7f3a9c"


def with_model(settings: ProviderSettings, model: str, **changes: object) -> ProviderSettings:
    return dataclasses.replace(settings, model=model, **changes)  # type: ignore[arg-type]


def test_complete_returns_the_answer(server: FakeOpenAIServer, settings: ProviderSettings) -> None:
    with ChatClient(settings) as client:
        assert client.complete(MESSAGES) == EXPECTED
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.body is not None
    assert request.body["stream"] is False
    assert request.body["model"] == "llama3.2:1b"
    assert request.body["messages"] == MESSAGES
    assert "authorization" not in request.headers


def test_stream_yields_the_answer_in_pieces(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    with ChatClient(settings) as client:
        pieces = list(client.stream(MESSAGES))
    assert "".join(pieces) == EXPECTED
    assert len(pieces) == 8
    assert server.requests[0].body is not None and server.requests[0].body["stream"] is True


def test_server_ignoring_the_stream_flag_still_answers(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    with ChatClient(with_model(settings, "fault:nostream")) as client:
        assert list(client.stream(MESSAGES)) == [EXPECTED]


def test_list_models(server: FakeOpenAIServer, settings: ProviderSettings) -> None:
    with ChatClient(settings) as client:
        assert client.list_models() == ["llama3.2:1b", "qwen2.5:0.5b"]
    assert [r.path for r in server.requests] == ["/v1/models"]


def test_bearer_header_sent_only_when_a_key_is_set(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    with ChatClient(settings, api_key=KEY) as client:
        client.complete(MESSAGES)
        client.list_models()
    assert [r.headers.get("authorization") for r in server.requests] == [f"Bearer {KEY}"] * 2


def test_disabled_settings_make_no_request(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    off = dataclasses.replace(settings, enabled=False)
    client = ChatClient(off, api_key=KEY)
    with client, pytest.raises(LlmError, match="turned off"):
        client.complete(MESSAGES)
        with pytest.raises(LlmError, match="turned off"):
            list(client.stream(MESSAGES))
        with pytest.raises(LlmError, match="turned off"):
            client.list_models()
    time.sleep(0.05)
    assert server.requests == []


def test_missing_model_is_a_clear_error(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    with ChatClient(with_model(settings, "")) as client, pytest.raises(LlmError, match="no model"):
        client.complete(MESSAGES)
    assert server.requests == []


def test_slow_server_times_out_quickly(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    started = time.monotonic()
    client = ChatClient(with_model(settings, "fault:slow", timeout=0.3))
    with client, pytest.raises(LlmError, match=r"timed out") as err:
        client.complete(MESSAGES)
    assert time.monotonic() - started < 2.0
    assert server.base_url in str(err.value)


def test_stream_that_stalls_mid_answer_times_out(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    pieces: list[str] = []
    client = ChatClient(with_model(settings, "fault:stall", timeout=0.3))
    with client, pytest.raises(LlmError, match="timed out"):
        pieces.extend(client.stream(MESSAGES))
    assert pieces == ["The"]


@pytest.mark.parametrize(
    ("model", "pattern"),
    [
        ("fault:500", r"HTTP 500 .*model runner crashed"),
        ("fault:500-text", r"HTTP 500 .*Internal Server Error"),
        ("fault:garbage", r"not valid JSON"),
        ("fault:huge", r"exceeded"),
        ("fault:redirect", r"HTTP 307 redirect to http://127.0.0.1:1/v1/chat/completions"),
        (
            "no-such-model",
            r"HTTP 404 Not Found \(check the base URL and model name\): model .no-such-model.",
        ),
    ],
)
def test_complete_faults(
    server: FakeOpenAIServer, settings: ProviderSettings, model: str, pattern: str
) -> None:
    with ChatClient(with_model(settings, model)) as client, pytest.raises(LlmError) as err:
        client.complete(MESSAGES)
    message = str(err.value)
    assert re_search(pattern, message)
    assert message.startswith(f"LLM provider {server.base_url}: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("model", "pattern", "before"),
    [
        ("fault:500", r"HTTP 500 .*model runner crashed", []),
        ("fault:garbage", r"not valid JSON", []),
        ("fault:malformed", r"unexpected answer: the stream event is not valid JSON", ["The"]),
        ("fault:disconnect", r"broke off", ["The"]),
        ("fault:truncated", r"ended early", ["The", " council"]),
        ("fault:stream-error", r"server reported an error: out of memory", ["The"]),
        ("fault:longline", r"a stream line is longer than 1048576 bytes", []),
    ],
)
def test_stream_faults(
    server: FakeOpenAIServer,
    settings: ProviderSettings,
    model: str,
    pattern: str,
    before: list[str],
) -> None:
    pieces: list[str] = []
    with ChatClient(with_model(settings, model)) as client, pytest.raises(LlmError) as err:
        pieces.extend(client.stream(MESSAGES))
    assert re_search(pattern, str(err.value))
    assert str(err.value).startswith(f"LLM provider {server.base_url}: ")
    assert pieces == before


def test_huge_stream_stops_at_the_limit(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    limit = 20_000
    received = 0
    client = ChatClient(with_model(settings, "fault:huge", max_response_chars=limit))
    with client, pytest.raises(LlmError, match=f"exceeded {limit} characters"):
        for piece in client.stream(MESSAGES):
            received += len(piece)
    assert received <= limit
    assert wait_for(lambda: server.state.disconnects >= 1)


def test_rate_limit_with_long_retry_after_fails_at_once(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    started = time.monotonic()
    client = ChatClient(with_model(settings, "fault:429:3600"))
    with client, pytest.raises(LlmError, match=r"rate limited \(HTTP 429\).*3600 s"):
        client.complete(MESSAGES)
    assert time.monotonic() - started < 1.0
    assert len(server.requests) == 1


def test_rate_limit_is_retried_then_reported(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    client = ChatClient(with_model(settings, "fault:429:0"), max_retries=2)
    with client, pytest.raises(LlmError, match="too many requests"):
        list(client.stream(MESSAGES))
    assert len(server.requests) == 3


def test_rate_limit_once_then_success(server: FakeOpenAIServer, settings: ProviderSettings) -> None:
    with ChatClient(with_model(settings, "fault:429-once")) as client:
        assert client.complete(MESSAGES) == EXPECTED
    assert len(server.requests) == 2


def test_connection_refused_is_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    settings = ProviderSettings(enabled=True, base_url=url, model="m", timeout=2)
    with ChatClient(settings) as client, pytest.raises(LlmError, match="cannot connect") as err:
        client.complete(MESSAGES)
    assert url in str(err.value)


def test_cancel_mid_stream_stops_and_closes_the_connection(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    stop = threading.Event()
    pieces: list[str] = []
    with ChatClient(with_model(settings, "fault:trickle")) as client:
        for piece in client.stream(MESSAGES, cancel=stop.is_set):
            pieces.append(piece)
            if len(pieces) == 3:
                stop.set()
        stopped = time.monotonic()
    assert pieces == [" word0", " word1", " word2"]
    assert wait_for(lambda: server.state.disconnects >= 1)
    assert time.monotonic() - stopped < 1.0


def test_cancel_while_waiting_for_a_slow_server_is_prompt(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    with ChatClient(with_model(settings, "fault:slow", timeout=5)) as client:
        assert list(client.stream(MESSAGES, cancel=stop.is_set)) == []
        assert time.monotonic() - started < 1.0
        stop2 = threading.Event()
        threading.Timer(0.2, stop2.set).start()
        with pytest.raises(LlmCancelled, match="cancelled"):
            client.complete(MESSAGES, cancel=stop2.is_set)
    assert time.monotonic() - started < 2.0


def test_key_never_appears_in_logs_reprs_or_errors(
    server: FakeOpenAIServer, settings: ProviderSettings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with ChatClient(settings, api_key=KEY) as client:
        seen += [repr(client), str(vars(client)) if hasattr(client, "__dict__") else ""]
        client.complete(MESSAGES)
        list(client.stream(MESSAGES))
        for model in ("fault:401-echo", "fault:500", "fault:garbage", "fault:disconnect"):
            failing = ChatClient(with_model(settings, model), api_key=KEY)
            with pytest.raises(LlmError) as err:
                list(failing.stream(MESSAGES))
            seen += [str(err.value), repr(err.value), repr(failing)]
            failing.close()
    assert any("[key hidden]" in text for text in seen)  # the 401 echo was scrubbed
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert caplog.records, "debug logging was captured"
    for text in [*seen, caplog.text]:
        assert KEY not in text


def re_search(pattern: str, text: str) -> bool:
    import re

    return re.search(pattern, text) is not None


def wait_for(condition: object, seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize(
    ("fault", "pattern"), [("500", "model runner crashed"), ("garbage", "JSON")]
)
def test_list_models_faults(
    server: FakeOpenAIServer, settings: ProviderSettings, fault: str, pattern: str
) -> None:
    server.state.fault = fault
    with ChatClient(settings) as client, pytest.raises(LlmError, match=pattern):
        client.list_models()


def test_already_cancelled_stream_sends_nothing(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    with ChatClient(settings) as client:
        assert list(client.stream(MESSAGES, cancel=lambda: True)) == []
    assert server.requests == []


def test_retry_after_forms() -> None:
    assert _retry_after("7") == 7.0
    assert _retry_after(None) == 1.0
    assert _retry_after("soon") == 1.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past
