"""The "About Briefing" text: versions and the licences of the data files shipped inside.

Qt-free: the Qt version is reported only when the GUI has already imported PySide6 (looked up
in ``sys.modules``, never imported here). Bundled data is discovered at run time from the
README/LICENSE notes that each ``briefing.resources`` folder carries, so the text is correct
for whatever was actually installed (wheel, PyInstaller folder, Flatpak).
"""

from __future__ import annotations

import platform
import re
import sys
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import PackageNotFoundError, metadata, version
from importlib.resources.abc import Traversable

from briefing import __version__

NOTE_FILE = re.compile(r"^(README|LICEN[CS]E|COPYING|NOTICE)([.-].*)?$", re.IGNORECASE)
LICENCE_LINE = re.compile(
    r"licen[cs]e|copyright|\(c\)|©|public domain|"
    r"\b(MIT|BSD|Apache|L?GPL|MPL|CC0|CC[- ]BY(-SA)?|ODbL|Unlicense)\b",
    re.IGNORECASE,
)
LIST_ITEM = re.compile(r"^(#+|[-*+]|\d+[.)])\s+")
MAX_LINES_PER_NOTE = 4


@dataclass(frozen=True, slots=True)
class DataNote:
    """One licence/source note found in a resources folder."""

    area: str  # folder under briefing.resources, e.g. "analysis"
    file: str  # e.g. "README.md"
    lines: tuple[str, ...]  # paragraphs/list items that mention a licence or copyright


def _blocks(text: str) -> list[str]:
    """Paragraphs and list items of a Markdown/plain note, each joined onto one line."""
    blocks: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            blocks.append([])
            continue
        starts_item = LIST_ITEM.match(line) is not None
        if starts_item or not blocks or not blocks[-1]:
            blocks.append([])
        blocks[-1].append(LIST_ITEM.sub("", line) if starts_item else line)
    return [" ".join(block) for block in blocks if block]


def _licence_lines(text: str) -> tuple[str, ...]:
    found = [block for block in _blocks(text) if LICENCE_LINE.search(block)]
    return tuple(_shorten(block) for block in found[:MAX_LINES_PER_NOTE])


def _shorten(block: str, limit: int = 240) -> str:
    return block if len(block) <= limit else block[: limit - 1].rstrip() + "…"


def _notes_in(area: Traversable, name: str) -> list[DataNote]:
    notes: list[DataNote] = []
    for entry in sorted(area.iterdir(), key=lambda item: item.name):
        if not entry.is_file() or not NOTE_FILE.match(entry.name):
            continue
        try:
            text = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        lines = _licence_lines(text)
        notes.append(DataNote(name, entry.name, lines))
    return notes


def bundled_data_notes(root: Traversable | None = None) -> list[DataNote]:
    """Licence notes of every folder under ``briefing.resources`` that has one, by folder."""
    base = root if root is not None else resources.files("briefing.resources")
    notes: list[DataNote] = []
    for area in sorted(base.iterdir(), key=lambda item: item.name):
        if area.is_dir() and not area.name.startswith(("_", ".")):
            notes.extend(_notes_in(area, area.name))
    return notes


def project_licence() -> str:
    """The licence declared in the installed package metadata."""
    try:
        meta = metadata("briefing")
    except PackageNotFoundError:
        return "MIT (source tree, not installed)"
    declared = meta.get_all("License-Expression") or meta.get_all("License") or ["unknown"]
    return str(declared[0])


def component_versions() -> dict[str, str]:
    """Briefing, Python and, when the GUI has loaded it, PySide6/Qt versions."""
    versions = {"Briefing": __version__, "Python": platform.python_version()}
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            versions["PySide6"] = version(dist)
            break
        except PackageNotFoundError:
            continue
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        versions["Qt"] = str(qtcore.qVersion())
    return versions


def about_text() -> str:
    """Plain text for Help → About and ``briefing --about``-style output."""
    versions = component_versions()
    lines = [
        f"Briefing {versions.pop('Briefing')}",
        "An offline news-briefing reader: summaries, entities, claims, annotations, briefs.",
        f"Licence: {project_licence()}",
        "",
        "Running on " + ", ".join(f"{name} {value}" for name, value in versions.items()),
        "",
        "Bundled data:",
    ]
    notes = bundled_data_notes()
    if not notes:
        lines.append("  (no licence notes found in the installed resources)")
    for note in notes:
        lines.append(f"  {note.area}/{note.file}")
        if note.lines:
            lines.extend(f"    {line}" for line in note.lines)
        else:
            lines.append("    (no licence line in this note; see the file)")
    return "\n".join(lines)
