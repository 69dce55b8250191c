"""The "Done when" scenario: two libraries, separate sync folders copied both ways by a
file-level sync, converge without losing anything."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.services import Library
from briefing.services.annotating import annotate_quote, save_annotation, set_claim_verdict
from briefing.services.articles import get_article
from briefing.services.syncing import (
    add_verdicts,
    conflicts,
    identity,
    resolve_conflict,
    run_sync,
)
from briefing.storage import annotations as annotation_store
from briefing.storage.sync import verdicts_for_article
from briefing.sync.records import list_records

from .conftest import SPANS, add_article, copy_folder, sync_dir, view


def _exchange(a: Library, b: Library) -> None:
    copy_folder(sync_dir(a), sync_dir(b))
    copy_folder(sync_dir(b), sync_dir(a))


def test_two_libraries_converge_and_keep_both_reviewers(devices: list[Library]) -> None:
    ana, bo = devices
    article = add_article(ana)
    first = run_sync(ana)
    assert (first.sent, first.received) == (2 - 1, 0)  # the article; nothing annotated yet
    _exchange(ana, bo)
    got = run_sync(bo)
    assert got.received == 1
    bo_article = annotation_target(bo)
    note_a = annotate_quote(ana, article, "statistics office", note="which office?")
    note_b = annotate_quote(bo, bo_article, "twice as fast", note="check imports")
    set_claim_verdict(ana, get_article(ana, article), SPANS[0], "supported")
    set_claim_verdict(bo, get_article(bo, bo_article), SPANS[0], "false", note="it was 8")
    assert run_sync(ana).sent == 2 and run_sync(bo).sent == 2
    _exchange(ana, bo)
    assert run_sync(ana).received == 2 and run_sync(bo).received == 2
    for lib in devices:
        ids = {a.id for a in annotation_store.all_annotations(lib.conn)}
        assert {note_a.id, note_b.id} <= ids
        items = [{"article_id": lib_article(lib), "start": SPANS[0].start, "end": SPANS[0].end}]
        add_verdicts(lib, items)
        assert sorted((v["reviewer"], v["verdict"]) for v in items[0]["verdicts"]) == [
            ("ana", "supported"), ("bo", "false")]
    assert view(ana) == view(bo)
    again = [run_sync(ana), run_sync(bo)]
    assert [(r.sent, r.received, r.conflicts) for r in again] == [(0, 0, 0), (0, 0, 0)]


def test_damaged_and_newer_records_are_reported_kept_and_skipped(devices: list[Library]) -> None:
    ana, bo = devices
    add_article(ana)
    annotate_quote(ana, lib_article(ana), "statistics office", note="which office?")
    run_sync(ana)
    folder = sync_dir(ana) / "devices" / identity(ana).device
    record = json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))
    damaged = folder / ("0" * 32 + ".json")
    damaged.write_text('{"format": "briefing-sync", "vers', encoding="utf-8")
    newer = folder / ("1" * 32 + ".json")
    newer.write_text(json.dumps({**record, "version": 99, "id": "1" * 32}), encoding="utf-8")
    _exchange(ana, bo)
    result = run_sync(bo)
    assert result.received == 2
    assert len(result.problems) == 2
    assert any(str(damaged.name) in p and "not JSON" in p for p in result.problems)
    assert any(str(newer.name) in p and "newer Briefing" in p for p in result.problems)
    assert damaged.exists() and newer.exists()
    assert len(annotation_store.all_annotations(bo.conn)) == 1
    assert run_sync(bo).received == 0


def test_concurrent_edits_keep_both_versions_until_resolved(devices: list[Library]) -> None:
    ana, bo = devices
    add_article(ana)
    note = annotate_quote(ana, lib_article(ana), "statistics office", note="first")
    run_sync(ana)
    _exchange(ana, bo)
    run_sync(bo)
    save_annotation(ana, note.with_changes(note="ana's version"))
    save_annotation(bo, annotation_store.get(bo.conn, note.id).with_changes(note="bo's version"))
    run_sync(ana), run_sync(bo)
    _exchange(ana, bo)
    results = [run_sync(ana), run_sync(bo)]
    assert [r.conflicts for r in results] == [1, 1]
    assert view(ana) == view(bo)
    found = conflicts(ana)
    assert {v.annotation.note for v in found[0].versions} == {"ana's version", "bo's version"}
    keep = next(v for v in found[0].versions if v.annotation.note == "bo's version")
    assert resolve_conflict(ana, note.id, keep.record_id).conflicts == 0
    _exchange(ana, bo)
    assert run_sync(bo).conflicts == 0
    for lib in devices:
        assert annotation_store.get(lib.conn, note.id).note == "bo's version"


def test_a_deletion_wins_only_over_the_versions_it_saw(devices: list[Library]) -> None:
    ana, bo = devices
    add_article(ana)
    note = annotate_quote(ana, lib_article(ana), "statistics office", note="first")
    run_sync(ana)
    _exchange(ana, bo)
    run_sync(bo)
    from briefing.services.annotating import delete_annotation

    delete_annotation(ana, note.id)
    save_annotation(bo, annotation_store.get(bo.conn, note.id).with_changes(note="edited"))
    run_sync(ana), run_sync(bo)
    _exchange(ana, bo)
    run_sync(ana), run_sync(bo)
    for lib in devices:
        assert annotation_store.get(lib.conn, note.id).note == "edited"
    delete_annotation(bo, note.id)
    run_sync(bo)
    _exchange(ana, bo)
    run_sync(ana)
    assert annotation_store.get(ana.conn, note.id) is None


def test_records_are_write_once_files_under_the_device_folder(devices: list[Library]) -> None:
    ana, _ = devices
    add_article(ana)
    run_sync(ana)
    entries = list(list_records(sync_dir(ana)))
    assert [e.device for e in entries] == [identity(ana).device]
    stamps = {e.path: e.path.stat().st_mtime_ns for e in entries}
    annotate_quote(ana, lib_article(ana), "statistics office", note="x")
    run_sync(ana)
    assert all(path.stat().st_mtime_ns == stamp for path, stamp in stamps.items())
    assert not [p for p in Path(sync_dir(ana)).rglob("*.tmp")]


def lib_article(lib: Library) -> int:
    return int(lib.conn.execute("SELECT min(id) FROM articles").fetchone()[0])


annotation_target = lib_article


def test_an_undecided_assessment_stays_with_its_reviewer(devices: list[Library]) -> None:
    ana, bo = devices
    article = add_article(ana)
    set_claim_verdict(ana, get_article(ana, article), SPANS[1], "disputed", note="why?")
    run_sync(ana)
    _exchange(ana, bo)
    run_sync(bo)
    assert [v.verdict for v in verdicts_for_article(bo.conn, lib_article(bo))] == ["disputed"]
    set_claim_verdict(ana, get_article(ana, article), SPANS[1], None, undecide=True)
    run_sync(ana)
    _exchange(ana, bo)
    run_sync(bo)
    assert verdicts_for_article(bo.conn, lib_article(bo)) == []
    assert annotation_store.all_annotations(bo.conn) == []  # not bo's own assessment
    [kept] = annotation_store.all_annotations(ana.conn)
    assert (kept.note, kept.verdict) == ("why?", None)


def test_a_record_naming_another_annotation_is_refused(devices: list[Library]) -> None:
    ana, bo = devices
    add_article(ana)
    first = annotate_quote(ana, lib_article(ana), "statistics office", note="mine")
    run_sync(ana)
    folder = sync_dir(ana) / "devices" / identity(ana).device
    [path] = [p for p in folder.glob("*.json") if '"kind": "annotation"' in p.read_text("utf-8")]
    record = json.loads(path.read_text(encoding="utf-8"))
    forged = {**record, "id": "f" * 32, "entity": "urn:uuid:00000000-0000-4000-8000-000000000000",
              "replaces": []}
    (folder / ("f" * 32 + ".json")).write_text(json.dumps(forged), encoding="utf-8")
    _exchange(ana, bo)
    result = run_sync(bo)
    assert any("f" * 32 in p and "not urn:uuid:0000" in p for p in result.problems)
    assert [a.id for a in annotation_store.all_annotations(bo.conn)] == [first.id]
