"""The side panels' tabs, built on first use: entities, claims and notes are made, filled
from the reading session and put into their tab when first shown (the summary is built with
the window). Mixed into :class:`~briefing.gui.shell.main_window.MainWindow`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.gui.panels.claims_panel import ClaimsPanel
    from briefing.gui.panels.entity_panel import EntityPanel
    from briefing.gui.panels.notes_panel import NotesPanel
    from briefing.gui.panels.panel_base import PanelBase
    from briefing.gui.shell.main_window import MainWindow

LAZY_TABS: tuple[tuple[str, str], ...] = (
    ("entities", "&Entities"), ("claims", "&Claims"), ("notes", "&Notes"),
)


class SidePanels:
    """Mixed into MainWindow; ``self`` is the window."""

    @property
    def entities(self: MainWindow) -> EntityPanel:
        return self._panel("entities")  # type: ignore[return-value]

    @property
    def claims(self: MainWindow) -> ClaimsPanel:
        return self._panel("claims")  # type: ignore[return-value]

    @property
    def notes(self: MainWindow) -> NotesPanel:
        return self._panel("notes")  # type: ignore[return-value]

    def built_panel(self: MainWindow, name: str) -> PanelBase | None:
        """Side panel ``name`` if it has been built (without building it)."""
        return self.summary if name == "summary" else self._panels.get(name)

    def _tab_shown(self: MainWindow, index: int) -> None:
        if 1 <= index <= len(LAZY_TABS):
            self._panel(LAZY_TABS[index - 1][0])

    def _panel(self: MainWindow, name: str) -> PanelBase:
        """The side panel ``name``, built, filled and put into its tab on first use."""
        panel = self._panels.get(name)
        if panel is not None:
            return panel
        article, analysis = self.session.article, self.session.analysis
        text = article.text if article else ""
        if name == "entities":
            from briefing.gui.panels.entity_panel import EntityPanel

            entities = EntityPanel()
            entities.show_articles.connect(self.show_articles_with)
            entities.set_analysis(analysis)
            panel = entities
        elif name == "claims":
            from briefing.gui.panels.claims_panel import ClaimsPanel

            claims = ClaimsPanel()
            claims.verdict_requested.connect(self.annotator.verdict)
            claims.set_claim_color(self.colors.claim)
            claims.set_data(text, analysis, self.session.annotations)
            panel = claims
        else:
            from briefing.gui.panels.notes_panel import NotesPanel

            notes = NotesPanel()
            notes.edit_requested.connect(self.annotator.edit_note)
            notes.delete_requested.connect(self.annotator.delete)
            notes.reattach_requested.connect(self.annotator.reattach)
            notes.set_annotations(self.session.annotations, self.colors.highlight)
            panel = notes
        panel.reveal.connect(self.reveal)
        panel.mark_span(*self.view.selected_span())  # type: ignore[attr-defined]
        self._panels[name] = panel
        index = 1 + [n for n, _ in LAZY_TABS].index(name)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, dict(LAZY_TABS)[name])
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()
        self.panel_built.emit(name)
        return panel

