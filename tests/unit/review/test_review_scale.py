"""The review queue at scale: streamed items equal the in-memory queue, claim limits
(minimum score, top N per article) from arguments and settings, JSON streamed as an array."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.domain import Article, BriefingError
from briefing.domain.annotation import TO_CHECK_TAG
from briefing.domain.claim_limits import ClaimLimits
from briefing.services import Library
from briefing.services import review as review_service
from briefing.services.annotating import annotate_quote
from briefing.services.review import iter_review_queue, queue_json, queue_progress, review_queue
from briefing.settings_store import load_claim_limits, save_claim_limits

from .conftest import ImportText, with_analysis

TEXT = (
    "Unemployment rose by 12 percent in 2023, the ministry said. Prices fell 3.5% last year. "
    "The central bank will raise rates next year. Nobody expected the storm."
)
CLAIMS = [
    ("Unemployment rose by 12 percent in 2023", 0.9, "statistic"),
    ("Prices fell 3.5% last year.", 0.5, "statistic"),
    ("The central bank will raise rates next year.", 0.7, "prediction"),
]


@pytest.fixture
def many(lib: Library, import_text: ImportText) -> list[Article]:
    articles = []
    for n in range(7):
        article = import_text(f"{TEXT} Edition {n}.", title=f"T{n}",
                              imported_at=f"2025-01-0{n + 1}T00:00:00Z")
        with_analysis(lib, article, CLAIMS, [])
        articles.append(article)
    annotate_quote(lib, articles[2].id, "Nobody expected the storm", tags=[TO_CHECK_TAG])
    return articles


def test_streamed_queue_equals_the_list_in_batches(
    lib: Library, many: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_service, "BATCH_ARTICLES", 3)  # several batches
    listed = queue_json(review_queue(lib, include_decided=True))
    assert len(listed) == 7 * 3 + 1
    assert list(iter_review_queue(lib, include_decided=True)) == listed
    assert queue_progress(lib)["total"] == len(listed)


def test_min_score_and_top_n_limit_claims_but_keep_flagged_annotations(
    lib: Library, many: list[Article]
) -> None:
    strong = review_queue(lib, min_score=0.6)
    assert {i.quote for i in strong if i.kind == "claim"} == {CLAIMS[0][0], CLAIMS[2][0]}
    assert [i.kind for i in strong].count("annotation") == 1
    top = review_queue(lib, top_n=1)
    assert [i.quote for i in top if i.kind == "claim"] == [CLAIMS[0][0]] * 7
    assert list(iter_review_queue(lib, top_n=2, min_score=0.8)) == queue_json(
        review_queue(lib, top_n=2, min_score=0.8)
    )
    with pytest.raises(BriefingError, match="at least 1"):
        review_queue(lib, top_n=0)


def test_cli_limits_from_flags_and_settings(
    lib: Library, many: list[Article], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--json", "--top", "1"]) == 0
    out = capsys.readouterr().out
    expected = [{**item, "verdicts": []} for item in queue_json(review_queue(lib, top_n=1))]
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert main(["review", "--min-score", "0.8", "--save-limits"]) == 0
    assert load_claim_limits() == ClaimLimits(0.8, None)
    capsys.readouterr()
    assert main(["review", "--json"]) == 0  # the saved minimum applies
    items = json.loads(capsys.readouterr().out)
    assert {i["quote"] for i in items if i["kind"] == "claim"} == {CLAIMS[0][0]}
    with pytest.raises(SystemExit) as usage:
        main(["review", "--min-score", "2"])
    assert usage.value.code == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_empty_queue_is_an_empty_json_array(
    lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_bad_claim_settings_are_reported_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_claim_limits(ClaimLimits(0.5, 3), path)
    assert load_claim_limits(path) == ClaimLimits(0.5, 3)
    path.write_text('{"claims": {"min_score": "high", "top_n": 0}}', encoding="utf-8")
    said: list[str] = []
    assert load_claim_limits(path, report=said.append) == ClaimLimits()
    assert len(said) == 2 and "claims.min_score" in said[0]


def test_gui_queue_takes_the_saved_limits(lib: Library, many: list[Article]) -> None:
    from briefing.gui.review.review_loader import QueueFilters, build_index, load_snapshot

    save_claim_limits(ClaimLimits(0.0, 1))
    with Library.open() as own:
        snapshot = load_snapshot(build_index(own, None), QueueFilters(), 1)
        claims = [i for i in snapshot.items if i.kind == "claim"]
        assert [i.quote for i in claims] == [CLAIMS[0][0]] * 7
        assert snapshot.total == snapshot.count == 7 + 1  # a claim per article, the flagged note


def test_a_reader_that_stops_early_gets_no_traceback(
    lib: Library, many: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`briefing review --json | head -c 100`: the pipe closes; the command ends quietly and
    its spool is closed while the library is still open (it used to be finalised later)."""
    import gc
    import io
    import sys

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["review", "--json"]) == 0
    gc.collect()
    assert unraisable == []
