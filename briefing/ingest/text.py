"""Plain text (files, pasted text, stdin) -> IngestedDocument."""

from __future__ import annotations

from briefing.domain.errors import IngestError
from briefing.ingest.document import IngestedDocument
from briefing.ingest.normalise import normalise_text
from briefing.ingest.titles import fallback_title, looks_like_headline


def read_plain(
    text: str, *, title: str | None = None, source_path: str | None = None
) -> IngestedDocument:
    """Read plain text. Title: ``title``; else a headline-like first line (then removed from
    the text); else the file stem; else the first words followed by an ellipsis."""
    normalised = normalise_text(text)
    if not normalised:
        name = source_path or "the text"
        raise IngestError(f"{name}: contains no text")
    chosen = normalise_text(title or "") or None
    if chosen is None:
        first, _, rest = normalised.partition("\n")
        if rest and looks_like_headline(first):
            chosen, normalised = first, rest
        else:
            chosen = fallback_title(normalised, source_path)
    return IngestedDocument(title=chosen, text=normalised, source_path=source_path)
