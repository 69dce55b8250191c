"""Two libraries kept in step by two real Syncthing instances (Debian's package), with
concurrent edits on both sides. `make test` installs syncthing (scripts/install-syncthing.sh);
without it this test skips, saying so."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.services import Library
from briefing.services.annotating import annotate_quote, save_annotation, set_claim_verdict
from briefing.services.articles import get_article
from briefing.services.syncing import add_verdicts, conflicts, run_sync
from briefing.storage import annotations as annotation_store
from briefing.sync.records import list_records
from tests.unit.sync.conftest import SPANS, add_article, open_device, sync_dir, view

from .syncthing import Instance, executable

FOLDER = "briefing"

pytestmark = pytest.mark.skipif(
    executable() is None,
    reason="syncthing is not installed (make test installs Debian's package when run as root)",
)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[list[Library], list[Instance]]]:
    libs = [open_device(tmp_path, name) for name in ("ana", "bo")]
    instances = [Instance.create(tmp_path / f"syncthing-{n}") for n in ("ana", "bo")]
    try:
        for instance in instances:
            instance.start()
        ana, bo = instances
        ana.introduce(bo)
        bo.introduce(ana)
        ana.share(FOLDER, sync_dir(libs[0]), [bo])
        bo.share(FOLDER, sync_dir(libs[1]), [ana])
        _wait(lambda: ana.connected(bo) and bo.connected(ana), "the devices to connect")
        yield libs, instances
    finally:
        for instance in instances:
            instance.stop()
        for lib in libs:
            lib.close()


def _wait(done: object, what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():  # type: ignore[operator]
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _records(lib: Library) -> set[Path]:
    root = sync_dir(lib)
    return {entry.path.relative_to(root) for entry in list_records(root)}


def _carry(libs: list[Library], instances: list[Instance]) -> None:
    """Let Syncthing carry every record to both sides."""
    for instance in instances:
        instance.scan(FOLDER)
    _wait(lambda: _records(libs[0]) == _records(libs[1]), "Syncthing to carry the records")


def test_two_syncthing_instances_sync_two_libraries(
    pair: tuple[list[Library], list[Instance]],
) -> None:
    (ana, bo), instances = pair
    article = add_article(ana)
    shared = annotate_quote(ana, article, "statistics office", note="which office?")
    assert run_sync(ana).sent == 2
    _carry([ana, bo], instances)
    assert run_sync(bo).received == 2
    bo_article = int(bo.conn.execute("SELECT min(id) FROM articles").fetchone()[0])

    # Concurrent work on both computers: the same note edited on both, opposite verdicts
    # by the two reviewers on one claim, and a new highlight on each side.
    save_annotation(ana, shared.with_changes(note="the national statistics office"))
    save_annotation(bo, annotation_store.get(bo.conn, shared.id).with_changes(note="Rosstat"))
    set_claim_verdict(ana, get_article(ana, article), SPANS[0], "supported")
    set_claim_verdict(bo, get_article(bo, bo_article), SPANS[0], "false", note="it was 8")
    mine = annotate_quote(ana, article, "prices will fall", note="forecast")
    theirs = annotate_quote(bo, bo_article, "twice as fast", note="check imports")
    assert run_sync(ana).sent == 3 and run_sync(bo).sent == 3  # edit, verdict, highlight
    _carry([ana, bo], instances)
    results = [run_sync(ana), run_sync(bo)]
    assert [(r.received, r.conflicts, r.problems) for r in results] == [(3, 1, ()), (3, 1, ())]

    assert view(ana) == view(bo)
    for lib in (ana, bo):
        ids = {a.id for a in annotation_store.all_annotations(lib.conn)}
        assert {shared.id, mine.id, theirs.id} <= ids
        [conflict] = conflicts(lib)
        assert {v.annotation.note for v in conflict.versions} == {
            "the national statistics office", "Rosstat"}
        items = [{"article_id": lib_article(lib), "start": SPANS[0].start, "end": SPANS[0].end}]
        add_verdicts(lib, items)
        assert sorted((v["reviewer"], v["verdict"]) for v in items[0]["verdicts"]) == [
            ("ana", "supported"), ("bo", "false")]
    assert [(r.sent, r.received) for r in (run_sync(ana), run_sync(bo))] == [(0, 0), (0, 0)]


def lib_article(lib: Library) -> int:
    return int(lib.conn.execute("SELECT min(id) FROM articles").fetchone()[0])
