"""Import of real-world pages through the command line: warnings on stderr, ``meta_source``
in ``list --json`` / ``analyze --json``, structure kept in exports, private local paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.services import Library
from briefing.services.articles import get_article
from briefing.settings_store import load_export_full_paths, save_export_full_paths

PAGES = Path(__file__).resolve().parents[2] / "data" / "ingest" / "pages"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_suspect_page_is_imported_with_a_warning_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "import", str(PAGES / "notice-only.html"))
    assert code == 0 and out.strip().isdigit()
    assert "warning" in err and "mostly a notice" in err and "notice-only.html" in err
    with Library.open() as lib:
        article = get_article(lib, int(out))
    assert article.warnings and "mostly a notice" in article.warnings[0]


def test_list_and_analyze_json_say_where_each_field_came_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "import", str(PAGES / "hover-cards.html"))
    assert code == 0
    code, out, _ = run(capsys, "list", "--json")
    row = json.loads(out)[0]
    assert row["title"] == "Governor signs the water bill"
    assert row["meta_source"] == {
        "title": "json-ld+h1", "author": "json-ld", "published": "json-ld", "text": "precise"
    }  # fmt: skip
    code, out, _ = run(capsys, "analyze", str(PAGES / "form-wrapped.html"), "--json")
    data = json.loads(out)
    assert data["meta_source"]["author"] == "byline" and data["warnings"] == []
    code, out, _ = run(capsys, "analyze", "--article", str(row["id"]), "--json")
    assert json.loads(out)["meta_source"]["title"] == "json-ld+h1"


def test_markdown_structure_survives_storage_and_both_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "import", str(PAGES / "structured.md"))
    article_id = out.strip()
    with Library.open() as lib:
        article = get_article(lib, int(article_id))
    kinds = {article.text[b.start : b.end]: b.kind for b in article.blocks}
    assert kinds["What changes"] == "heading" and kinds["Final vote: June 19"] == "list_item"
    code, markdown, _ = run(capsys, "export", article_id, "--format", "markdown")
    assert code == 0
    assert "#### " in markdown and "What changes" in markdown
    assert "\n- " in markdown and "Seniors ride free from July 1." in markdown
    assert "\n    - " in markdown  # the nested list item
    assert "N1 | 60 min | 30 min |" in markdown
    assert "> " in markdown and "This is overdue." in markdown
    code, html, _ = run(capsys, "export", article_id, "--format", "html")
    assert code == 0
    assert "<table>" in html and "<th>" in html and "<td>60 min</td>" in html
    assert "<li" in html and "<h4" in html and "<blockquote>" in html


def test_briefs_show_a_local_source_by_file_name_unless_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "private-folder-name"
    folder.mkdir()
    page = folder / "story.html"
    page.write_bytes((PAGES / "form-wrapped.html").read_bytes())
    code, out, _ = run(capsys, "import", str(page))
    article_id = out.strip()
    assert not load_export_full_paths()
    for fmt in ("markdown", "html"):
        code, brief, _ = run(capsys, "export", article_id, "--format", fmt)
        assert code == 0 and "story.html" in brief and "private-folder-name" not in brief
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)[0]["source"] == str(page)  # the library keeps the full path
    save_export_full_paths(True)
    code, brief, _ = run(capsys, "export", article_id, "--format", "markdown")
    assert str(page) in brief


def test_a_title_given_on_the_command_line_is_sourced_to_the_user(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, _ = run(capsys, "import", str(PAGES / "form-wrapped.html"), "--title", "Bridge")
    assert code == 0
    code, out, _ = run(capsys, "list", "--json")
    row = json.loads(out)[0]
    assert row["title"] == "Bridge"
    assert row["meta_source"]["title"] == "user" and row["meta_source"]["author"] == "byline"
