"""Background sync work (a sync pass, keeping one version of a conflict) on the job pool."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.gui.workers import Job

if TYPE_CHECKING:
    from briefing.services import Library


class SyncJob(Job):
    """One sync pass: send this library's changes, read the other devices' records."""

    label = "Syncing"

    def __init__(self, keep: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.keep = keep  # (annotation id, version) chosen in a conflict, sent first

    def work(self, lib: object) -> None:
        from briefing.services.syncing import resolve_conflict, run_sync

        self.signals.progress.emit(0, 1, "syncing")
        library: Library = lib  # type: ignore[assignment]
        keep = self.keep
        result = resolve_conflict(library, *keep) if keep else run_sync(library)
        self.signals.progress.emit(1, 1, "")
        self.signals.result.emit(result)
