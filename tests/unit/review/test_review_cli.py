"""``briefing review``: the CONTRACTS.md row (lines / JSON array, filters, exit codes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.services import Library
from briefing.services.review import decide, review_queue
from briefing.storage import briefs as brief_store

CONTRACT_KEYS = {"id", "article_id", "kind", "quote", "score", "verdict"}
LINE = re.compile(r"^\d\.\d\d (claim|annotation) \d+ \S.*$")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _import(capsys: pytest.CaptureFixture[str], path: Path) -> int:
    code, out, _ = run(capsys, "import", str(path))
    assert code == 0
    return int(out.strip())


@pytest.fixture
def library(capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path) -> list[int]:
    other = tmp_path / "other.txt"
    other.write_text(
        "Inflation reached 9 percent in May, the statistics office said. "
        "The minister predicted that prices will fall next year.",
        encoding="utf-8",
    )
    return [_import(capsys, samples / "siversk.txt"), _import(capsys, other)]


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "review", "--json", *argv)
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, list)
    return data


def test_json_array_has_the_contract_fields(
    capsys: pytest.CaptureFixture[str], library: list[int]
) -> None:
    items = _json(capsys)
    assert items and {item["article_id"] for item in items} == set(library)
    for item in items:
        assert set(item) >= CONTRACT_KEYS
        assert item["verdict"] is None and item["kind"] in ("claim", "annotation")
    scores = [float(item["score"]) for item in items]  # type: ignore[arg-type]
    assert scores == sorted(scores, reverse=True)


def test_lines_are_score_kind_article_quote(
    capsys: pytest.CaptureFixture[str], library: list[int]
) -> None:
    code, out, err = run(capsys, "review")
    lines = out.splitlines()
    assert code == 0 and lines and all(LINE.match(line) for line in lines), out
    assert len(lines) == len(_json(capsys))
    assert f"{len(lines)} of {len(lines)} listed items left" in err


def test_filters(capsys: pytest.CaptureFixture[str], library: list[int]) -> None:
    siversk, other = library
    everything = _json(capsys)
    assert {i["article_id"] for i in _json(capsys, "--article", str(other))} == {other}
    with Library.open() as lib, lib.transaction() as conn:
        brief_id = brief_store.create(conn, "Weekly", "2026-01-01T00:00:00Z")
        brief_store.set_articles(conn, brief_id, [siversk])
    assert {i["article_id"] for i in _json(capsys, "--brief", str(brief_id))} == {siversk}
    kinds = {i["claim_kind"] for i in everything}
    some_kind = sorted(k for k in kinds if isinstance(k, str))[0]
    assert {i["claim_kind"] for i in _json(capsys, "--kind", some_kind)} == {some_kind}
    assert _json(capsys, "--kind", "annotation") == []
    assert {i["article_id"] for i in _json(capsys, "--entity", "siversk")} == {siversk}

    code, out, _ = run(capsys, "annotate", str(other), "--quote", "9 percent", "--tag", "to-check")
    assert code == 0
    annotation_id = out.strip()
    tagged = _json(capsys, "--tag", "to-check")
    assert annotation_id in {i["id"] for i in tagged}
    assert {i["id"] for i in _json(capsys, "--kind", "annotation")} == {annotation_id}

    with Library.open() as lib:
        first = review_queue(lib)[0]
        decide(lib, first, "disputed")
    assert first.id not in {i["id"] for i in _json(capsys)}
    assert [i["id"] for i in _json(capsys, "--verdict", "disputed")] == [first.id]
    assert first.id in {i["id"] for i in _json(capsys, "--all")}
    assert first.id not in {i["id"] for i in _json(capsys, "--all", "--verdict", "none")}


def test_user_and_usage_errors(capsys: pytest.CaptureFixture[str], library: list[int]) -> None:
    code, out, err = run(capsys, "review", "--brief", "99")
    assert (code, out) == (1, "") and "no brief with id 99" in err and "Traceback" not in err
    code, _, err = run(capsys, "review", "--article", "99", "--json")
    assert code == 1 and "no article with id 99" in err
    code, _, err = run(capsys, "review", "--kind", "opinion")
    assert code == 1 and "unknown kind 'opinion'" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["review", "--verdict", "maybe"])
    assert exit_info.value.code == 2


def test_empty_library_prints_an_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys) == []
