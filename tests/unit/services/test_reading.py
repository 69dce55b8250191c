"""Reopening an article where the reader stopped: remember, clamp, re-find after a revision."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefing.domain import BriefingError
from briefing.ingest import read_plain
from briefing.services import Library
from briefing.services.articles import get_article, import_document
from briefing.services.reading import (
    QUOTE_LENGTH,
    reading_position,
    relocate,
    remember_position,
)
from briefing.services.revising import revise_article
from briefing.storage import reading as reading_store

PARAGRAPHS = [
    "Officials said about 75% of the region was held by noon.",
    "The mayor denied it on Tuesday, calling the figure invented.",
    "Engineers restored power to the northern districts overnight.",
    "Talks are expected to resume next week in the capital.",
]
TEXT = "\n".join(PARAGRAPHS)


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


def _import(lib: Library, text: str = TEXT) -> int:
    return import_document(lib, read_plain(text, title="Report"), analyse=False).article.id


def test_no_position_remembered_opens_at_the_start(lib: Library) -> None:
    assert reading_position(lib, _import(lib)) == 0


def test_round_trip_stores_quote_and_time(lib: Library) -> None:
    article_id = _import(lib)
    start = TEXT.index("Engineers")
    remember_position(lib, article_id, start)
    assert reading_position(lib, article_id) == start
    stored = reading_store.get(lib.conn, article_id)
    assert stored is not None
    assert stored.quote == TEXT[start : start + QUOTE_LENGTH]
    assert stored.updated_at.endswith("Z")
    remember_position(lib, article_id, 7)
    assert reading_position(lib, article_id) == 7


def test_positions_are_clamped_to_the_text(lib: Library) -> None:
    article_id = _import(lib)
    remember_position(lib, article_id, -40)
    assert reading_position(lib, article_id) == 0
    remember_position(lib, article_id, len(TEXT) + 1000)
    assert reading_position(lib, article_id) == len(TEXT)
    stored = reading_store.get(lib.conn, article_id)
    assert stored is not None and stored.position == len(TEXT) and stored.quote == ""


def test_unknown_article_is_a_clear_error(lib: Library) -> None:
    with pytest.raises(BriefingError, match="no article with id 4242"):
        remember_position(lib, 4242, 3)
    with pytest.raises(BriefingError, match="no article with id 4242"):
        reading_position(lib, 4242)
    assert lib.conn.execute("SELECT count(*) FROM reading_positions").fetchone()[0] == 0


def test_position_is_re_found_after_a_revision(lib: Library) -> None:
    article_id = _import(lib)
    remember_position(lib, article_id, TEXT.index("Engineers"))
    revised = "\n".join(
        ["A new opening paragraph was added by the editors.", *PARAGRAPHS[:2],
         "An update on the outage follows.", *PARAGRAPHS[2:]]
    )
    revise_article(lib, article_id, revised)
    assert get_article(lib, article_id).text == revised
    assert reading_position(lib, article_id) == revised.index("Engineers")


def test_the_nearest_occurrence_of_the_quote_wins(lib: Library) -> None:
    article_id = _import(lib)
    remember_position(lib, article_id, TEXT.index("Talks"))
    # the quoted paragraph now appears twice: once far up, once just after the old offset
    revised = "\n".join([PARAGRAPHS[3], *PARAGRAPHS[:2], "Short note.", *PARAGRAPHS[2:]])
    revise_article(lib, article_id, revised)
    assert reading_position(lib, article_id) == revised.rindex("Talks")


def test_quote_gone_opens_at_the_start_of_the_paragraph(lib: Library) -> None:
    article_id = _import(lib)
    old = TEXT.index("restored")
    remember_position(lib, article_id, old)
    revised = "\n".join([*PARAGRAPHS[:2], "Crews brought electricity back late on Sunday.",
                         PARAGRAPHS[3]])
    revise_article(lib, article_id, revised)
    expected = revised.rfind("\n", 0, old) + 1
    assert reading_position(lib, article_id) == expected
    assert revised[expected:].startswith("Crews")


def test_quote_gone_beyond_a_shorter_text_opens_its_last_paragraph(lib: Library) -> None:
    article_id = _import(lib)
    remember_position(lib, article_id, TEXT.index("capital"))
    revised = "Officials retracted the figure.\nNo talks are planned."
    revise_article(lib, article_id, revised)
    assert reading_position(lib, article_id) == revised.index("No talks")


def test_relocate_directly() -> None:
    assert relocate("abc\ndef", 4, "def") == 4
    assert relocate("xx\nabc\ndef", 4, "def") == 7  # moved: the nearest occurrence
    assert relocate("def\nab\ndef", 5, "def") == 7  # the one after is nearer
    assert relocate("def\nabc\nzz\ndef", 5, "def") == 0  # the one before is nearer
    assert relocate("def\nabc\ndef", 4, "def") == 0  # a tie: the earlier one
    assert relocate("abc\nxyz", 6, "gone") == 4  # start of the line holding the offset
    assert relocate("abc", 50, "gone") == 0  # clamped to the end, then its line start
    assert relocate("abc\nde", 50, "") == 4  # empty quote past the end: last line
    assert relocate("", 3, "abc") == 0


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(alphabet=st.sampled_from("ab cé\n.Ж"), min_size=1, max_size=120),
    position=st.integers(min_value=-10, max_value=200),
)
def test_unchanged_text_gives_back_the_clamped_position(
    lib: Library, text: str, position: int
) -> None:
    assume(text.strip())
    article = import_document(lib, read_plain(text, title="T"), analyse=False).article
    remember_position(lib, article.id, position)
    assert reading_position(lib, article.id) == min(max(position, 0), len(article.text))


def test_the_article_as_shown_can_be_passed_instead_of_its_id(lib: Library) -> None:
    from briefing.services.articles import delete_article

    article = get_article(lib, _import(lib))
    offset = TEXT.index("The mayor")
    remember_position(lib, article, offset)
    assert reading_position(lib, article) == offset == reading_position(lib, article.id)
    delete_article(lib, article.id)
    with pytest.raises(BriefingError, match=f"no article with id {article.id}"):
        remember_position(lib, article, offset)  # deleted since it was shown
