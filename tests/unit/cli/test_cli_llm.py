"""``briefing llm ...`` against the real local OpenAI-compatible test server: status (never the
key), streamed summaries and claim explanations with their grounding lines and label, brief
summaries citing their articles, --json of the stored result, and the error exits (turned
off, unknown ids, server faults, Ctrl+C) that send nothing or store nothing."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail

from briefing.cli import main
from briefing.ingest.text import read_plain
from briefing.llm.prompts import prompt_version
from briefing.llm.secrets import SERVICE
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.services.articles import analysis_for, get_article, import_document
from briefing.services.briefs import create_brief
from briefing.services.llm import brief_result, latest_result, results_for
from briefing.settings_store import save_provider_settings
from tests.unit.llm.fake_openai_server import FakeOpenAIServer
from tests.unit.llm.memory_keyrings import LockedKeyring, MemoryKeyring

HOUSING = (
    "The council approved the plan on Tuesday after a long debate.\n"
    "Mayor Jane Doe said 3,000 homes would be built by the river.\n"
    "Critics said the $40 million budget was too small for the project.\n"
    "Rents in the city rose 12 percent last year, the housing agency reported.\n"
    "The river district has about 40,000 residents.\n"
    "Some residents came to the meeting.\n"
    "The next meeting is in the town hall.\n"
    "Tea was served afterwards."
)  # eight sentences: two or more of them shown as claims
WEATHER = "Heavy rain fell across the valley overnight.\nRoads near the bridge were closed."
REPLY = (
    "The council approved",
    " the plan on Tuesday.",
    " Heavy rain fell across the valley overnight.",
    " Mayor John Smith promised 9,000 homes.",
)
KEY = "sk-QzXv9Wq7JkTb"
DIALOG = "File → Language Model…"


class Recorder(io.StringIO):
    """A stdout that remembers every write and flush, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str]] = []

    def write(self, text: str) -> int:
        self.events.append(("write", text))
        return super().write(text)

    def flush(self) -> None:
        self.events.append(("flush", ""))
        super().flush()


@pytest.fixture(autouse=True)
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        running.state.reply = REPLY
        yield running


def use(server: FakeOpenAIServer, *, enabled: bool = True, model: str = "llama3.2:1b",
        timeout: float = 5) -> ProviderSettings:
    settings = ProviderSettings(
        enabled=enabled, base_url=server.base_url, model=model, timeout=timeout
    )
    save_provider_settings(settings)
    return settings


@pytest.fixture
def settings(server: FakeOpenAIServer) -> ProviderSettings:
    return use(server)


@pytest.fixture
def ids() -> tuple[int, int, int]:
    """(brief id, housing article id, weather article id)."""
    with Library.open() as lib:
        housing = import_document(lib, read_plain(HOUSING, title="Housing")).article.id
        weather = import_document(lib, read_plain(WEATHER, title="Weather")).article.id
        return create_brief(lib, "Morning", [housing, weather]).id, housing, weather


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stored_count(article_id: int) -> int:
    with Library.open() as lib:
        return len(results_for(lib, article_id))


# --- status -------------------------------------------------------------------------------
def test_status_is_off_by_default_and_says_where_to_turn_it_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "llm", "status")
    assert code == 0 and err == ""
    assert f"language model: off (turn it on in the reader's {DIALOG} dialog)" in out
    assert "model: (none chosen)" in out and "key: no key" in out
    code, out, _ = run(capsys, "llm", "status", "--json")
    data = json.loads(out)
    assert data["enabled"] is False and data["key"] == "none" and data["model"] == ""


def test_status_says_a_key_is_stored_but_never_prints_any_of_it(
    capsys: pytest.CaptureFixture[str], settings: ProviderSettings
) -> None:
    backend = MemoryKeyring()
    backend.set_password(SERVICE, settings.base_url, KEY)
    keyring.set_keyring(backend)
    code, text, err = run(capsys, "llm", "status")
    assert code == 0
    assert "language model: on" in text
    assert f"base URL: {settings.base_url}" in text and "model: llama3.2:1b" in text
    assert "timeout: 5 s" in text and "key: stored in the system keyring" in text
    code, raw, err2 = run(capsys, "llm", "status", "--json")
    data = json.loads(raw)
    assert data["enabled"] is True and data["key"] == "stored" and data["key_problem"] is None
    assert data["base_url"] == settings.base_url and data["timeout"] == 5.0
    shown = text + err + raw + err2
    for i in range(len(KEY) - 3):  # not the key, nor any 4 characters of it
        assert KEY[i : i + 4] not in shown


def test_status_reports_an_unreadable_or_missing_keyring(
    capsys: pytest.CaptureFixture[str], settings: ProviderSettings
) -> None:
    keyring.set_keyring(LockedKeyring())
    code, out, _ = run(capsys, "llm", "status")
    assert code == 0
    assert "key: the keyring cannot be read: could not read the API key for" in out
    assert json.loads(run(capsys, "llm", "status", "--json")[1])["key"] == "unreadable"
    keyring.set_keyring(fail.Keyring())
    code, out, _ = run(capsys, "llm", "status")
    assert code == 0 and "key: no key (no system keyring is available to store one)" in out


# --- summarize ----------------------------------------------------------------------------
def test_summarize_streams_each_piece_then_prints_the_grounding_and_stores_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: FakeOpenAIServer,
    settings: ProviderSettings,
    ids: tuple[int, int, int],
) -> None:
    _, housing, _ = ids
    recorder = Recorder()
    monkeypatch.setattr(sys, "stdout", recorder)
    assert main(["llm", "summarize", str(housing), "--sentences", "2"]) == 0
    events = recorder.events
    for piece in REPLY:  # each piece written as it came, and flushed at once
        at = events.index(("write", piece))
        assert events[at + 1] == ("flush", "")
    assert [e for e in events if e[0] == "write"][: len(REPLY)] == [("write", p) for p in REPLY]
    out = recorder.getvalue()
    lines = out.splitlines()
    assert lines[0] == "".join(REPLY)
    assert "1 of 3 sentences supported by the article" in lines
    assert "  1. supported (match 100%; article sentence 1): The council approved the plan on " \
        "Tuesday." in lines
    assert "  2. UNSUPPORTED: Heavy rain fell across the valley overnight." in lines
    assert "  3. UNSUPPORTED: Mayor John Smith promised 9,000 homes." in lines
    assert "     numbers not in the article: 9,000" in lines
    assert "     names not in the article: Mayor John Smith" in lines
    with Library.open() as lib:
        stored = latest_result(lib, housing)
    assert stored is not None and stored.text == "".join(REPLY)
    assert lines[-1] == stored.label + "."
    assert lines[-1].startswith(f"Generated by llama3.2:1b via {server.base_url} on ")
    assert lines[-1].endswith("· not verified by the built-in engine.")
    body = server.requests[-1].body
    assert body is not None and "at most 2 sentences" in body["messages"][-1]["content"]
    assert capsys.readouterr().err == ""


def test_summarize_json_is_the_stored_result_without_streaming(
    capsys: pytest.CaptureFixture[str],
    server: FakeOpenAIServer,
    settings: ProviderSettings,
    ids: tuple[int, int, int],
) -> None:
    _, housing, _ = ids
    code, out, err = run(capsys, "llm", "summarize", str(housing), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)  # nothing but the one JSON object
    with Library.open() as lib:
        stored = latest_result(lib, housing)
        article = get_article(lib, housing)
    assert stored is not None
    assert data["id"] == stored.id and data["kind"] == "summary" and data["claim"] is None
    assert data["article_id"] == housing and data["text"] == "".join(REPLY)
    assert data["provider"] == server.base_url and data["model"] == "llama3.2:1b"
    assert data["created_at"] == stored.created_at and data["prompt_version"] == prompt_version()
    assert data["supported_share"] == pytest.approx(1 / 3)
    assert data["source_sha256"] == article.text_sha256 and data["label"] == stored.label
    first, second, third = data["sentences"]
    for sentence in data["sentences"]:
        assert data["text"][sentence["start"] : sentence["end"]] == sentence["text"]
        for source in sentence["sources"]:
            assert set(source) == {"index", "start", "end"}
            assert 0 <= source["start"] < source["end"] <= len(article.text)
    assert first["supported"] and first["sources"][0]["index"] == 0
    assert HOUSING[first["sources"][0]["start"] : first["sources"][0]["end"]].startswith(
        "The council approved the plan"
    )
    assert not second["supported"] and not third["supported"]
    assert third["unsupported_numbers"] == ["9,000"]
    assert third["unsupported_names"] == ["Mayor John Smith"]


# --- explain ------------------------------------------------------------------------------
def test_explain_by_claim_number_and_by_quote(
    capsys: pytest.CaptureFixture[str],
    server: FakeOpenAIServer,
    settings: ProviderSettings,
    ids: tuple[int, int, int],
) -> None:
    _, housing, _ = ids
    with Library.open() as lib:
        claims = analysis_for(lib, get_article(lib, housing)).claims
    assert len(claims) >= 2
    last = len(claims)
    claim = claims[last - 1]
    claim_text = HOUSING[claim.start : claim.end]
    code, out, err = run(capsys, "llm", "explain", str(housing), "--claim", str(last))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"Claim {last} ({claim.kind}): “{claim_text}”"
    assert "".join(REPLY) in lines and "1 of 3 sentences supported by the article" in lines
    body = server.requests[-1].body
    assert body is not None and f"Claim: {claim_text}" in body["messages"][-1]["content"]
    with Library.open() as lib:
        stored = latest_result(lib, housing, "explain", claim.span)
    assert stored is not None and stored.claim_text == claim_text
    assert lines[-1] == stored.label + "."

    first = claims[0]
    inner = HOUSING[first.start : first.end].split()[1:3]  # two words inside claim 1
    code, out, _ = run(capsys, "llm", "explain", str(housing), "--quote", " ".join(inner),
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "explain"
    assert data["claim"] == {
        "start": first.start, "end": first.end, "text": HOUSING[first.start : first.end]
    }
    with Library.open() as lib:
        assert {r.claim for r in results_for(lib, housing)} == {first.span, claim.span}


def test_explain_refuses_unknown_claims_and_quotes_without_sending_anything(
    capsys: pytest.CaptureFixture[str],
    server: FakeOpenAIServer,
    settings: ProviderSettings,
    ids: tuple[int, int, int],
) -> None:
    _, housing, _ = ids
    code, _, err = run(capsys, "llm", "explain", str(housing), "--claim", "99")
    assert code == 1 and f"article {housing}: no claim 99; it has" in err
    code, _, err = run(capsys, "llm", "explain", str(housing), "--claim", "0")
    assert code == 1 and "no claim 0" in err
    code, _, err = run(capsys, "llm", "explain", str(housing), "--quote", "flying saucers")
    assert code == 1 and "the quote 'flying saucers' is not in its text" in err
    with Library.open() as lib:
        claims = analysis_for(lib, get_article(lib, housing)).claims
    outside = next(
        word for word in HOUSING.split()
        if not any(c.start <= HOUSING.find(word) < c.end for c in claims)
        and HOUSING.count(word) == 1
    )
    code, _, err = run(capsys, "llm", "explain", str(housing), "--quote", outside)
    assert code == 1 and "is not inside any of its claims; pick one with --claim N" in err
    assert server.requests == [] and stored_count(housing) == 0


def test_explain_needs_a_claim_or_a_quote(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["llm", "explain", "1"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["llm", "summarize", "1", "--sentences", "0"])
    assert exit_info.value.code == 2
    assert "--sentences" in capsys.readouterr().err


# --- brief --------------------------------------------------------------------------------
def test_brief_summary_cites_each_source_article(
    capsys: pytest.CaptureFixture[str],
    server: FakeOpenAIServer,
    settings: ProviderSettings,
    ids: tuple[int, int, int],
) -> None:
    brief, housing, weather = ids
    code, out, err = run(capsys, "llm", "brief", str(brief))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "".join(REPLY)
    assert "2 of 3 sentences supported by the brief's articles" in lines
    assert (
        f"  1. supported (match 100%; article {housing} “Housing” sentence 1): "
        "The council approved the plan on Tuesday." in lines
    )
    assert (
        f"  2. supported (match 100%; article {weather} “Weather” sentence 1): "
        "Heavy rain fell across the valley overnight." in lines
    )
    assert "     names not in the brief's articles: Mayor John Smith" in lines
    with Library.open() as lib:
        stored = brief_result(lib, brief)
    assert stored is not None and lines[-1] == stored.label + "."

    code, out, _ = run(capsys, "llm", "brief", str(brief), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "brief_summary" and data["brief_id"] == brief
    assert [a["id"] for a in data["articles"]] == [housing, weather]
    cited = [s["sources"][0]["article_id"] for s in data["sentences"][:2]]
    assert cited == [housing, weather]
    assert data["sentences"][2]["unsupported_numbers"] == ["9,000"]


# --- errors -------------------------------------------------------------------------------
def test_turned_off_exits_1_saying_how_to_turn_it_on_and_sends_nothing(
    capsys: pytest.CaptureFixture[str], server: FakeOpenAIServer, ids: tuple[int, int, int]
) -> None:
    brief, housing, _ = ids
    for argv in (("summarize", str(housing)), ("brief", str(brief))):
        code, out, err = run(capsys, "llm", *argv)  # no settings saved at all
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "turned off" in err and DIALOG in err
    use(server, enabled=False)
    code, out, err = run(capsys, "llm", "explain", str(housing), "--claim", "1")
    assert code == 1 and out == "" and DIALOG in err
    assert server.requests == [] and stored_count(housing) == 0


def test_unknown_article_and_brief_exit_1_naming_them(
    capsys: pytest.CaptureFixture[str], server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    code, _, err = run(capsys, "llm", "summarize", "99")
    assert code == 1 and err == "briefing: no article with id 99 in the library\n"
    code, _, err = run(capsys, "llm", "explain", "99", "--claim", "1")
    assert code == 1 and "no article with id 99" in err
    code, _, err = run(capsys, "llm", "brief", "42")
    assert code == 1 and err == "briefing: no brief with id 42\n"
    assert server.requests == []


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("fault:500", "HTTP 500"),
        ("fault:429", "rate limited (HTTP 429)"),
        ("fault:garbage", "unexpected answer"),
        ("fault:truncated", "ended early"),
        ("fault:slow", "timed out"),
    ],
)
def test_server_faults_exit_1_with_the_message_and_store_nothing(
    capsys: pytest.CaptureFixture[str],
    server: FakeOpenAIServer,
    ids: tuple[int, int, int],
    model: str,
    message: str,
) -> None:
    _, housing, _ = ids
    server.state.slow_seconds = 1.5
    use(server, model=model, timeout=0.4)
    code, _, err = run(capsys, "llm", "summarize", str(housing))
    assert code == 1
    assert err.startswith(f"briefing: LLM provider {server.base_url}: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "no API key is stored" not in err
    assert server.requests and stored_count(housing) == 0


def test_a_refused_request_without_a_stored_key_says_where_to_store_one(
    capsys: pytest.CaptureFixture[str], server: FakeOpenAIServer, ids: tuple[int, int, int]
) -> None:
    _, housing, _ = ids
    settings = use(server, model="fault:401-echo")
    keyring.set_keyring(MemoryKeyring())
    code, _, err = run(capsys, "llm", "summarize", str(housing))
    assert code == 1 and "HTTP 401" in err
    assert f"no API key is stored for {settings.base_url}; store one in the reader's {DIALOG}" \
        in err
    assert "authorization" not in server.requests[-1].headers

    backend = MemoryKeyring()
    backend.set_password(SERVICE, settings.base_url, KEY)
    keyring.set_keyring(backend)
    code, out, err = run(capsys, "llm", "summarize", str(housing))
    assert code == 1 and "HTTP 401" in err and "no API key is stored" not in err
    assert server.requests[-1].headers["authorization"] == f"Bearer {KEY}"  # from the keyring
    assert KEY not in out + err and "[key hidden]" in err
    assert stored_count(housing) == 0


def test_ctrl_c_cancels_the_stream_and_stores_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: FakeOpenAIServer,
    ids: tuple[int, int, int],
) -> None:
    _, housing, _ = ids
    use(server, model="fault:trickle")

    class Interrupting(Recorder):
        def write(self, text: str) -> int:
            if len(self.events) == 4:  # two pieces written and flushed: the user presses ^C
                self.events.append(("interrupt", ""))
                raise KeyboardInterrupt
            return super().write(text)

    out = Interrupting()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["llm", "summarize", str(housing)]) == 130
    assert out.getvalue() == " word0 word1\n"  # the started line is finished
    assert "briefing: interrupted" in capsys.readouterr().err
    assert stored_count(housing) == 0


def test_a_real_sigint_ends_the_command_with_130_and_drops_the_connection(
    server: FakeOpenAIServer, ids: tuple[int, int, int]
) -> None:
    _, housing, _ = ids
    use(server, model="fault:trickle")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "llm", "summarize", str(housing)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A suite started in the background by a shell without job control inherits SIGINT
        # ignored, and so would the command (Python keeps an ignored SIGINT ignored).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        assert process.stdout.read(12) == " word0 word1"  # streaming has begun
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert err == "briefing: interrupted\n" and out.endswith("\n")
    assert stored_count(housing) == 0
    deadline = time.monotonic() + 5
    while server.state.disconnects == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.state.disconnects >= 1  # the server saw the stream dropped
