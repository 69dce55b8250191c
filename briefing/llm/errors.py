"""Errors of the optional language-model support (all user-facing, one line each)."""

from __future__ import annotations

from briefing.domain.errors import BriefingError


class LlmError(BriefingError):
    """A language-model provider could not be used; ``str(err)`` names the provider URL."""


class LlmSettingsError(LlmError):
    """Provider settings hold a value that cannot be used (bad URL, negative timeout...)."""


class KeyStorageError(LlmError):
    """An API key could not be stored or read safely (e.g. no system keyring available)."""


class LlmCancelled(LlmError):
    """The caller cancelled a request before it finished."""
