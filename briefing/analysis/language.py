"""Language identification of article text with py3langid (BSD-3-Clause, ships its model).

The model loads on first use (about a second), never at import. Only the start of long texts
is looked at, so the cost per article is bounded. Capitalised words and figures are left out
of the sample when enough other words remain: names carry the language of the place they
come from, not of the text, so a results table of Polish clubs with an English headline and
introduction is English (such tables were taken for Polish, Dutch or Portuguese, and lost
their entities).
"""

from __future__ import annotations

import threading
from typing import Any

SAMPLE_CHARS = 1000
"""How much of a text is given to the identifier."""
_SCAN_CHARS = 4 * SAMPLE_CHARS  # read to collect the sample of uncapitalised words
_MIN_PROSE_LETTERS = 20

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
    if not any(map(str.isalpha, sample)):
        return ""
    prose = _prose_sample(text[:_SCAN_CHARS])
    if sum(map(str.isalpha, prose)) >= _MIN_PROSE_LETTERS:
        sample = prose
    ranking: list[tuple[str, float]] = _get_identifier().rank(sample)
    return next((lang for lang, _ in ranking if len(lang) == 2), "")


def _prose_sample(text: str) -> str:
    """The words that open with an uncapitalised letter (so also every word of a script
    without case), up to ``SAMPLE_CHARS`` characters: no names, no figures."""
    words = [w for w in text.split() if w[:1].isalpha() and not w[:1].isupper()]
    return " ".join(words)[:SAMPLE_CHARS]
