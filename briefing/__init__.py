"""Briefing: an offline news-briefing reader (package root; owns the version)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("briefing")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
