"""Real-world page shapes (fixtures written for these tests): the article is never lost, the
furniture never kept, and title, author and date come with where they were found."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.domain.article import count_words
from briefing.domain.errors import IngestError
from briefing.ingest import read_path
from briefing.ingest.decode import decode_bytes
from briefing.ingest.pagemeta import clean_authors
from briefing.ingest.structure import StructuredText

PAGES = Path(__file__).resolve().parents[2] / "data" / "ingest" / "pages"


def _lines_of(text: str) -> set[str]:
    return set(text.split("\n"))


def test_form_wrapped_body_is_unwrapped_not_dropped() -> None:
    document = read_path(PAGES / "form-wrapped.html")
    assert document.text.startswith("The harbour bridge will close to all traffic")
    assert "since the bridge opened in 1974." in document.text
    assert len(document.text.split("\n")) == 4
    assert document.title == "Harbour bridge closes for repairs"
    assert document.author == "Marta Lindqvist"
    assert dict(document.meta_source)["author"] == "byline"
    assert "VIEWSTATE" not in document.text and "Copyright" not in document.text


def test_layout_table_reads_as_paragraphs_not_as_a_table_row() -> None:
    document = read_path(PAGES / "table-layout.html")
    assert "A cold May and a wet July have pushed the apple harvest" in document.text
    assert "promised to subsidise from next spring." in document.text
    assert "\t" not in document.text
    assert all(block.kind != "table_row" for block in document.blocks)
    assert "Archive" not in document.text


def test_a_table_that_is_the_article_is_kept_as_rows_of_cells() -> None:
    document = read_path(PAGES / "standings.html")
    rows = document.text.split("\n")
    assert rows[0] == "Pos\tTeam\tPlayed\tPoints"
    assert rows[1] == "1\tRiverside Rovers\t12\t29"
    assert len(rows) == 6
    kinds = [(block.kind, block.level) for block in document.blocks]
    assert kinds == [("table_row", 1)] + [("table_row", 0)] * 5
    assert document.title == "League table after round 12"


def test_a_page_that_is_only_a_reprint_notice_is_kept_with_a_warning() -> None:
    document = read_path(PAGES / "notice-only.html")
    assert "non-commercial use only" in document.text
    assert len(document.warnings) == 1
    assert "mostly a notice" in document.warnings[0]
    assert "This copy is for your personal" in document.warnings[0]


def test_a_reprint_notice_beside_the_story_is_dropped() -> None:
    document = read_path(PAGES / "reprint-notice.html")
    assert "memory chips for data centres rose faster than expected" in document.text
    assert "non-commercial" not in document.text
    assert document.warnings == ()


def test_hover_cards_more_links_share_rows_ads_and_credits_stay_out() -> None:
    document = read_path(PAGES / "hover-cards.html")
    text = document.text
    assert "Gov. Kristi Noem signed the water bill on Tuesday" in text
    for junk in ("Kristi Lynn Noem", "South Dakota governor", "MORE", "Share on",
                 "Advertisement", "Staff Photographer"):  # fmt: skip
        assert junk not in text, junk
    assert text.endswith("before the end of the summer.")


def test_headline_author_and_date_come_from_json_ld_without_the_site_name() -> None:
    document = read_path(PAGES / "hover-cards.html")
    assert document.title == "Governor signs the water bill"
    assert document.author == "Dana Whitfield"
    # datePublished (not dateModified), in the page's own time zone: still the 9th there.
    assert document.published == "2021-03-09T18:45:00-06:00"
    assert dict(document.meta_source) == {
        "title": "json-ld+h1", "author": "json-ld", "published": "json-ld", "text": "precise"
    }  # fmt: skip


def test_character_references_in_json_ld_are_decoded(tmp_path: Path) -> None:
    """WordPress writes its JSON-LD strings HTML-escaped; the title must not show "&#8216;"."""
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": '
          '"&#8216;The Medium is the Message&#8217;: lights &amp; art", '
          '"author": {"@type": "Person", "name": "Ana M&#252;ller"}}')
    body = "".join(f"<p>Paragraph {n} of the festival report, with enough words to read.</p>"
                   for n in range(12))
    page = tmp_path / "festival.html"
    page.write_text(f'<html><head><title>Festival | Inexhibit</title>'
                    f'<script type="application/ld+json">{ld}</script></head>'
                    f"<body><article><h1>Festival</h1>{body}</article></body></html>",
                    encoding="utf-8")
    document = read_path(page)
    assert document.title == "\u2018The Medium is the Message\u2019: lights & art"
    assert document.author == "Ana M\u00fcller"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Phil Helsel", "Phil Helsel"),
        ("Phil Helsel is a reporter for NBC News.", "Phil Helsel"),
        ("Jane Roe, Senior Reporter", "Jane Roe"),
        ("Jane Roe, The Daily Gazette", "Jane Roe"),
        ("BY JOHN SMITH AND MARY JONES", "John Smith, Mary Jones"),
        ("Recent comments", None),
        ("Example Wire staff", "Example Wire staff"),
    ],
)
def test_authors_are_names_only(raw: str, expected: str | None) -> None:
    assert clean_authors(raw, ("The Daily Gazette",)) == expected


def test_structured_markdown_keeps_headings_list_items_and_table() -> None:
    document = read_path(PAGES / "structured.md")
    assert document.title == "Transit changes this summer"
    spans = {document.text[b.start : b.end]: (b.kind, b.level) for b in document.blocks}
    assert spans["What changes"] == ("heading", 2)
    assert spans["Seniors ride free from July 1."] == ("list_item", 1)
    assert spans["Lines N1 and N2 first."] == ("list_item", 2)
    assert spans["First reading: March 4"] == ("list_item", 1)
    assert spans["Line\tOld interval\tNew interval"] == ("table_row", 1)
    assert spans["N1\t60 min\t30 min"] == ("table_row", 0)
    assert spans["Buses are how most of our residents get to work. This is overdue."] == (
        "quote", 0
    )  # fmt: skip
    # Every block is exactly one line of the one text.
    for block in document.blocks:
        assert document.text[block.start : block.end] in _lines_of(document.text)


def test_gzip_saved_pages_are_read_like_html(tmp_path: Path) -> None:
    page = tmp_path / "story.html.gz"
    page.write_bytes(gzip.compress((PAGES / "form-wrapped.html").read_bytes()))
    assert read_path(page).text == read_path(PAGES / "form-wrapped.html").text
    broken = tmp_path / "broken.htm.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    with pytest.raises(IngestError, match=r"broken\.htm\.gz: not a valid gzip file"):
        read_path(broken)


def test_a_few_stray_nul_bytes_do_not_make_a_page_binary() -> None:
    page = b"<html><body><p>" + b"word " * 500 + b"\x00</p></body></html>"
    assert "\x00" not in decode_bytes(page, "page.html")
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 100, "blob.bin")


def test_cjk_words_are_counted_by_character() -> None:
    assert count_words("東京都は新しい計画を発表した。") == 14
    assert count_words("Tokyo 東京 news") == 4
    assert count_words("plain English words") == 3


_LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=30)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["paragraph", "heading", "list_item", "quote", "row"]),
            st.lists(_LINE_TEXT, min_size=1, max_size=4),
        ),
        max_size=12,
    )
)
def test_structured_text_blocks_are_its_lines(items: list[tuple[str, list[str]]]) -> None:
    out = StructuredText()
    for kind, parts in items:
        if kind == "row":
            out.add_row(parts)
        else:
            out.add(kind, " ".join(parts))
    text, blocks = out.build()
    lines = text.split("\n") if text else []
    assert len(lines) == len(out.lines)
    assert all(line for line in lines)
    for block in blocks:
        assert text[block.start : block.end] in lines
        assert block.end == len(text) or text[block.end] == "\n"
        assert block.start == 0 or text[block.start - 1] == "\n"


def test_a_login_form_beside_the_article_is_dropped() -> None:
    from briefing.ingest import read_html

    story = "".join(
        f"<p>Paragraph {n} of the council story says the budget passed after a long debate "
        "about roads, schools and the harbour.</p>"
        for n in range(4)
    )
    html = (
        "<html><head><title>Budget passes</title></head><body><article><h1>Budget passes</h1>"
        f"{story}</article><form class='login'><label>Password must be at least 8 characters"
        "</label><input type='password'><button>Sign in</button></form></body></html>"
    )
    document = read_html(html)
    assert "Paragraph 3 of the council story" in document.text
    assert "Password" not in document.text
