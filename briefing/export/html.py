"""Rendering a Markdown brief as a standalone HTML5 page with python-markdown.

The page inlines the packaged stylesheet (resources/templates/brief.css), declares a strict
Content-Security-Policy, loads nothing remote and holds no script: the converted body is
passed through nh3 with a tag list without ``script``, ``img`` or other embedding elements.
"""

from __future__ import annotations

import html
import re
from functools import cache
from importlib.resources import files

import markdown
import nh3

from briefing.export.regions import is_marker_line

STYLESHEET_FILE = "brief.css"
EXTENSIONS = ("extra", "sane_lists", "toc")
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_CALLOUT = re.compile(r"^(\s*>\s*)\[!(\w+)\]\s*", re.MULTILINE)
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_BLOCKED_TAGS = frozenset({"img", "area", "map"})

PAGE = """<!DOCTYPE html>
<html{lang}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Briefing">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


@cache
def stylesheet() -> str:
    """The packaged stylesheet (read once, on first use)."""
    return (files("briefing.resources") / "templates" / STYLESHEET_FILE).read_text("utf-8")


def strip_front_matter(text: str) -> str:
    """The Markdown without a leading YAML front matter block."""
    return _FRONT_MATTER.sub("", text.replace("\r\n", "\n"), count=1)


def _prepare(markdown_text: str) -> str:
    body = strip_front_matter(markdown_text)
    lines = [line for line in body.split("\n") if not is_marker_line(line)]
    # Obsidian-style callouts ("> [!warning] ...") read as a bold label elsewhere.
    return _CALLOUT.sub(lambda m: f"{m[1]}**{m[2].capitalize()}:** ", "\n".join(lines))


def _sanitise(fragment: str) -> str:
    attributes = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes.pop("img", None)
    attributes["*"] = {"id", "class", "title"}
    return nh3.clean(
        fragment,
        tags=set(nh3.ALLOWED_TAGS) - _BLOCKED_TAGS,
        attributes=attributes,
        url_schemes=set(_URL_SCHEMES),
        strip_comments=True,
    )


def render_html(markdown_text: str, *, title: str, lang: str | None = None,
                direction: str = "ltr") -> str:
    """A full HTML5 document for ``markdown_text`` (a brief as render_markdown makes it).
    ``lang`` (a BCP 47 tag; None: not named) and ``direction`` ("ltr" or "rtl") describe
    the articles' text (see language.py)."""
    if direction not in ("ltr", "rtl"):
        raise ValueError(f"text direction {direction!r}: use ltr or rtl")
    converter = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    body = _sanitise(converter.convert(_prepare(markdown_text)))
    return PAGE.format(
        lang=f' lang="{html.escape(lang)}" dir="{direction}"' if lang else f' dir="{direction}"',
        csp=CSP,
        title=html.escape(" ".join(title.split()) or "Brief"),
        css=stylesheet().strip(),
        body=body.strip(),
    )
