"""Test helpers: visible text of HTML, YAML front matter of a Markdown brief."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import yaml  # test-only dependency (PyYAML)


class HtmlOutline(HTMLParser):
    """Collects visible text, comments, tag counts and nesting errors of an HTML page."""

    VOID = frozenset({"meta", "br", "hr", "img", "link", "input", "wbr", "col", "area"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.comments: list[str] = []
        self.tags: list[str] = []
        self.errors: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._in_head_only = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self._stack.append(tag)
        if tag in ("style", "title"):
            self._in_head_only += 1

    def handle_endtag(self, tag: str) -> None:
        if not self._stack or self._stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self._stack[-3:]}")
            return
        self._stack.pop()
        if tag in ("style", "title"):
            self._in_head_only -= 1

    def handle_data(self, data: str) -> None:
        if self._in_head_only:
            return
        self.text.append(data)
        if self._stack and self._stack[-1] in ("h1", "h2", "h3", "h4"):
            self.headings.append((self._stack[-1], data))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def outline(html: str) -> HtmlOutline:
    parser = HtmlOutline()
    parser.feed(html)
    parser.close()
    return parser


def front_matter(markdown_text: str) -> Any:
    assert markdown_text.startswith("---\n")
    end = markdown_text.index("\n---\n", 4)
    return yaml.safe_load(markdown_text[4:end])
