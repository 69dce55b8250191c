"""Provider settings: defaults, presets, validation with clear messages, no key field."""

from __future__ import annotations

import dataclasses
import json

import pytest

from briefing.domain.errors import BriefingError
from briefing.llm.settings import LLAMA_CPP_URL, OLLAMA_URL, PRESETS, ProviderSettings


def test_defaults_are_off_and_point_at_ollama() -> None:
    settings = ProviderSettings()
    assert settings.enabled is False
    assert settings.base_url == OLLAMA_URL == "http://127.0.0.1:11434/v1"
    assert PRESETS["llama.cpp server"] == LLAMA_CPP_URL == "http://127.0.0.1:8080/v1"
    assert settings.timeout == 60.0
    assert settings.max_response_chars == 200_000


def test_no_field_can_hold_a_secret() -> None:
    names = {f.name for f in dataclasses.fields(ProviderSettings)}
    assert not {n for n in names if any(w in n for w in ("key", "token", "secret", "pass"))}


def test_round_trip_through_json() -> None:
    settings = ProviderSettings(True, LLAMA_CPP_URL + "/", "qwen2.5:0.5b", 12, 5000)
    data = json.loads(json.dumps(settings.to_dict()))
    assert ProviderSettings.from_dict(data) == settings
    assert settings.base_url == LLAMA_CPP_URL  # trailing slash removed


def test_unknown_keys_are_ignored() -> None:
    assert ProviderSettings.from_dict({"enabled": True, "future_option": 3}).enabled is True


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        ({"api_key": "sk-1"}, "must not hold 'api_key'"),
        ({"base_url": "ftp://host/v1"}, "must start with http"),
        ({"base_url": "http://user:pw@host/v1"}, "must not contain credentials"),
        ({"base_url": "http://host:99999/v1"}, "not a valid URL"),
        ({"base_url": 3}, "must be text"),
        ({"timeout": 0}, "'timeout' must be a number"),
        ({"timeout": True}, "'timeout' must be a number"),
        ({"timeout": float("nan")}, "'timeout' must be a number"),
        ({"max_response_chars": 1.5}, "'max_response_chars' must be a whole number"),
        ({"max_response_chars": -1}, "'max_response_chars' must be a whole number"),
        ({"enabled": "yes"}, "'enabled' must be true or false"),
        ({"model": "a\nb"}, "'model' must be a one-line name"),
    ],
)
def test_bad_values_give_clear_errors(data: dict[str, object], pattern: str) -> None:
    with pytest.raises(BriefingError, match=pattern) as err:
        ProviderSettings.from_dict(data)
    assert "\n" not in str(err.value)


def test_from_dict_needs_an_object() -> None:
    with pytest.raises(BriefingError, match="must be a JSON object"):
        ProviderSettings.from_dict(["enabled"])
