"""Briefing: an offline news-briefing reader (package root; owns the version).

The version lives here as a constant (pyproject.toml reads it), so starting the app does not
pay for importlib.metadata.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
