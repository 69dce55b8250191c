"""An API key never reaches disk: configure a provider with a key (system keyring, or this
session only), summarise and explain against the real local test server, provoke an error
that echoes the key, export briefs in every format, then scan every file under
BRIEFING_DATA_DIR (data, config, cache, logs; the SQLite database and its -wal file as
bytes) and the exports for the key, raw or base64-encoded."""

from __future__ import annotations

import base64
import json
import logging
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from briefing.ingest.text import read_plain
from briefing.llm.errors import LlmError
from briefing.llm.secrets import SERVICE, SessionKeys, get_key, set_key
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.services.articles import import_document
from briefing.services.exporting import FORMATS, export_brief
from briefing.services.llm import client_for, results_for, run_explain_claim, run_summary
from briefing.settings_store import load_provider_settings, save_provider_settings
from tests.unit.llm.fake_openai_server import FakeOpenAIServer
from tests.unit.llm.test_llm_secrets import MemoryKeyring

ARTICLE = (
    "The council approved the plan on Tuesday after a long debate.\n"
    "Mayor Jane Doe said 3,000 homes would be built by the river."
)


def needles(key: str) -> dict[str, bytes]:
    """The key as bytes, and base64 (standard and URL-safe) at every byte alignment."""
    raw = key.encode()
    found = {"raw": raw, "utf-16": key.encode("utf-16-le")}
    for offset in range(3):
        padded = b"\0" * offset + raw + b"\0\0"
        for name, encode in (("b64", base64.b64encode), ("b64url", base64.urlsafe_b64encode)):
            found[f"{name}+{offset}"] = encode(padded)[4:-4]  # only key-determined chars
    return found


def leaks(root: Path, key: str) -> list[str]:
    found = []
    files = [p for p in sorted(root.rglob("*")) if p.is_file()]
    assert files, f"nothing to scan under {root}"
    for path in files:
        data = path.read_bytes()
        found += [f"{path} ({how})" for how, needle in needles(key).items() if needle in data]
    return found


def leaks_seen_by_another_process(root: Path, key: str) -> list[str]:
    """:func:`leaks` run in a child process: reading the library's files here, while this
    process holds connections to them, would drop its SQLite locks (see briefing.storage)."""
    code = ("import sys, json; from pathlib import Path; "
            "from tests.reliability.test_secrets import leaks; "
            "print(json.dumps(leaks(Path(sys.argv[1]), sys.stdin.read())))")
    done = subprocess.run([sys.executable, "-c", code, str(root)], input=key,
                          capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    found: list[str] = json.loads(done.stdout)
    return found


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        yield running


@pytest.fixture
def debug_log(isolated_data_dir: Path) -> Iterator[Path]:
    """Everything logged at DEBUG (httpx and httpcore included) goes to the logs folder."""
    path = isolated_data_dir / "logs" / "briefing.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
        handler.close()


@pytest.mark.parametrize("storage", ["keyring", "session"])
def test_api_key_is_never_written_anywhere(
    storage: str,
    server: FakeOpenAIServer,
    debug_log: Path,
    isolated_data_dir: Path,
    tmp_path: Path,
) -> None:
    key = f"sk-proj-{secrets.token_urlsafe(30)}"
    backend = MemoryKeyring() if storage == "keyring" else fail.Keyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    session = SessionKeys()
    exports = tmp_path / "exports"
    exports.mkdir()
    try:
        save_provider_settings(
            ProviderSettings(enabled=True, base_url=server.base_url, model="llama3.2:1b",
                             timeout=5)
        )
        if storage == "keyring":
            set_key(server.base_url, key, session=session)
            assert isinstance(backend, MemoryKeyring)
            assert backend.get_password(SERVICE, server.base_url) == key
        else:
            set_key(server.base_url, key, session=session, session_only=True)
            assert keyring.get_keyring() is backend  # nothing could have gone to a keyring
        settings = load_provider_settings()
        assert get_key(settings.base_url, session) == key

        with Library.open() as lib:
            article_id = import_document(lib, read_plain(ARTICLE, title="Housing")).article.id
            with client_for(settings, session) as client:
                run_summary(lib, article_id, client)
                start = ARTICLE.index("Mayor")
                run_explain_claim(lib, article_id, start, len(ARTICLE), client)
            server.state.fault = "401-echo"  # a server that repeats the key in its error
            with client_for(settings, session) as client, pytest.raises(LlmError) as caught:
                run_summary(lib, article_id, client)
            logging.getLogger("briefing").warning("shown to the user: %s", caught.value)
            assert "HTTP 401" in str(caught.value) and key not in str(caught.value)
            assert len(results_for(lib, article_id)) == 2
            for fmt in FORMATS:
                export_brief(lib, [article_id], fmt, exports / f"brief.{fmt}")
            assert "Language-model summary" in (exports / "brief.markdown").read_text()
            # Scan while the library is open: the -wal file holds the latest pages.
            assert (isolated_data_dir / "data" / "library.sqlite3-wal").exists()
            assert leaks_seen_by_another_process(isolated_data_dir, key) == []
        assert leaks(isolated_data_dir, key) == []
        assert leaks(exports, key) == []
    finally:
        keyring.set_keyring(previous)

    # The key really was used: every request carried it, so the scan was meaningful.
    auth = {r.headers.get("authorization") for r in server.requests}
    assert auth == {f"Bearer {key}"}
    for sub in ("data", "config", "logs"):
        assert any((isolated_data_dir / sub).rglob("*")), f"{sub} was not written"
    assert "401" in debug_log.read_text(encoding="utf-8")


def test_the_scan_finds_a_planted_key(isolated_data_dir: Path) -> None:
    """The scanner is able to fail: raw, base64 and inside a SQLite page."""
    key = f"sk-proj-{secrets.token_urlsafe(30)}"
    folder = isolated_data_dir / "cache"
    folder.mkdir(parents=True)
    (folder / "a.bin").write_bytes(b"xx" + base64.b64encode(b"Bearer " + key.encode()) + b"yy")
    assert any("b64" in hit for hit in leaks(isolated_data_dir, key))
    (folder / "a.bin").unlink()
    with Library.open() as lib:
        lib.conn.execute(
            "INSERT INTO articles (title, imported_at, text, text_sha256) VALUES (?, '', ?, '')",
            ("t", f"text {key}"),
        )
        assert any("library.sqlite3" in hit for hit in leaks(isolated_data_dir, key))
