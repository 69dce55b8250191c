"""Language identification of article text with py3langid (BSD-3-Clause, ships its model).

The model loads on first use (about a second), never at import. Only the start of long texts
is looked at (the first ``SAMPLE_CHARS`` characters), so the cost per article is bounded.
"""

from __future__ import annotations

import threading
from typing import Any

SAMPLE_CHARS = 1000
"""How much of a text is read to identify its language."""

_lock = threading.Lock()
_identifier: Any = None


def _get_identifier() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def detect_language(text: str) -> str:
    """The text's language as an ISO 639-1 code ("en", "de", "uk"…), or "" without letters.

    py3langid also knows a few languages that have only three-letter codes (e.g. Nigerian
    Pidgin); those are skipped in favour of the likeliest language with an ISO 639-1 code.
    """
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return ""
    ranking: list[tuple[str, float]] = _get_identifier().rank(sample)
    return next((lang for lang, _ in ranking if len(lang) == 2), "")
