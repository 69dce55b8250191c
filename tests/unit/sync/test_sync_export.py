"""Reviewers who disagree are shown disagreeing in the exported brief, and every reviewer's
verdict exports as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import json

import pytest

from briefing.cli import main
from briefing.services import Library
from briefing.services.annotating import set_claim_verdict
from briefing.services.articles import get_article
from briefing.services.exporting import export_brief
from briefing.services.syncing import run_sync

from .conftest import SPANS, add_article, copy_folder, sync_dir


def _disagree(ana: Library, bo: Library) -> int:
    article = add_article(ana)
    run_sync(ana)
    copy_folder(sync_dir(ana), sync_dir(bo))
    run_sync(bo)
    set_claim_verdict(ana, get_article(ana, article), SPANS[0], "supported")
    set_claim_verdict(bo, get_article(bo, 1), SPANS[0], "false", note="it was 8")
    run_sync(bo)
    copy_folder(sync_dir(bo), sync_dir(ana))
    run_sync(ana)
    return article


def test_markdown_brief_shows_the_disagreement(devices: list[Library]) -> None:
    ana, bo = devices
    article = _disagree(ana, bo)
    text, _ = export_brief(ana, [article], "markdown")
    assert "**2 reviewers: supported / false**" in text
    assert "Verdict by bo: false — it was 8" in text
    assert "**Your verdict: supported**" in text


def test_claimreview_json_ld_has_one_review_per_reviewer(
    devices: list[Library], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, bo = devices
    article = _disagree(ana, bo)
    text, _ = export_brief(ana, [article], "claimreview")
    data = json.loads(text)
    assert data["@context"] == "https://schema.org"
    reviews = data["@graph"]
    assert [r["@type"] for r in reviews] == ["ClaimReview", "ClaimReview"]
    assert sorted((r["author"]["name"], r["reviewRating"]["alternateName"]) for r in reviews) == [
        ("ana", "supported"), ("bo", "false")]
    quote = get_article(ana, article).text[SPANS[0].start : SPANS[0].end]
    assert {r["claimReviewed"] for r in reviews} == {quote}
    false = next(r for r in reviews if r["author"]["name"] == "bo")
    assert false["reviewBody"] == "it was 8"
    rating = false["reviewRating"]
    assert rating["worstRating"] == rating["ratingValue"] < rating["bestRating"]
    assert false["itemReviewed"]["@type"] == "Claim"
    capsys.readouterr()
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(ana.paths.data.parent))
    assert main(["export", str(article), "--format", "claimreview"]) == 0
    assert json.loads(capsys.readouterr().out) == data
