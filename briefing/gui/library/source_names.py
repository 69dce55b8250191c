"""Short names for where an article came from (a web site's host, a file's name)."""

from __future__ import annotations

from pathlib import PurePath


def short_source(source: str | None) -> str:
    """``www.example.org/a/b`` → ``example.org``; ``/x/y/article.txt`` → ``article.txt``."""
    if not source:
        return "pasted"
    if source.startswith(("http://", "https://")):
        # urlparse's netloc, without its cost (a library lists thousands of these):
        # what lies between "//" and the first "/", "?" or "#".
        rest = source.split("://", 1)[1]
        for mark in "/?#":
            rest = rest.split(mark, 1)[0]
        return rest.removeprefix("www.")
    return PurePath(source).name
