"""The built-in engine's name and version, importable without the engine itself (looking up a
cached analysis must not import the tagger, the claim model and the rest), and the older
versions whose entities it still makes."""

from __future__ import annotations

from briefing.domain import EngineInfo

NAME = "builtin"
VERSION = "2.3.0"
"""Bump whenever the output for the same text can change (results are cached per version)."""
SAME_ENTITIES = ("2.2.0",)
"""Older versions whose sentences, summaries and entities this version still makes, the same
for the same text (2.3.0 changed claims only). The entity index, the library's filters and
stories read their analyses as this version's; whatever shows claims (the reader, the review
queue, exports) analyses again. Empty again when a version changes entities."""


def entity_versions(engine: EngineInfo) -> tuple[str, ...]:
    """The versions of ``engine`` whose stored entities stand for its own: its version, and
    for the current built-in engine :data:`SAME_ENTITIES` too."""
    if (engine.name, engine.version) == (NAME, VERSION):
        return (VERSION, *SAME_ENTITIES)
    return (engine.version,)
