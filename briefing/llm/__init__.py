"""Optional language-model support: an OpenAI-compatible client (Ollama, llama.cpp server,
hosted APIs), keyring-only API keys, prompt templates, and a grounding check of the output.

Qt-free. Nothing here touches the network unless ``ProviderSettings.enabled`` is true.
"""

from briefing.llm.client import ChatClient
from briefing.llm.errors import KeyStorageError, LlmCancelled, LlmError, LlmSettingsError
from briefing.llm.grounding import GroundedSentence, GroundingReport, ground
from briefing.llm.secrets import KeyStorage, SessionKeys, delete_key, get_key, set_key
from briefing.llm.service import (
    LlmResult,
    explain_claim,
    finish,
    summarise_article,
    summarise_brief,
)
from briefing.llm.settings import PRESETS, ProviderSettings

__all__ = [
    "PRESETS",
    "ChatClient",
    "GroundedSentence",
    "GroundingReport",
    "KeyStorage",
    "KeyStorageError",
    "LlmCancelled",
    "LlmError",
    "LlmResult",
    "LlmSettingsError",
    "ProviderSettings",
    "SessionKeys",
    "delete_key",
    "explain_claim",
    "finish",
    "get_key",
    "ground",
    "set_key",
    "summarise_article",
    "summarise_brief",
]
