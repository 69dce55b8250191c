"""HTML brief: a full, well-formed, self-contained page with nothing of the markers showing."""

from __future__ import annotations

import re
from dataclasses import replace

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain import Selector
from briefing.export.brief import export_brief
from briefing.export.escape import blockquote, escape_line
from briefing.export.html import CSP, render_html
from briefing.export.markdown import render_markdown
from briefing.export.model import ArticleBrief, BriefDocument

from .helpers import outline
from .sample import EXPORTED_AT

PLACEHOLDER = re.compile(r"\$\{?\w+|\{\{")


def test_page_is_complete_and_strict(sample_doc: BriefDocument) -> None:
    page = export_brief(sample_doc, "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')
    assert f'content="{CSP}"' in page
    assert "default-src 'none'" in CSP and "style-src 'unsafe-inline'" in CSP
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//[^"']*\.(css|js)""", page)
    assert "<link" not in page and "@import" not in page
    assert "@media print" in page  # the packaged stylesheet is inlined
    assert "<title>Weekly brief: Donbas #1</title>" in page


def test_no_markers_or_placeholders_visible(sample_doc: BriefDocument) -> None:
    parsed = outline(export_brief(sample_doc, "html"))
    assert parsed.errors == []
    assert parsed.comments == []
    visible = parsed.visible
    for leak in ("<!--", "briefing:", "sha256", "front_matter", "exported_at:"):
        assert leak not in visible
    assert not PLACEHOLDER.search(visible)


def test_headings_and_lists(sample_doc: BriefDocument) -> None:
    parsed = outline(export_brief(sample_doc, "html"))
    assert parsed.headings[:3] == [
        ("h1", "Weekly brief: Donbas #1"),
        ("h2", 'Russia takes Siversk: "fortress belt" next?'),
        ("h3", "Summary"),
    ]
    assert [h for _, h in parsed.headings[2:]] == [
        "Summary",
        "Key entities",
        "Claims to check",
        "Highlights & notes",
        "Orphaned annotations",
        "Article text",
    ]
    assert parsed.tags.count("li") == 3 + 3  # summary sentences + entity groups
    assert parsed.tags.count("blockquote") == 3 + 3 + 1  # claims, highlights, orphan


def test_quotes_render_literally(sample_brief: ArticleBrief) -> None:
    nasty = "x `tick` | *star* _u_ <script>alert(1)</script>\n# not a heading\n- not a list"
    orphan = sample_brief.annotations[-1]
    odd = replace(orphan, selector=Selector(0, 0, nasty), note="<b>bold?</b> **no**")
    brief = replace(sample_brief, annotations=(*sample_brief.annotations[:-1], odd))
    page = export_brief(BriefDocument("T", (brief,), EXPORTED_AT), "html")
    parsed = outline(page)
    assert "<script" not in page
    visible = parsed.visible
    assert "x `tick` | *star* _u_ <script>alert(1)</script>" in visible
    assert "# not a heading" in visible and "- not a list" in visible
    assert "<b>bold?</b> **no**" in visible
    # the three quote lines stay in one blockquote
    quote = page[page.rindex("<blockquote>") : page.rindex("</blockquote>")]
    assert "not a heading" in quote and "not a list" in quote


def test_empty_brief_renders() -> None:
    doc = BriefDocument('Empty: "none"', (), EXPORTED_AT)
    parsed = outline(render_html(render_markdown(doc), title=doc.title))
    assert parsed.errors == []
    assert "This brief has no articles." in parsed.visible
    assert parsed.headings == [("h1", 'Empty: "none"')]


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
    min_size=1,
    max_size=40,
)


def _rendered_text(md_text: str) -> str:
    html = markdown.markdown(md_text, extensions=["extra", "sane_lists", "toc"])
    return " ".join(outline(html).visible.split())


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_escaped_line_renders_as_itself(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    assert _rendered_text(f"Title: {escape_line(text)}") == f"Title: {expected}"


@settings(max_examples=100, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_blockquote_keeps_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    html = markdown.markdown(blockquote(text), extensions=["extra", "sane_lists"])
    parsed = outline(html)
    assert parsed.tags[0] == "blockquote"
    assert parsed.tags.count("blockquote") == 1
    words = [w for line in lines for w in line.split()]
    assert " ".join(parsed.visible.split()) == (" ".join(words) or "…")
