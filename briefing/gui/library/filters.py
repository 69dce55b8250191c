"""The library's tag and entity filters: their entries (services.facets.filter_facets, read
in a worker by ``FacetsJob``) put into the two combo boxes a slice per event-loop turn, and
the articles of the chosen entry read when it is chosen (in a worker for a large library),
then kept until the entries are read again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox

from briefing.domain import EngineInfo
from briefing.gui.library.library_tasks import Tasks
from briefing.gui.workers import Facets, library_opener
from briefing.services import Library
from briefing.services import facets as facet_service
from briefing.services.facets import FilterChoice

ANY = "__any__"
FILL_SLICE = 60
"""Combo entries added per event-loop turn."""


def fill_combo(combo: QComboBox, any_label: str, labels: list[str], values: list[str]) -> None:
    """Replace the entries of ``combo`` at once, keeping its current value when still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(any_label, ANY)
    for label, value in zip(labels, values, strict=True):
        combo.addItem(label, value)
    found = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(0, found))
    combo.blockSignals(False)


class LibraryFilters:
    """The state behind the tag and entity combos of a library panel."""

    def __init__(self, lib: Library, tag_combo: QComboBox, entity_combo: QComboBox,
                 tasks: Tasks, is_large: Callable[[], bool],
                 changed: Callable[[], None]) -> None:  # fmt: skip
        self.lib = lib
        self.tag_combo, self.entity_combo = tag_combo, entity_combo
        self._tasks, self._is_large, self._changed = tasks, is_large, changed
        self._engine: EngineInfo | None = None
        self._choices: dict[str, dict[str, FilterChoice]] = {"tag": {}, "entity": {}}
        self._ids: dict[tuple[str, str], set[int]] = {}
        self._generation = 0
        fill_combo(tag_combo, "All tags", [], [])
        fill_combo(entity_combo, "All entities", [], [])

    # entries ---------------------------------------------------------------------------
    def set_facets(self, found: Facets) -> None:
        """Show new entries: tags at once (few), entities a slice per event-loop turn."""
        self._generation += 1
        filtering = any(c.currentData() not in (None, ANY)
                        for c in (self.tag_combo, self.entity_combo))  # fmt: skip
        self._engine = found.engine
        self._ids.clear()
        tags = {c.value: c for c in found.facets.tags}
        entities = {c.value: c for c in found.facets.entities}
        self._choices = {"tag": tags, "entity": entities}
        fill_combo(self.tag_combo, "All tags", [f"#{t}" for t in tags], list(tags))
        chosen = self.entity_combo.currentData()
        fill_combo(self.entity_combo, "All entities", [], [])
        values = list(entities)
        if chosen in entities:  # keep the chosen entity chosen meanwhile
            values.remove(chosen)
            values.insert(0, chosen)
        self._fill_slice(values, chosen, self._generation)
        if filtering:  # re-read the chosen entries' articles (nothing to redo otherwise)
            self._changed()

    def _fill_slice(self, values: list[str], chosen: object, generation: int) -> None:
        if generation != self._generation:
            return  # newer entries came meanwhile
        combo = self.entity_combo
        combo.blockSignals(True)
        for value in values[:FILL_SLICE]:
            combo.addItem(value, value)
            if value == chosen:
                combo.setCurrentIndex(combo.count() - 1)
        combo.blockSignals(False)
        if len(values) > FILL_SLICE:
            rest = values[FILL_SLICE:]
            QTimer.singleShot(0, lambda: self._fill_slice(rest, chosen, generation))

    def entity_values(self) -> list[str]:
        """The entities offered, most widespread first."""
        return list(self._choices["entity"])

    def filter_entity(self, name: str) -> bool:
        """Choose the entity called ``name`` (any spelling; one outside the list is added to
        it); False when no indexed article names it."""
        index = self.entity_combo.findData(name)
        if index < 0 and self._engine is not None:
            choice = facet_service.entity_choice(self.lib, self._engine, name)
            if choice is None:
                return False
            index = self.entity_combo.findData(choice.value)
            if index < 0:
                self._choices["entity"][choice.value] = choice
                self.entity_combo.addItem(choice.value, choice.value)
                index = self.entity_combo.count() - 1
        if index < 0:
            return False
        self.entity_combo.setCurrentIndex(index)
        return True

    # articles --------------------------------------------------------------------------
    def allowed(self) -> tuple[set[int] | None, bool]:
        """(the ids both filters keep, None for all; whether that is known yet). Ids not read
        yet are asked for, and ``changed`` is called when they come."""
        allowed: set[int] | None = None
        known = True
        for kind, combo in (("tag", self.tag_combo), ("entity", self.entity_combo)):
            value = combo.currentData()
            if value in (None, ANY):
                continue
            ids = self._ids.get((kind, value))
            if ids is None:
                self._ask(kind, value)  # a small library answers at once
                ids = self._ids.get((kind, value))
            if ids is None:
                known = False
                continue
            allowed = set(ids) if allowed is None else allowed & ids
        return allowed, known

    def _ask(self, kind: str, value: str) -> None:
        choice = self._choices[kind].get(value)
        engine = self._engine
        if choice is None or engine is None:
            self._ids[(kind, value)] = set()
            return
        if not self._is_large():
            self._ids[(kind, value)] = facet_service.choice_article_ids(self.lib, engine, choice)
            return
        opener = library_opener()

        def work() -> set[int]:
            with opener() as lib:
                return facet_service.choice_article_ids(lib, engine, choice)

        generation = self._generation

        def apply(ids: set[int]) -> None:
            if generation == self._generation:
                self._ids[(kind, value)] = ids
                self._changed()

        self._tasks.start(f"filter-{kind}", work, apply, "Filtering the library")
