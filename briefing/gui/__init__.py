"""The reader window: the only package that imports PySide6 (Qt).

Entry points: :func:`briefing.gui.app.run` (``briefing gui``) and :func:`briefing.gui.app.main`.

The root holds the start-up (``app``), the theme and the building blocks every room uses:
background jobs (``workers``, ``jobs``, ``background``), str/Qt offset mapping
(``positions``), labels that never widen a window, empty-view hints, load/retry states and the
right-to-left delegate. Each screen or part of the window is a room (sub-package): ``shell``,
``reader``, ``panels``, ``library``, ``briefs``, ``review``, ``feeds``, ``llm``, ``sync``,
``capture``. Rooms reach the library only through ``briefing.services`` (never
``briefing.storage``, never SQL) and run long work in workers.
"""

from briefing.gui.pyside_import_hook import lighten as _lighten_pyside_import_hook

_lighten_pyside_import_hook()  # before the reader's own modules are imported
