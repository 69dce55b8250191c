"""read_html: the Siversk sample, hostile markup, pages without an article, titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain.errors import IngestError
from briefing.ingest.html import read_html, sanitise_html
from briefing.ingest.normalise import normalise_text
from briefing.ingest.titles import strip_site_suffix

BODY = (
    "<p>The council voted on Tuesday to approve the new budget for the coming year after a "
    "long debate in the chamber that lasted well into the evening, officials said.</p>"
    "<p>Critics said the plan would raise local taxes for most households in the district, "
    "while supporters pointed to new money for schools and road repairs.</p>"
)


def test_siversk_html_matches_the_text_sample(samples: Path, siversk_text: str) -> None:
    html = (samples / "siversk.html").read_text(encoding="utf-8")
    document = read_html(html, source_path=str(samples / "siversk.html"))
    assert document.text == normalise_text(siversk_text)
    assert document.title == "Russia takes Siversk as Ukraine withdraws"
    assert document.author == "Example Wire staff"
    assert document.published is not None
    assert document.published.startswith("2025-12-23")
    for boilerplate in (
        "Home",
        "cookies",
        "Accept all",
        "By Example Wire",
        "Share this story",
        "Most read",
        "Ten recipes",
        "All rights reserved",
        "Privacy",
    ):
        assert boilerplate not in document.text


def test_hostile_html_leaves_nothing_active(ingest_data: Path) -> None:
    html = (ingest_data / "hostile.html").read_text(encoding="utf-8")
    document = read_html(html)
    assert document.text.startswith("The harbour reopened on Monday morning")
    assert "Read the full timetable" in document.text  # link text survives, target does not
    assert document.title == "Harbour reopens after storm"
    assert document.author == "Jane Roe"
    everything = " ".join(
        str(value) for value in (document.title, document.text, document.author, document.published)
    )
    for marker in (
        "alert",
        "javascript",
        "example.invalid",
        "REMOTE-IMAGE-ALT",
        "IFRAME-FALLBACK",
        "NOSCRIPT",
        "SCRIPT-WRITTEN",
        "OBJECT-FALLBACK",
        "SVG-TEXT",
        "cookie",
        "<",
        ">",
    ):
        assert marker not in everything


def test_sanitiser_output_has_no_active_content(ingest_data: Path) -> None:
    clean = sanitise_html((ingest_data / "hostile.html").read_text(encoding="utf-8")).lower()
    for marker in (
        "<script",
        "<style",
        "<iframe",
        "<img",
        "<object",
        "<svg",
        "<noscript",
        "onload",
        "onclick",
        "onerror",
        "onmouseover",
        "javascript:",
        "<link",
    ):
        assert marker not in clean


def test_page_without_article(ingest_data: Path) -> None:
    html = (ingest_data / "no-article.html").read_text(encoding="utf-8")
    with pytest.raises(IngestError, match=r"^home\.html: no article text found in this HTML page$"):
        read_html(html, source_path="home.html")


@pytest.mark.parametrize("html", ["", "<html></html>", "<html><body><nav>Home</nav></body></html>"])
def test_empty_pages(html: str) -> None:
    with pytest.raises(IngestError, match="no article text found"):
        read_html(html, url="https://example.invalid/x")


def test_title_from_title_tag_loses_the_site_suffix() -> None:
    html = (
        "<html><head><title>Council approves budget | The Daily Gazette</title></head>"
        f"<body><article><h1>Council approves budget</h1>{BODY}</article></body></html>"
    )
    document = read_html(html)
    assert document.title == "Council approves budget"
    assert document.text.startswith("The council voted")  # the headline is not repeated


def test_og_title_is_kept_verbatim() -> None:
    html = (
        '<html><head><meta property="og:title" content="Budget | A Review">'
        f"<title>Other</title></head><body><article>{BODY}</article></body></html>"
    )
    assert read_html(html).title == "Budget | A Review"


def test_byline_paragraph_is_dropped() -> None:
    html = (
        '<html><head><meta name="author" content="Jane Roe"></head><body><article>'
        f"<h1>Council approves budget</h1><p>By Jane Roe, Local Affairs</p>{BODY}"
        "</article></body></html>"
    )
    document = read_html(html)
    assert "Jane Roe, Local Affairs" not in document.text
    assert document.text.startswith("The council voted")


@pytest.mark.parametrize(
    ("title", "sitename", "expected"),
    [
        ("Council approves budget | The Daily Gazette", None, "Council approves budget"),
        ("Budget news - Gazette", None, "Budget news - Gazette"),  # dash, unknown site: keep
        ("Budget news - Gazette", "Gazette", "Budget news"),  # ...unless it is the site name
        ("Rock | Paper", None, "Rock | Paper"),  # head too short to be a headline
        (
            "Why it failed | A long tail of six words",
            None,
            "Why it failed | A long tail of six words",
        ),
    ],
)
def test_strip_site_suffix(title: str, sitename: str | None, expected: str) -> None:
    assert strip_site_suffix(title, sitename=sitename) == expected


def test_byline_check_does_not_eat_a_sentence_starting_with_by() -> None:
    first = "<p>By noon the harbour was open again.</p>"
    html = f"<html><body><article>{first}{BODY}</article></body></html>"
    assert read_html(html).text.startswith("By noon the harbour was open again.")


def test_json_ld_metadata_survives_sanitising() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
        '"@graph": [{"@type": "WebSite", "name": "Gazette"}, {"@type": ["NewsArticle"], '
        '"headline": "Budget passes", "datePublished": "2024-03-04T10:00:00Z", "author": '
        '[{"@type": "Person", "name": "Ann Lee"}, {"name": "Bo Chan"}]}]}</script></head>'
        f"<body><article>{BODY}</article></body></html>"
    )
    document = read_html(html)
    assert document.title == "Budget passes"
    assert document.author == "Ann Lee, Bo Chan"
    assert document.published == "2024-03-04T10:00:00Z"


_HTML_PIECES = st.sampled_from(
    ["<p>", "</p>", "<div class='x'>", "</div>", "<script>", "</script>", "<article>",
     "<h1>", "</h1>", "<a href='javascript:x'>", "</a>", "<!--", "-->", "<meta name=author "
     "content='A'>", "<title>", "</title>", "&amp;", "&#0;", "\x00", " ", "\n", "word",
     "Sentence of several ordinary words here.", "<![CDATA[", "<svg>", "<?xml ?>"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_HTML_PIECES | st.text(max_size=10), max_size=40).map("".join))
def test_random_html_only_raises_ingest_error(html: str) -> None:
    try:
        document = read_html(html, source_path="random.html")
    except IngestError as error:
        assert "\n" not in str(error)
    else:
        assert document.text == normalise_text(document.text)
        assert "\n" not in document.title
