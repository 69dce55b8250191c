"""Entities tab: entities grouped by type with mention counts; clicking cycles the mentions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout

from briefing.domain import Analysis, Entity
from briefing.gui.panels.panel_base import PanelBase
from briefing.gui.panels.panel_models import ITEM_ROLE, GroupedModel, Row
from briefing.gui.theme import ENTITY_GROUPS, VALUE_GROUP, entity_group


def entity_groups(analysis: Analysis | None) -> list[Row]:
    if analysis is None:
        return []
    order = [*ENTITY_GROUPS.values(), VALUE_GROUP]
    grouped: dict[str, list[Entity]] = {}
    for entity in analysis.entities:
        grouped.setdefault(entity_group(entity.label), []).append(entity)
    rows = []
    for name in order:
        entities = sorted(grouped.get(name, []), key=lambda e: (-len(e.mentions), e.name))
        if not entities:
            continue
        children = [
            Row(
                f"{e.name}  ×{len(e.mentions)}",
                tooltip=f"{e.label}; also called: {', '.join(e.aliases)}" if e.aliases
                else e.label,
                spans=[(m.start, m.end) for m in e.mentions],
                item=e,
            )
            for e in entities
        ]
        rows.append(Row(f"{name} ({len(entities)})", children=children))
    return rows


class EntityPanel(PanelBase):
    show_articles = Signal(str)  # entity name: filter the library by it

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Entities")
        self.model = GroupedModel(self)
        self.view = QTreeView()
        self.view.setAccessibleName("Entities by type")
        self.view.setHeaderHidden(True)
        self.view.setModel(self.model)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        more = QAction("Show Articles Mentioning It", self.view)
        more.triggered.connect(self._show_articles)
        self.view.addAction(more)
        self.empty = QLabel("No entities found.")
        self.empty.setVisible(False)
        self._analysed = False
        from briefing.gui.widgets.empty_hint import EmptyHint

        self.hint = EmptyHint(self.view, lambda: "" if self._analysed else
                              "People, organisations and places appear here once an article "
                              "is open and analysed.")
        self._next_mention: dict[str, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def set_analysis(self, analysis: Analysis | None) -> None:
        self._next_mention = {}
        self._analysed = analysis is not None
        self.model.set_groups(entity_groups(analysis))
        self.view.expandAll()
        self.empty.setVisible(analysis is not None and not analysis.entities)

    def _clicked(self, index: QModelIndex) -> None:
        entity = index.data(ITEM_ROLE)
        if isinstance(entity, Entity) and entity.mentions:
            i = self._next_mention.get(entity.id, 0) % len(entity.mentions)
            self._next_mention[entity.id] = i + 1
            mention = entity.mentions[i]
            self.reveal.emit(mention.start, mention.end)

    def _show_articles(self) -> None:
        entity = self.view.currentIndex().data(ITEM_ROLE)
        if isinstance(entity, Entity):
            self.show_articles.emit(entity.name)

    def mark_span(self, start: int, end: int) -> int:
        return self.mark_overlapping(self.view, start, end)
