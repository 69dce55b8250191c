"""A page that recomputes its contents only when it is seen: ``refresh()`` marks it stale
and reloads at once when it is visible, else the next time it is shown."""

from __future__ import annotations

from typing import Any


class StalePage:
    """Mixed in before a QWidget; the page implements ``_load()``, which clears ``_dirty``."""

    _dirty: bool = True

    def refresh(self) -> None:
        """Recompute (e.g. after new articles); waits until the page is shown."""
        self._dirty = True
        if self.isVisible():  # type: ignore[attr-defined]
            self._load()  # type: ignore[attr-defined]

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._dirty:
            self._load()  # type: ignore[attr-defined]
