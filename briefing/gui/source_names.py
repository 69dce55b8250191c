"""Short names for where an article came from (a web site's host, a file's name)."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlparse


def short_source(source: str | None) -> str:
    """``www.example.org/a/b`` → ``example.org``; ``/x/y/article.txt`` → ``article.txt``."""
    if not source:
        return "pasted"
    if source.startswith(("http://", "https://")):
        return urlparse(source).netloc.removeprefix("www.")
    return PurePath(source).name
