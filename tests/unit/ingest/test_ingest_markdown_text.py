"""read_markdown and read_plain: rendering, titles and their fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.domain.errors import IngestError
from briefing.ingest.markdown import read_markdown, split_front_matter
from briefing.ingest.text import read_plain


def test_markdown_fixture(ingest_data: Path) -> None:
    source = (ingest_data / "briefing-note.md").read_text(encoding="utf-8")
    document = read_markdown(source, source_path="briefing-note.md")
    assert document.title == "Port authority briefing"
    assert document.author == "Desk editor"
    assert document.published == "2025-11-02"
    assert document.text.split("\n") == [
        "The harbour reopened on Monday after a three-day clean-up.",
        "What changes",
        "Ferries resume on Wednesday.",
        "Fishing boats are back at their moorings.",
        '"We are open for business," the harbour master said.',
    ]
    assert "example.invalid" not in document.text
    assert "photo" not in document.text


def test_markdown_heading_becomes_title_and_leaves_the_text() -> None:
    document = read_markdown("# Storm update\n\nThe harbour is open.\n")
    assert document.title == "Storm update"
    assert document.text == "The harbour is open."


def test_markdown_heading_stays_when_front_matter_names_another_title() -> None:
    document = read_markdown("---\ntitle: Notes\n---\n# Storm update\n\nThe harbour is open.\n")
    assert document.title == "Notes"
    assert document.text == "Storm update\nThe harbour is open."


def test_markdown_without_heading_uses_a_file_name_written_as_a_title() -> None:
    document = read_markdown(
        "Just a paragraph.\n\n## Sub\n\nMore.", source_path="/x/Meeting notes.md"
    )
    assert document.title == "Meeting notes"
    slug = read_markdown("Just a paragraph.\n\n## Sub\n\nMore.", source_path="/x/notes-3.md")
    assert slug.title == "Just a paragraph. Sub More."
    assert document.text == "Just a paragraph.\nSub\nMore."


def test_markdown_drops_raw_scripts() -> None:
    document = read_markdown("# T\n\nText.\n\n<script>alert(1)</script>\n")
    assert "alert" not in document.text


def test_markdown_with_no_text() -> None:
    with pytest.raises(IngestError, match=r"^empty\.md: no text found"):
        read_markdown("# Only a heading\n", source_path="empty.md")


def test_front_matter() -> None:
    fields, rest = split_front_matter("---\ntitle: 'A: B'\ndate: 2024-01-02\n---\nBody")
    assert fields == {"title": "A: B", "date": "2024-01-02"}
    assert rest == "Body"
    assert split_front_matter("No front matter") == ({}, "No front matter")


def test_plain_headline_first_line(ingest_data: Path) -> None:
    raw = (ingest_data / "wrapped.txt").read_text(encoding="utf-8")
    document = read_plain(raw, source_path="wrapped.txt")
    assert document.title == "Harbour reopens after storm"
    assert document.text == (
        "The harbour reopened on Monday morning after engineers spent three days clearing "
        "debris.\nFerries resume on Wednesday."
    )


def test_plain_given_title_keeps_the_first_line() -> None:
    document = read_plain("Short headline\nBody text here.", title="Mine")
    assert document.title == "Mine"
    assert document.text == "Short headline\nBody text here."


def test_plain_sentence_first_line_is_not_a_headline(samples: Path) -> None:
    revised = (samples / "siversk-revised.txt").read_text(encoding="utf-8")
    document = read_plain(revised, source_path=str(samples / "siversk-revised.txt"))
    assert document.title == "UPDATE: This story has been updated with the…"
    assert document.text.startswith("UPDATE: This story has been updated")


def test_plain_pasted_text_gets_first_words(siversk_text: str) -> None:
    document = read_plain(siversk_text)
    assert document.title == "Russian forces have secured control of the eastern…"


def test_plain_single_short_line_stays_text() -> None:
    document = read_plain("Hello world")
    assert (document.title, document.text) == ("Hello world", "Hello world")


def test_plain_empty() -> None:
    with pytest.raises(IngestError, match=r"^blank\.txt: contains no text$"):
        read_plain(" \n\t ", source_path="blank.txt")
