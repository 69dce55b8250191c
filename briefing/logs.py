"""Logging to the user log directory; unexpected errors are written there, not to the screen."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from briefing.paths import app_paths

LOGGER_NAME = "briefing"


def log_file() -> Path:
    return app_paths().logs / "briefing.log"


def configure_logging(level: int = logging.INFO) -> None:
    """Send the ``briefing`` logger to the log file (once per process)."""
    logger = logging.getLogger(LOGGER_NAME)
    if any(getattr(h, "_briefing", False) for h in logger.handlers):
        return
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._briefing = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)


def record_crash(exc: BaseException) -> Path | None:
    """Write ``exc``'s traceback to the log file; return its path (None if unwritable)."""
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None
