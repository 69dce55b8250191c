"""Sync in the reader: the status-bar state, the sync settings and the conflicts dialog.

``install_sync(window)`` plugs it into the main window (one call, after its actions exist).

May import the root building blocks, ``panels`` where it shows claims or entities, services
and domain; never ``shell`` (the shell plugs this room in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow
    from briefing.gui.sync.controller import SyncController


def install_sync(window: MainWindow) -> SyncController:
    from briefing.gui.sync.controller import SyncController

    return SyncController(window)
