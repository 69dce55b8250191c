"""The built-in engine's name and version, importable without the engine itself (looking up a
cached analysis must not import the tagger, the claim model and the rest)."""

from __future__ import annotations

NAME = "builtin"
VERSION = "2.3.0"
"""Bump whenever the output for the same text can change (results are cached per version)."""
