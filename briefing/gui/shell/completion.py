"""The main window's second stage, built in steps: library, side panels, commands, the work
(list, facets, analysis, and what was asked for meanwhile), then the menus, each step in an
event-loop turn of its own so that no step holds the GUI thread long (the first paint comes
first; see :class:`~briefing.gui.shell.main_window.MainWindow`). :meth:`Completion.complete`
runs whatever steps are left at once, for callers that need the whole window now. Mixed into
``MainWindow``."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from briefing.gui.shell.side_panels import LAZY_TABS

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing.gui.shell.main_window import MainWindow

STEPS: tuple[str, ...] = (
    "library_tasks_module", "library_modules", "library", "summary_module", "integrations_module",
    "side_panels",
    "commands_modules", "commands", "work", "menus",
)
"""The completion steps, in order: ``_step_<name>`` each (run one per event-loop turn)."""
STEP_GAP_MS = 1
"""Each step is started by a timer, not a posted event (``singleShot(0)``): the event loop
dispatches every ready source in one iteration, so two posted steps could run back to back
before the input and timers waiting meanwhile; a due timer is always handled in between."""


class Completion:
    """Mixed into MainWindow; ``self`` is the window. ``_steps_left`` (set by the window)
    holds the steps not run yet; ``_on_complete`` the calls waiting for completion;
    ``_later`` those that run a turn each after it (:meth:`after_complete`)."""

    def complete(self: MainWindow) -> None:
        """Build the rest of the window now: every step left (the waiting calls run as
        the window becomes complete, see :meth:`when_complete`), then every call asked
        for with :meth:`after_complete`."""
        while self._steps_left:
            self._run_step(self._steps_left.pop(0))
        while self._later:
            self._later.pop(0)()

    def complete_in_steps(self: MainWindow) -> None:
        """Build the rest one step per event-loop turn (the application's way, right after
        the first paint). Once only."""
        if self._stepping:
            return
        self._stepping = True
        gc.freeze()  # see _next_step
        QTimer.singleShot(STEP_GAP_MS, self, self._next_step)

    def _next_step(self: MainWindow) -> None:
        if self._closing:
            return
        if self._steps_left:
            self._run_step(self._steps_left.pop(0))
        elif self._later:
            self._later.pop(0)()
        if self._steps_left or self._later:
            QTimer.singleShot(STEP_GAP_MS, self, self._next_step)
        else:
            # Modules, widgets and settings made so far live as long as the window: moved out
            # of the collector's generations, the full collections that the next imports
            # trigger no longer walk them (one took ~30 ms of a step, a GUI stall).
            gc.freeze()

    def _run_step(self: MainWindow, name: str) -> None:
        getattr(self, f"_step_{name}")()
        self.completion_step.emit(name)

    def when_complete(self: MainWindow, call: Callable[[], object]) -> None:
        """Run ``call`` once the window is complete (now, if it is): the calls waiting
        run in the order asked, in the turn that completes it, right after ``completed``."""
        if self.is_complete:
            call()
        else:
            self._on_complete.append(call)

    def after_complete(self: MainWindow, call: Callable[[], object]) -> None:
        """Run ``call`` in an event-loop turn of its own once the window is complete and
        its steps are done (calls in the order asked, one per turn; all at once after a
        :meth:`complete` that builds the window at once)."""
        self._later.append(call)
        if self.is_complete and not self._steps_left and len(self._later) == 1:
            QTimer.singleShot(STEP_GAP_MS, self, self._next_step)  # no turn is coming

    # the steps ----------------------------------------------------------------------
    # The library list's modules are the second stage's largest import (with the storage
    # and services modules they need): two turns of their own.
    def _step_library_tasks_module(self: MainWindow) -> None:
        import briefing.gui.library.library_tasks  # noqa: F401

    def _step_library_modules(self: MainWindow) -> None:
        import briefing.gui.library.library_panel  # noqa: F401

    def _step_library(self: MainWindow) -> None:
        from briefing.gui.library.library_panel import LibraryPanel

        self.library = LibraryPanel(self.lib, settings=self.settings)
        self.left.addTab(self.library, "Li&brary")

    def _step_summary_module(self: MainWindow) -> None:
        import briefing.gui.panels.summary_panel  # noqa: F401

    def _step_integrations_module(self: MainWindow) -> None:
        import briefing.gui.shell.integrations  # noqa: F401

    def _step_commands_modules(self: MainWindow) -> None:
        import briefing.gui.library.importer
        import briefing.gui.reader.annotator
        import briefing.gui.shell.actions  # noqa: F401

    def _step_side_panels(self: MainWindow) -> None:
        from briefing.gui.panels.summary_panel import SummaryPanel
        from briefing.gui.shell.integrations import Integrations

        self.summary = SummaryPanel(self.settings.summary_length)
        self.summary.reveal.connect(self.reveal)
        self.tabs.addTab(self.summary, "&Summary")
        for _name, title in LAZY_TABS:
            self.tabs.addTab(QWidget(), title)  # a placeholder until the tab is shown
        self.tabs.currentChanged.connect(self._tab_shown)
        self.integrations = Integrations(self, self.pages)

    def _step_commands(self: MainWindow) -> None:
        from briefing.gui.library.importer import Importer
        from briefing.gui.reader.annotator import Annotator
        from briefing.gui.shell.actions import Actions
        from briefing.gui.shell.page_nav import PageNavigator
        from briefing.gui.sync import install_sync

        self.annotator = Annotator(self)
        self.importer = Importer(self)
        self.acts = Actions(self, self.menus)
        self.page_nav = PageNavigator(self)  # back to the reader from every other page
        self.centralWidget().layout().insertWidget(1, self.page_nav)  # type: ignore[union-attr]
        self._connect()
        self.sync = install_sync(self)  # status-bar sync state, File → Sync…
        self._restore_panels()
        self.view.enable_keyboard_selection()

    def _step_work(self: MainWindow) -> None:
        from briefing.gui.shell.library_upkeep import Upkeep

        self.is_complete = True
        self.upkeep = Upkeep(self)  # other processes' changes shown as they land
        self.library.refresh()
        self.refresh_facets()  # held until the first paint
        article_id = self.session.article_id
        if article_id is not None:
            self.library.select_article(article_id)
        self._render_analysis()
        self._render_annotations()
        if article_id is not None and self.session.analysis is None:
            self._analyse(article_id)
        self._check_system_scheme()
        self.completed.emit()
        pending, self._on_complete = self._on_complete, []
        for call in pending:
            call()

    def _step_menus(self: MainWindow) -> None:
        self.acts.populate()
