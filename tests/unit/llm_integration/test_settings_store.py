"""Provider settings in config/settings.json: round trip, atomic, never a key, and a damaged
file set aside with a clear message while defaults are used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.llm.settings import LLAMA_CPP_URL, ProviderSettings
from briefing.paths import app_paths
from briefing.settings_store import load_provider_settings, save_provider_settings


def test_defaults_when_nothing_is_saved() -> None:
    assert load_provider_settings() == ProviderSettings()
    assert not load_provider_settings().enabled
    assert not app_paths().settings.exists()


def test_round_trip_keeps_other_sections_and_holds_no_key() -> None:
    path = app_paths().settings
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"other": {"x": 1}}), encoding="utf-8")
    chosen = ProviderSettings(enabled=True, base_url=LLAMA_CPP_URL, model="qwen", timeout=12.5)
    save_provider_settings(chosen)
    assert load_provider_settings() == chosen
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["other"] == {"x": 1}
    assert set(data["llm"]) == {"enabled", "base_url", "model", "timeout", "max_response_chars"}
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "is not valid JSON"),
        (b"[1, 2]", "holds a JSON list"),
        (b"\xff\xfe\x00garbage", "is not UTF-8"),
        (b'{"llm": {"base_url": "ftp://x"}}', "unusable language-model settings"),
        (b'{"llm": {"api_key": "sk-123"}}', "unusable language-model settings"),
    ],
)
def test_damaged_file_is_set_aside_with_a_clear_message(content: bytes, problem: str) -> None:
    path = app_paths().settings
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    messages: list[str] = []
    assert load_provider_settings(report=messages.append) == ProviderSettings()
    (message,) = messages
    assert str(path) in message and problem in message and "default settings" in message
    (kept,) = [p for p in path.parent.iterdir() if p.name.startswith("settings.json.bad-")]
    assert kept.read_bytes() == content and kept.name in message
    assert not path.exists()
    save_provider_settings(ProviderSettings(enabled=True, model="m"))
    assert load_provider_settings(report=messages.append).model == "m"
    assert len(messages) == 1


def test_explicit_path(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "s.json"
    save_provider_settings(ProviderSettings(model="x"), target)
    assert load_provider_settings(target).model == "x"
