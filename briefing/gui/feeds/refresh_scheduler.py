"""Automatic refresh while the app runs: a QTimer that, every few minutes, asks for the due
feeds to be refreshed (the panel runs them in a worker). Off when switched off or when there
is no feed at all; a tick while a refresh is still running is skipped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from briefing.services import Library
from briefing.services.feeds import due_feeds

DEFAULT_INTERVAL_MS = 5 * 60 * 1000


class RefreshScheduler(QObject):
    """``start_refresh()`` must start a refresh of the due feeds and return False when it
    could not (one is already running). ``triggered(count)`` fires when it did."""

    triggered = Signal(int)  # how many feeds were due
    enabled_changed = Signal(bool)

    def __init__(
        self,
        lib: Library,
        start_refresh: Callable[[], bool],
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self._start_refresh = start_refresh
        self._enabled = True
        self._feed_count = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def is_enabled(self) -> bool:
        return self._enabled

    def is_running(self) -> bool:
        return self.timer.isActive()

    def set_enabled(self, on: bool) -> None:
        if on != self._enabled:
            self._enabled = on
            self._update()
            self.enabled_changed.emit(on)

    def set_interval(self, msecs: int) -> None:
        self.timer.setInterval(max(1, msecs))

    def set_feed_count(self, count: int) -> None:
        """Tell how many feeds exist: the timer only runs when there is at least one."""
        self._feed_count = count
        self._update()

    def _update(self) -> None:
        if self._enabled and self._feed_count > 0:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def check(self) -> bool:
        """Start a refresh when feeds are due; True when one was started."""
        if not self._enabled or self._feed_count <= 0:
            return False
        due = due_feeds(self.lib)
        if not due or not self._start_refresh():
            return False
        self.triggered.emit(len(due))
        return True

    def stop(self) -> None:
        self.timer.stop()
