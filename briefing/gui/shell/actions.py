"""Menus and QActions of the main window (standard keys where Qt has them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from briefing.domain import COLORS
from briefing.domain.annotation import TO_CHECK_COLOR
from briefing.gui.gui_settings import LAYERS
from briefing.gui.theme import THEMES

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow

Key = QKeySequence.StandardKey
READER_KEYS = frozenset({
    "color1", "color2", "color3", "color4", "color5", "note", "tag", "delete", "cancel",
    "next_claim", "prev_claim", "next_mention", "prev_mention", "verdict", "find_next",
    "find_previous",
})


class Actions:
    """Creates every action, puts it in the menu bar, and connects it to the window.

    The menu bar's menus exist from the start; their actions (and shortcuts) are made by
    :meth:`populate`, which the window calls right after its first paint, or on first use
    of :attr:`all` / ``acts[key]``, whichever comes first.
    """

    def __init__(self, w: MainWindow, menus: dict[str, QMenu]) -> None:
        self.w = w
        self._all: dict[str, QAction] = {}
        self._populated = False
        self.menus = menus  # the window's top-level menus, by MENUS title

    @property
    def all(self) -> dict[str, QAction]:
        self.populate()
        return self._all

    def populate(self) -> None:
        """Make every action (once)."""
        if self._populated:
            return
        self._populated = True
        w = self.w
        file = self.menus["&File"]
        self.add(file, "open", "&Open…", w.importer.open_dialog, Key.Open)
        self.add(file, "paste", "&Paste as New Article", w.importer.paste, "Ctrl+Shift+V")
        self.add(file, "sample", "Open &Sample Article", w.importer.open_sample)
        file.addSeparator()
        export = file.addMenu("&Export Brief")
        self.add(export, "export_markdown", "&Markdown…", lambda: w.export("markdown"), "Ctrl+E")
        self.add(export, "export_html", "&HTML…", lambda: w.export("html"))
        self.add(export, "export_w3c", "&W3C Annotations (JSON)…", lambda: w.export("w3c"))
        self.add(file, "preview_brief", "Pre&view Brief…", w.integrations.preview_current_brief)
        file.addSeparator()
        self.add(file, "cancel", "&Cancel Background Work", w.escape, "Esc")
        self.add(file, "settings", "Se&ttings…", w.open_settings, Key.Preferences)
        self.add(file, "llm_settings", "&Language Model…", w.integrations.open_llm_settings)
        file.addSeparator()
        self.add(file, "quit", "&Quit", w.close, Key.Quit)

        edit = self.menus["&Edit"]
        undo = w.undo_group.createUndoAction(w, "&Undo")
        undo.setShortcut(QKeySequence(Key.Undo))
        redo = w.undo_group.createRedoAction(w, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(Key.Redo)])
        edit.addAction(undo)
        edit.addAction(redo)
        self._all["undo"], self._all["redo"] = undo, redo
        edit.addSeparator()
        self.add(edit, "copy", "&Copy", w.view.copy, Key.Copy)
        self.add(edit, "search", "Search &Library", w.focus_search, "Ctrl+K")
        self.add(edit, "find", "&Find in Article…", w.find_in_article, Key.Find)
        self.add(edit, "find_next", "Find Ne&xt", lambda: w.area.find_step(1), Key.FindNext)
        self.add(edit, "find_previous", "Find Pre&vious", lambda: w.area.find_step(-1),
                 Key.FindPrevious)
        edit.addSeparator()
        for i, color in enumerate(COLORS, start=1):
            check = " (To Check)" if color == TO_CHECK_COLOR else ""
            self.add(edit, f"color{i}", f"Highlight {color.capitalize()}{check}",
                     lambda _c=False, n=color: w.annotator.highlight(n), str(i))
        self.add(edit, "note", "Add or Edit &Note…", w.annotator.note_at_selection, "N")
        self.add(edit, "tag", "Add &Tags…", w.annotator.tag_selection, "T")
        self.add(edit, "claim", "Mark as &Claim", w.annotator.mark_claim)
        self.add(edit, "delete", "&Delete Highlight", w.annotator.delete_at_selection,
                 Key.Delete)

        view = self.menus["&View"]
        self.add(view, "reader", "&Reader", lambda: w.page_nav.show_reader(), Key.Back)
        self.add(view, "review", "&Review Mode", lambda on: w.integrations.show_review(on),
                 "Ctrl+R", checkable=True)
        self.add(view, "toggle_library", "Show &Library", w.toggle_library, "Ctrl+L",
                 checkable=True).setChecked(True)
        view.addSeparator()
        for name in LAYERS:
            action = self.add(view, f"layer_{name}", f"Show {name.capitalize()}",
                              lambda on, n=name: w.set_layer(n, on), checkable=True)
            action.setChecked(w.settings.layer(name))
        view.addSeparator()
        self.add(view, "bigger", "&Bigger Text", lambda: w.change_font_size(1), Key.ZoomIn)
        self._all["bigger"].setShortcuts([QKeySequence(Key.ZoomIn), QKeySequence("Ctrl+=")])
        self.add(view, "smaller", "&Smaller Text", lambda: w.change_font_size(-1), Key.ZoomOut)
        self.add(view, "reset_size", "&Reset Text Size", lambda: w.change_font_size(0), "Ctrl+0")
        themes = view.addMenu("&Theme")
        group = QActionGroup(w)
        for name in THEMES:
            action = self.add(themes, f"theme_{name}",
                              "Follow the System" if name == "system" else name.capitalize(),
                              lambda n=name: w.set_theme(n))
            action.setCheckable(True)
            action.setChecked(w.settings.theme == name)
            group.addAction(action)

        article = self.menus["&Article"]
        self.add(article, "next_claim", "Next Claim", lambda: w.step_claim(1), "J")
        self.add(article, "prev_claim", "Previous Claim", lambda: w.step_claim(-1), "K")
        self.add(article, "next_mention", "Next Entity Mention", lambda: w.step_mention(1), "]")
        self.add(article, "prev_mention", "Previous Entity Mention",
                 lambda: w.step_mention(-1), "[")
        self.add(article, "verdict", "Claim &Verdict…", w.annotator.verdict_for_current, "V")
        article.addSeparator()
        for i, name in enumerate(("Summary", "Entities", "Claims", "Notes", "Language Model"),
                                 start=1):
            self.add(article, f"tab{i}", f"Show {name}",
                     lambda _c=False, n=i - 1: w.show_tab(n), f"Ctrl+{i}")
        article.addSeparator()
        self.add(article, "reanalyse", "Re-&analyse", w.reanalyse, Key.Refresh)
        self.add(article, "revisions", "&Revisions…", w.integrations.show_revisions)
        self.add(article, "preview", "&Preview Brief of This Article…",
                 lambda: w.integrations.preview_brief([w.session.article.id],
                                                      w.session.article.title)
                 if w.session.article is not None else None, "Ctrl+Shift+P")

        help_menu = self.menus["&Help"]
        self.add(help_menu, "help_sample", "Open the Sample Article", w.importer.open_sample)
        self.add(help_menu, "shortcuts", "&Keyboard Shortcuts", w.show_shortcuts,
                 Key.HelpContents)
        self.add(help_menu, "about", "&About Briefing", w.show_about)

    def add(self, menu: QMenu, key: str, text: str, slot: Callable[..., object],
            shortcut: Key | str | None = None, *, checkable: bool = False) -> QAction:
        action = QAction(text, self.w)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _c=False, s=slot: s())
        menu.addAction(action)
        if key in READER_KEYS:
            # Plain keys (1-5, N, J, Delete, Esc...) act only inside the reader page, so other
            # pages (review, feeds) and their lists keep those keys.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.w.splitter.addAction(action)
        else:
            self.w.addAction(action)
        self._all[key] = action
        return action

    def __getitem__(self, key: str) -> QAction:
        return self.all[key]
