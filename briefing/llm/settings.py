"""Provider settings for the optional OpenAI-compatible language model (never the API key).

The key lives only in the system keyring (see ``briefing.llm.secrets``); these settings are
plain data that can be saved to settings.json.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from briefing.llm.errors import LlmSettingsError

OLLAMA_URL = "http://127.0.0.1:11434/v1"
LLAMA_CPP_URL = "http://127.0.0.1:8080/v1"
PRESETS: dict[str, str] = {"Ollama": OLLAMA_URL, "llama.cpp server": LLAMA_CPP_URL}
"""Known local servers speaking the OpenAI chat-completions protocol, name -> base URL."""

MAX_TIMEOUT = 3600.0
MAX_RESPONSE_CHARS = 5_000_000
_SECRET_LIKE = ("key", "token", "secret", "password")


@dataclass(frozen=True, slots=True)
class ProviderSettings:
    """Where the model runs and how long/much to wait for. Validated on construction.

    ``timeout`` is the longest silence (connect, read or write) tolerated, in seconds.
    """

    enabled: bool = False
    base_url: str = OLLAMA_URL
    model: str = ""
    timeout: float = 60.0
    max_response_chars: int = 200_000

    def __post_init__(self) -> None:
        if not isinstance(self.enabled, bool):
            raise LlmSettingsError(
                f"LLM setting 'enabled' must be true or false, not {self.enabled!r}"
            )
        object.__setattr__(self, "base_url", _valid_url(self.base_url))
        if not isinstance(self.model, str) or "\n" in self.model or len(self.model) > 200:
            raise LlmSettingsError(
                f"LLM setting 'model' must be a one-line name, not {self.model!r}"
            )
        object.__setattr__(self, "model", self.model.strip())
        timeout = self.timeout
        if (
            isinstance(timeout, bool)
            or not isinstance(timeout, int | float)
            or not math.isfinite(timeout)
            or not 0 < timeout <= MAX_TIMEOUT
        ):
            raise LlmSettingsError(
                f"LLM setting 'timeout' must be a number of seconds in (0, {MAX_TIMEOUT:g}], "
                f"not {timeout!r}"
            )
        object.__setattr__(self, "timeout", float(timeout))
        limit = self.max_response_chars
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not 0 < limit <= MAX_RESPONSE_CHARS
        ):
            raise LlmSettingsError(
                f"LLM setting 'max_response_chars' must be a whole number in "
                f"1..{MAX_RESPONSE_CHARS}, not {limit!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Any) -> ProviderSettings:
        """Settings from saved JSON data. Unknown keys are ignored; key-like ones refused."""
        if not isinstance(data, dict):
            raise LlmSettingsError(f"LLM settings must be a JSON object, not {type(data).__name__}")
        for name in data:
            if any(word in str(name).lower() for word in _SECRET_LIKE):
                raise LlmSettingsError(
                    f"LLM settings must not hold '{name}': API keys are kept in the system "
                    "keyring only"
                )
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _valid_url(url: object) -> str:
    if not isinstance(url, str):
        raise LlmSettingsError(f"LLM setting 'base_url' must be text, not {url!r}")
    url = url.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a bad port
    except ValueError as err:
        raise LlmSettingsError(f"LLM base URL {url!r} is not a valid URL ({err})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LlmSettingsError(
            f"LLM base URL {url!r} must start with http:// or https:// and name a host, "
            f"e.g. {OLLAMA_URL}"
        )
    if parts.username or parts.password:
        raise LlmSettingsError(
            f"LLM base URL for host {parts.hostname!r} must not contain credentials; "
            "store the API key in the keyring instead"
        )
    if parts.query or parts.fragment:
        raise LlmSettingsError(f"LLM base URL {url!r} must not have a query or fragment")
    del port
    return url
