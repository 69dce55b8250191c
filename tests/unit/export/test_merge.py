"""Re-export merge: generated regions refresh, the user's text survives, edits inside a
generated region are kept beside the new version and reported."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.export.markdown import render_markdown
from briefing.export.merge import merge_reexport
from briefing.export.model import ArticleBrief, BriefDocument
from briefing.export.regions import parse_document

from .helpers import front_matter


def _renamed(doc: BriefDocument, note: str) -> BriefDocument:
    """The same brief after the user changed a note in the app."""
    brief = doc.articles[0]
    anns = tuple(
        a.with_changes(note=note) if a.note.startswith("Key for") else a for a in brief.annotations
    )
    return replace(
        doc, articles=(replace(brief, annotations=anns),), exported_at="2026-12-01T00:00:00Z"
    )


def test_unchanged_file_stays_identical(sample_doc: BriefDocument) -> None:
    md = render_markdown(sample_doc)
    result = merge_reexport(md, md)
    assert result.text == md and result.conflicts == ()


def test_user_paragraph_kept_in_place_and_regions_refreshed(sample_doc: BriefDocument) -> None:
    old = render_markdown(sample_doc)
    mine = "My own take: the **fortress belt** matters most.\n\nSecond thought."
    edited = old.replace(
        "<!-- briefing:end entities a7 -->\n", f"<!-- briefing:end entities a7 -->\n\n{mine}\n"
    )
    new = render_markdown(_renamed(sample_doc, "Anchor cities: watch Sloviansk."))
    result = merge_reexport(edited, new)
    assert result.conflicts == ()
    text = result.text
    assert mine in text
    assert text.index("<!-- briefing:end entities a7 -->") < text.index(mine)
    assert text.index(mine) < text.index("<!-- briefing:begin claims a7")
    assert "Anchor cities: watch Sloviansk." in text and "Key for the next months" not in text
    assert front_matter(text)["exported_at"] == "2026-12-01T00:00:00Z"
    # a second re-export is stable
    assert merge_reexport(text, new).text == text


def test_edit_inside_region_keeps_both(sample_doc: BriefDocument) -> None:
    old = render_markdown(sample_doc)
    edited = old.replace(
        "**Note:** Key for the next months.", "**Note:** Key for the next months, says my editor."
    )
    assert edited != old
    new = render_markdown(_renamed(sample_doc, "Anchor cities: watch Sloviansk."))
    result = merge_reexport(edited, new)
    assert len(result.conflicts) == 1 and result.conflicts[0].startswith("highlights a7")
    text = result.text
    assert "Key for the next months, says my editor." in text  # the user's version
    assert "Anchor cities: watch Sloviansk." in text  # the new version
    warning = text.index("> **Briefing:** your edits to this generated section")
    assert "[!" not in text  # no callout syntax: it renders literally outside Obsidian
    assert text.index("<!-- briefing:end highlights a7 -->") < warning
    assert warning < text.index("says my editor")
    # the kept copy is plain text now: re-exporting again keeps it without a new conflict
    again = merge_reexport(text, new)
    assert again.conflicts == () and again.text == text
    assert [r.key for r in parse_document(text).regions].count("highlights a7") == 1


def test_edited_front_matter_stays_yaml_and_keeps_the_edit(sample_doc: BriefDocument) -> None:
    old = render_markdown(sample_doc)
    edited = old.replace('tags:\n  - "ukraine"', 'tags:\n  - "ukraine"\n  - "mine"')
    result = merge_reexport(edited, render_markdown(sample_doc))
    assert result.conflicts and result.conflicts[0].startswith("front-matter")
    assert front_matter(result.text)["tags"] == ["ukraine", "war"]
    assert "```yaml" not in result.text  # the YAML stays YAML
    assert '#     - "mine"' in result.text  # the user's version, as a YAML comment
    again = merge_reexport(result.text, render_markdown(sample_doc))
    assert again.text == result.text and again.conflicts == ()


def test_edited_front_matter_title_wins(sample_doc: BriefDocument) -> None:
    old = render_markdown(sample_doc)
    edited = old.replace('title: "Weekly brief: Donbas #1"', 'title: "My own title"')
    edited = edited.replace("---\n", "---\nreviewer: \"me\"\n", 1)
    new = render_markdown(_renamed(sample_doc, "Anchor cities: watch Sloviansk."))
    result = merge_reexport(edited, new)
    meta = front_matter(result.text)
    assert meta["title"] == "My own title" and meta["reviewer"] == "me"
    assert meta["exported_at"] == "2026-12-01T00:00:00Z"  # the rest is refreshed
    assert result.conflicts == ()
    again = merge_reexport(result.text, new)
    assert front_matter(again.text)["title"] == "My own title" and again.text == result.text


def test_edit_inside_unchanged_region_stays_in_place(sample_doc: BriefDocument) -> None:
    old = render_markdown(sample_doc)
    end = "<!-- briefing:end summary a7 -->"
    edited = old.replace(end, f"My added line in the summary.\n\n{end}")
    assert edited != old
    result = merge_reexport(edited, render_markdown(_renamed(sample_doc, "New note.")))
    assert result.conflicts == ()
    text = result.text
    assert text.count("My added line in the summary.") == 1
    assert text.index("My added line") < text.index(end)  # inside the region still
    assert text.count("<!-- briefing:begin summary a7") == 1
    assert "Briefing:**" not in text and "New note." in text


def test_removed_article_dropped_unless_edited(
    sample_doc: BriefDocument, sample_brief: ArticleBrief
) -> None:
    second = replace(sample_brief, article=replace(sample_brief.article, id=9, title="Second"))
    both = render_markdown(replace(sample_doc, articles=(sample_brief, second)))
    edited = both.replace("## Second", "## Second (my title)")
    edited = edited.replace(
        "<!-- briefing:end summary a9 -->\n", "<!-- briefing:end summary a9 -->\n\nAbout a9.\n"
    )
    result = merge_reexport(edited, render_markdown(sample_doc))
    text = result.text
    assert "begin summary a9" not in text and "begin article a9" not in text
    assert "## Second (my title)" in text  # edited region kept as text, with a note
    assert "is no longer generated" in text
    assert "About a9." in text
    assert [c.split(":")[0] for c in result.conflicts] == ["article a9"]
    kept = text.split("## Second (my title)")[1]
    assert "### Claims to check" not in kept  # unedited a9 regions are gone
    assert "\n\n\n" not in text


def test_text_before_first_region_and_template_text(sample_doc: BriefDocument) -> None:
    old = render_markdown(sample_doc)
    head, sep, rest = old.partition("<!-- briefing:begin header")
    edited = f"{head}Read this first.\n\n{sep}{rest}\nThe end, by me.\n"
    result = merge_reexport(edited, render_markdown(sample_doc))
    assert result.conflicts == ()
    assert result.text.index("Read this first.") < result.text.index("briefing:begin header")
    assert result.text.rstrip().endswith("The end, by me.")


def test_damaged_markers_never_lose_text(sample_doc: BriefDocument) -> None:
    old = render_markdown(sample_doc)
    damaged = old.replace("<!-- briefing:end summary a7 -->", "my line replaced the marker")
    result = merge_reexport(damaged, old)
    assert "my line replaced the marker" in result.text
    assert result.text.count("<!-- briefing:begin summary a7") == 2  # new + the user's copy
    assert len([r for r in parse_document(result.text).regions if r.key == "summary a7"]) == 1


def test_foreign_file_is_kept_whole(sample_doc: BriefDocument) -> None:
    mine = "---\ntitle: my note\n---\n\n# Mine\n\nSome text.\n"
    result = merge_reexport(mine, render_markdown(sample_doc))
    assert "# Mine\n\nSome text." in result.text and "title: my note" in result.text
    assert front_matter(result.text)["title"] == "Weekly brief: Donbas #1"


_LINE = st.text(alphabet=st.sampled_from(list("abc xyz#>-*`<!")), min_size=1, max_size=20)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=400), _LINE), min_size=1, max_size=4))
def test_user_lines_are_never_lost(
    sample_doc: BriefDocument, inserts: list[tuple[int, str]]
) -> None:
    old = render_markdown(sample_doc)
    lines = old.split("\n")
    for position, text in inserts:
        lines.insert(min(position, len(lines) - 1), f"USER {text}")
    edited = "\n".join(lines)
    result = merge_reexport(edited, old)
    for _, text in inserts:
        assert result.text.count(f"USER {text}") >= edited.count(f"USER {text}")


def test_editor_whitespace_changes_are_not_conflicts(sample_doc: BriefDocument) -> None:
    md = render_markdown(sample_doc)
    resaved = "\r\n".join(line + ("  " if line.startswith("- ") else "") for line in md.split("\n"))
    result = merge_reexport(resaved, md)
    assert result.conflicts == ()
    assert result.text == md
