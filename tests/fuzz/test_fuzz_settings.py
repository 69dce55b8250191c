"""Damaged settings files never crash start-up: defaults are used, the file is kept aside."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.llm.settings import ProviderSettings
from briefing.settings_store import load_provider_settings, save_provider_settings

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
VALUES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
LLM = st.dictionaries(
    st.sampled_from(["enabled", "base_url", "model", "timeout", "max_response_chars",
                     "api_key", "extra"]),
    VALUES,
)


@FUZZ
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "settings.json"
        path.write_bytes(data)
        messages: list[str] = []
        loaded = load_provider_settings(path, report=messages.append)
        assert isinstance(loaded, ProviderSettings)
        for message in messages:
            assert "\n" not in message and "settings.json" in message
        kept = list(Path(tmp).glob("settings.json*"))
        assert kept, "the user's file is never deleted"


@FUZZ
@given(LLM, st.dictionaries(st.text(max_size=8), VALUES, max_size=3))
def test_structured_but_wrong_settings(llm: dict[str, Any], other: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "settings.json"
        path.write_text(json.dumps({**other, "llm": llm}), encoding="utf-8")
        loaded = load_provider_settings(path, report=lambda _m: None)
        assert isinstance(loaded, ProviderSettings)
        if "api_key" in llm:
            assert loaded == ProviderSettings()  # a key in the file is refused: defaults
        save_provider_settings(ProviderSettings(), path)
        saved = json.loads(path.read_text(encoding="utf-8"))
        assert "api_key" not in json.dumps(saved["llm"])
