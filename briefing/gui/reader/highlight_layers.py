"""Highlight layers over the article's plain text: entities, claims, the user's highlights.

Builds :class:`Mark` records (Python offsets) from an Analysis and annotations, turns them
into ``QTextEdit.ExtraSelection`` objects (Qt positions), and describes what lies under a
position for tooltips.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from briefing.gui.positions import PositionMap
from briefing.gui.theme import Colors

if TYPE_CHECKING:  # the formats are made once an analysis arrives, not at start-up
    from PySide6.QtGui import QTextCharFormat, QTextDocument

    from briefing.domain import Analysis, Annotation, Claim, Entity

LAYER_ORDER: tuple[str, ...] = ("claims", "entities", "highlights")  # drawn bottom to top
SINGULAR = {"PERSON": "Person", "ORG": "Organisation", "LOC": "Place", "MISC": "Other"}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    layer: str  # one of LAYER_ORDER: says what ``item`` is
    item: Entity | Claim | Annotation  # entities: Entity, claims: Claim, highlights: Annotation


def claim_alpha(score: float) -> int:
    """Opacity (0-255) for a claim: stronger for higher check-worthiness (score squared, so
    weak claims stay quiet and the strong ones stand out)."""
    score = max(0.0, min(1.0, score))
    return int(12 + 110 * score * score)


def build_marks(
    analysis: Analysis | None, annotations: Iterable[Annotation], layers: set[str]
) -> list[Mark]:
    marks: list[Mark] = []
    if analysis is not None and "claims" in layers:
        marks.extend(Mark(c.start, c.end, "claims", c) for c in analysis.claims)
    if analysis is not None and "entities" in layers:
        marks.extend(
            Mark(m.start, m.end, "entities", e) for e in analysis.entities for m in e.mentions
        )
    if "highlights" in layers:
        marks.extend(
            Mark(a.selector.start, a.selector.end, "highlights", a)
            for a in annotations
            if not a.orphaned and a.color
        )
    order = {name: i for i, name in enumerate(LAYER_ORDER)}
    marks.sort(key=lambda m: (order[m.layer], m.start, m.end))
    return marks


def describe(mark: Mark) -> str:
    item: Any = mark.item
    if mark.layer == "entities":
        kind = SINGULAR.get(item.label, "Value")
        count = len(item.mentions)
        return f"Entity · {kind} ({item.label}): {item.name} — {count} mention" + (
            "s" if count != 1 else ""
        )
    if mark.layer == "claims":
        parts = [f"Claim · {item.kind} · score {item.score:.2f}"]
        if item.speaker:
            parts.append(f"speaker: {item.speaker}")
        if item.hedged:
            parts.append("hedged" + (f": {', '.join(item.hedges)}" if item.hedges else ""))
        return " · ".join(parts)
    text = f"Your highlight ({item.color})"
    if item.note:
        note = item.note if len(item.note) <= 120 else item.note[:117] + "…"
        text += f": {note}"
    if item.tags:
        text += "  " + " ".join(f"#{t}" for t in item.tags)
    return text


def describe_at(marks: Sequence[Mark], index: int) -> str:
    """Tooltip text for Python offset ``index`` (topmost layer last), or ``""``."""
    found = [describe(m) for m in marks if m.start <= index < m.end]
    return "\n".join(found)


def _format(mark: Mark, colors: Colors) -> QTextCharFormat:
    from PySide6.QtGui import QColor, QTextCharFormat

    fmt = QTextCharFormat()
    item: Any = mark.item
    if mark.layer == "entities":
        color = colors.entity_color(item.label if item.label in colors.entity else "VALUE")
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(color)
        fmt.setForeground(color.darker(135) if not colors.dark else color.lighter(115))
    elif mark.layer == "claims":
        tint = QColor(colors.claim)
        tint.setAlpha(claim_alpha(item.score) // 3)
        fmt.setBackground(tint)
    else:
        fill = colors.highlight.get(item.color or "", colors.highlight["yellow"])
        fmt.setBackground(QColor(fill))
        if colors.dark:
            fmt.setForeground(QColor("#ffffff"))
    return fmt


def extra_selections(
    document: QTextDocument, positions: PositionMap, marks: Sequence[Mark], colors: Colors
) -> list[QTextEdit.ExtraSelection]:
    selections: list[QTextEdit.ExtraSelection] = []
    for mark in marks:
        selections.append(
            selection_for(document, positions, mark.start, mark.end, _format(mark, colors))
        )
    return selections


def selection_for(
    document: QTextDocument, positions: PositionMap, start: int, end: int, fmt: QTextCharFormat
) -> QTextEdit.ExtraSelection:
    cursor = QTextCursor(document)
    cursor.setPosition(positions.to_qt(start))
    cursor.setPosition(positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor  # type: ignore[misc]
    selection.format = fmt  # type: ignore[misc]
    return selection
