"""A note or evidence on a claim before any verdict: kept, and the claim stays undecided
(service, review queue, review stamps, undo, Markdown and W3C export)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.domain import Article, Span
from briefing.export.regions import parse_document
from briefing.services import Library
from briefing.services.annotating import (
    annotations_for,
    claim_assessment,
    save_annotation,
    set_claim_verdict,
)
from briefing.services.exporting import export_brief, import_annotations, w3c_json
from briefing.services.review import ReviewItem, decide, review_queue, undo_decision
from briefing.storage import review as review_store

from .conftest import ImportText, with_analysis

TEXT = (
    "Unemployment rose by 12 percent in 2023, the ministry said. Prices fell 3.5% last year. "
    "Nobody expected the storm."
)
CLAIM = "Unemployment rose by 12 percent in 2023"
OTHER = "Prices fell 3.5% last year."


@pytest.fixture
def article(lib: Library, import_text: ImportText) -> Article:
    stored = import_text(TEXT, title="Jobs")
    with_analysis(lib, stored, [(CLAIM, 0.9, "statistic"), (OTHER, 0.5, "statistic")])
    return stored


def _span(quote: str) -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote))


def _item(lib: Library, quote: str, **filters: object) -> ReviewItem | None:
    return next((i for i in review_queue(lib, **filters) if i.quote == quote), None)  # type: ignore[arg-type]


def _stamp(lib: Library, annotation_id: str) -> str | None:
    return review_store.reviewed_at(lib.conn, [annotation_id]).get(annotation_id)


def test_a_note_alone_is_kept_without_a_verdict_then_a_verdict_updates_it(
    lib: Library, article: Article
) -> None:
    noted = set_claim_verdict(lib, article, _span(CLAIM), None, note="check the ministry")
    assert noted is not None
    assert (noted.verdict, noted.color, noted.note) == (None, None, "check the ministry")
    assert noted.motivation == "commenting" and noted.assesses(_span(CLAIM))
    assert annotations_for(lib, article.id) == [noted]
    assert _stamp(lib, noted.id) is None

    with_evidence = set_claim_verdict(
        lib, article, _span(CLAIM), None, evidence="https://stats.example"
    )
    assert with_evidence is not None and with_evidence.id == noted.id
    assert (with_evidence.verdict, with_evidence.note) == (None, "check the ministry")

    decided = set_claim_verdict(lib, article, _span(CLAIM), "disputed")
    assert decided is not None and decided.id == noted.id
    assert (decided.verdict, decided.note, decided.evidence) == (
        "disputed",
        "check the ministry",
        "https://stats.example",
    )
    assert annotations_for(lib, article.id) == [decided]
    assert _stamp(lib, decided.id) == decided.modified

    kept = set_claim_verdict(lib, article, _span(CLAIM), None, note="seen the report")
    assert kept is not None and (kept.verdict, kept.note) == ("disputed", "seen the report")


def test_evidence_alone_also_leaves_the_claim_undecided(lib: Library, article: Article) -> None:
    linked = set_claim_verdict(lib, article, _span(CLAIM), None, evidence="https://x.example")
    assert linked is not None and (linked.verdict, linked.color) == (None, None)
    assert _item(lib, CLAIM) is not None  # still in the undecided queue


def test_removing_the_only_note_deletes_the_undecided_assessment(
    lib: Library, article: Article
) -> None:
    set_claim_verdict(lib, article, _span(CLAIM), None, note="check")
    assert set_claim_verdict(lib, article, _span(CLAIM), None, note="") is None
    assert annotations_for(lib, article.id) == []


def test_a_highlight_on_the_claim_is_not_its_assessment(lib: Library, article: Article) -> None:
    noted = set_claim_verdict(lib, article, _span(CLAIM), None, note="check")
    assert noted is not None
    highlight = save_annotation(lib, noted.with_changes(id="urn:uuid:h", color="yellow"))
    assert not highlight.assesses(_span(CLAIM)) and not noted.assesses(_span(OTHER))
    assert claim_assessment(annotations_for(lib, article.id), _span(CLAIM)) == noted
    assert review_store.verdict_annotation_ids(lib.conn, article.id, _span(CLAIM)) == [noted.id]


def test_review_note_keeps_the_claim_in_the_queue_until_decided(
    lib: Library, article: Article
) -> None:
    item = _item(lib, CLAIM)
    assert item is not None and item.annotation is None
    noted = decide(lib, item, item.verdict, note="ask the ministry")
    assert (noted.verdict, noted.note, noted.decided, noted.reviewed_at) == (
        None,
        "ask the ministry",
        False,
        None,
    )
    queued = _item(lib, CLAIM)
    assert queued == noted  # still undecided, shown with its note
    assert _item(lib, CLAIM, verdict="none") == noted
    assert len(review_queue(lib)) == 2
    assert review_store.verdict_annotation_ids(lib.conn, article.id, _span(CLAIM)) == [
        noted.annotation.id  # type: ignore[union-attr]
    ]

    decided = decide(lib, queued, "supported")
    assert decided.annotation is not None and decided.annotation.id == noted.annotation.id  # type: ignore[union-attr]
    assert (decided.verdict, decided.note) == ("supported", "ask the ministry")
    assert decided.reviewed_at == decided.annotation.modified
    assert _item(lib, CLAIM) is None
    assert len(annotations_for(lib, article.id)) == 1

    undo_decision(lib, queued)
    assert _item(lib, CLAIM) == queued
    undo_decision(lib, item)
    assert annotations_for(lib, article.id) == []
    assert _item(lib, CLAIM) == item


def _claims_section(markdown: str) -> str:
    region = next(r for r in parse_document(markdown).regions if r.key.startswith("claims "))
    return "\n".join(region.body)


def test_markdown_shows_the_note_under_the_undecided_claim(
    lib: Library, article: Article
) -> None:
    set_claim_verdict(
        lib, article, _span(CLAIM), None, note="ask the ministry", evidence="https://s.example"
    )
    text, _ = export_brief(lib, [article.id], "markdown")
    claims = _claims_section(text)
    first = claims[claims.index("**1. Statistic**") : claims.index("**2. Statistic**")]
    assert "*No verdict yet.*" in first
    assert "**Note:** ask the ministry" in first and "(https://s.example)" in first
    assert first.index("*No verdict yet.*") < first.index("**Note:**")
    assert "Your verdict" not in text
    assert "### Highlights & notes" not in text  # not listed a second time

    set_claim_verdict(lib, article, _span(CLAIM), "false")
    first = _claims_section(export_brief(lib, [article.id], "markdown")[0])
    first = first[: first.index("**2. Statistic**")]
    assert "**Your verdict: false**" in first and "No verdict yet" not in first
    assert "**Note:** ask the ministry" in first


def test_w3c_round_trip_of_a_claim_note(lib: Library, article: Article, tmp_path: Path) -> None:
    noted = set_claim_verdict(lib, article, _span(CLAIM), None, note="ask the ministry")
    exported = w3c_json(lib, [article.id])
    items = json.loads(exported)["first"]["items"]
    assert [i["motivation"] for i in items] == ["commenting"]
    assert "assessing" not in exported and "unverified" not in exported
    with lib.transaction() as conn:
        conn.execute("DELETE FROM annotations")
    path = tmp_path / "notes.json"
    path.write_text(exported, encoding="utf-8")
    assert import_annotations(lib, path) == 1
    assert annotations_for(lib, article.id) == [noted]
    again = _item(lib, CLAIM)
    assert again is not None and (again.verdict, again.note) == (None, "ask the ministry")


def test_clearing_a_tagged_assessment_keeps_its_tags(lib: Library, article: Article) -> None:
    noted = set_claim_verdict(lib, article, _span(CLAIM), "false", note="wrong")
    assert noted is not None
    save_annotation(lib, noted.with_changes(tags=("follow-up",)))
    cleared = set_claim_verdict(lib, article, _span(CLAIM), None, note="", evidence="")
    assert cleared is not None and cleared.id == noted.id
    assert (cleared.verdict, cleared.note, cleared.evidence, cleared.tags) == (
        None,
        "",
        None,
        ("follow-up",),
    )
    assert _stamp(lib, cleared.id) is None


def test_an_orphaned_verdict_is_not_the_assessment_of_a_claim_now_at_its_offsets(
        lib: Library, article: Article) -> None:
    decided = set_claim_verdict(lib, article, _span(CLAIM), "false", note="wrong figure")
    assert decided is not None and decided.assesses(_span(CLAIM))
    orphan = save_annotation(lib, decided.with_changes(anchor="orphaned"))
    assert not orphan.assesses(_span(CLAIM))  # its offsets belong to an older text
    assert claim_assessment(annotations_for(lib, article.id), _span(CLAIM)) is None
    assert review_store.verdict_annotation_ids(lib.conn, article.id, _span(CLAIM)) == []
    fresh = set_claim_verdict(lib, article, _span(CLAIM), None, note="look again")
    assert fresh is not None and fresh.id != orphan.id and fresh.verdict is None


def test_a_decided_claim_can_be_set_back_to_undecided(lib: Library, article: Article) -> None:
    decided = set_claim_verdict(lib, article, _span(CLAIM), "supported", note="source found")
    assert decided is not None
    assert set_claim_verdict(lib, article, _span(CLAIM), None).verdict == "supported"  # kept
    again = set_claim_verdict(lib, article, _span(CLAIM), None, undecide=True)
    assert again is not None and again.id == decided.id
    assert again.verdict is None and again.note == "source found"
    assert _item(lib, CLAIM) is not None  # back in the queue of claims to decide
    assert _stamp(lib, decided.id) is None
