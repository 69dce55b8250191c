"""Issue 20's command-line items: note counts, dates, quote matching, brief editing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _import(capsys: Capture, path: Path) -> int:
    code, out, _ = run(capsys, "import", str(path))
    assert code == 0
    return int(out.strip())


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_list_says_one_note_and_no_import_date(capsys: Capture, tmp_path: Path) -> None:
    article = _import(capsys, _write(tmp_path, "plain.txt", "Plain title\n\nThe council met. "
                                     "It voted on the bridge budget for next year."))
    assert run(capsys, "annotate", str(article), "--quote", "council met")[0] == 0
    _, out, _ = run(capsys, "list")
    assert "1 note" in out and "1 notes" not in out
    assert "20" not in out.split("\t", 1)[1]  # no date: a plain-text file has none
    assert run(capsys, "annotate", str(article), "--quote", "bridge budget")[0] == 0
    assert "2 notes" in run(capsys, "list")[1]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Meth, we're on it", "Meth, we’re on it"),
        ('He said "no"', "He said “no”"),
        ("meth, we're on it", "meth, we're on it"),
    ],
)
def test_quote_matching_prefers_same_case_and_any_quote_marks(quote: str, expected: str) -> None:
    from briefing.services.annotating import find_quote

    text = ("junk meth, we're on it junk. Later: Meth, we’re on it, said the sign. "
            "He said “no” to it.")
    span = find_quote(text, quote)
    assert span is not None
    assert text[span.start:span.end] == expected
    assert find_quote(text, "METH, WE'RE ON IT") is not None  # case is the last fallback
    assert find_quote(text, "not there") is None


def test_brief_show_rename_reorder_and_add_twice(capsys: Capture, tmp_path: Path) -> None:
    ids = [_import(capsys, _write(tmp_path, f"a{i}.txt", f"Title {i}\n\nBody number {i} here."))
           for i in range(3)]
    code, out, _ = run(capsys, "brief", "create", "Morning", *map(str, ids))
    brief = out.strip()
    code, _, err = run(capsys, "brief", "add", brief, str(ids[1]))
    assert code == 0 and f"article {ids[1]} is already in brief {brief}" in err
    assert run(capsys, "brief", "rename", brief, "Evening")[0] == 0
    assert run(capsys, "brief", "reorder", brief, str(ids[2]), str(ids[0]), str(ids[1]))[0] == 0
    code, out, _ = run(capsys, "brief", "show", brief, "--json")
    shown = json.loads(out)
    assert shown["title"] == "Evening"
    assert [a["id"] for a in shown["articles"]] == [ids[2], ids[0], ids[1]]
    assert run(capsys, "brief", "reorder", brief, "--move", str(ids[1]), "--by", "-2")[0] == 0
    code, out, _ = run(capsys, "brief", "show", brief)
    lines = out.splitlines()
    assert lines[0].endswith("Evening") and lines[1].startswith(f"1.\t{ids[1]}\t")
    code, _, err = run(capsys, "brief", "reorder", brief, str(ids[0]))
    assert code != 0 and "each of its articles once" in err
