"""The only place file-system locations are decided (platformdirs + BRIEFING_DATA_DIR)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "briefing"
ENV_OVERRIDE = "BRIEFING_DATA_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "library.sqlite3"

    @property
    def settings(self) -> Path:
        return self.config / "settings.json"

    @property
    def backups(self) -> Path:
        return self.data / "backups"


def app_paths() -> AppPaths:
    """Where Briefing keeps things. ``BRIEFING_DATA_DIR`` puts everything under one folder."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        root = Path(override).expanduser()
        return AppPaths(root / "data", root / "config", root / "cache", root / "logs")
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
