"""``briefing stories`` and ``briefing entities`` on the story set (in the CLI's library)."""

from __future__ import annotations

import json

import pytest

from briefing.cli import main
from briefing.services import Library
from tests.unit.crossref.conftest import load_story_set


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def story_files(samples: object) -> dict[str, int]:
    with Library.open() as lib:
        return load_story_set(lib).file


def test_stories(capsys: pytest.CaptureFixture[str], story_files: dict[str, int]) -> None:
    code, out, _ = run(capsys, "stories", "--json", "--brief")
    assert code == 0
    stories = json.loads(out)
    assert len(stories) == 3 and all(s["brief_id"] for s in stories)
    siversk = next(s for s in stories if story_files["siversk-wire.txt"] in s["article_ids"])
    share = next(c for c in siversk["claims"] if c["unit"] == "%")
    assert share["differs"] and {v["figure"] for v in share["versions"]} >= {
        "about 75%",
        "roughly 70%",
        "roughly three quarters",
    }
    code, out, _ = run(capsys, "stories")
    assert code == 0 and out.count("\n  differs") >= 2
    assert "differs (Donetsk, %): " in out and "differs (households): " in out


def test_entities(capsys: pytest.CaptureFixture[str], story_files: dict[str, int]) -> None:
    code, out, _ = run(capsys, "entities", "Putin")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5 and lines[0].startswith("2026-11-20\t")
    code, out, _ = run(capsys, "entities", "--follow", "Lagarde")
    assert (code, out) == (0, "Christine Lagarde\n")
    code, out, _ = run(capsys, "entities", "--json")
    lagarde = next(e for e in json.loads(out) if e["name"] == "Christine Lagarde")
    assert lagarde["followed"] and lagarde["label"] == "PERSON"
    code, _, err = run(capsys, "entities", "Nobody Special")
    assert code == 1 and err == "briefing: Nobody Special: no article in the library mentions it\n"
    code, _, err = run(capsys, "entities", "--unfollow")
    assert code == 1 and "need an entity NAME" in err


def test_stories_compare_a_bounded_number_of_new_stories_per_run(
    capsys: pytest.CaptureFixture[str], story_files: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from briefing.services import story_claims

    monkeypatch.setattr(story_claims, "NEW_PER_LISTING", 1)
    code, out, err = run(capsys, "stories")
    assert code == 0 and len([line for line in out.splitlines() if line.startswith("story-")]) == 3
    assert "figures not compared yet for 2 of 3 stories" in err and "--claims" in err
    code, _, err = run(capsys, "stories")  # one more each run, the first one read back
    assert code == 0 and "figures not compared yet for 1 of 3 stories" in err
    code, out, err = run(capsys, "stories", "--claims")
    assert code == 0 and err == "" and out.count("\n  differs") >= 2
    assert "differs (Donetsk, %): " in out and "differs (households): " in out
    code, out, err = run(capsys, "stories")  # every story's figures cached now
    assert code == 0 and err == "" and "differs (households): " in out


def test_stories_says_when_there_are_none(capsys: pytest.CaptureFixture[str],
                                          isolated_data_dir: object) -> None:
    code, out, err = run(capsys, "stories")
    assert code == 0 and out == ""
    assert "no stories yet" in err
    code, out, err = run(capsys, "stories", "--json")
    assert code == 0 and json.loads(out) == [] and err == ""
