"""Property tests: whatever the delivery (late, duplicated, out of order, partial folders),
every device converges to the same library and no annotation or verdict is lost."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.domain import VERDICTS
from briefing.services import Library
from briefing.services.annotating import (
    delete_annotation,
    new_annotation,
    save_annotation,
    set_claim_verdict,
)
from briefing.services.articles import get_article
from briefing.services.syncing import run_sync
from briefing.storage import annotations as annotation_store
from briefing.sync.merge import merge_all, merge_entity
from briefing.sync.records import Record, list_records, read_record

from .conftest import SPANS, add_article, open_device, sync_dir, view

DEVICES = 3
device = st.integers(0, DEVICES - 1)
words = st.sampled_from(["check", "source?", "agreed", "see p. 4", ""])
step = st.one_of(
    st.tuples(st.just("note"), device, st.integers(0, 2), words),
    st.tuples(st.just("edit"), device, st.integers(0, 20), words),
    st.tuples(st.just("delete"), device, st.integers(0, 20)),
    st.tuples(st.just("verdict"), device, st.integers(0, 2), st.sampled_from(VERDICTS)),
    st.tuples(st.just("deliver"), device, device, st.integers(0, 2**16)),
    st.tuples(st.just("sync"), device),
)


def _deliver(source: Path, target: Path, seed: int | None) -> None:
    """Copy some (seed) or all (None) record files; copies may repeat earlier ones."""
    if source == target:
        return
    chooser = random.Random(seed)
    for entry in list_records(source):
        if seed is not None and chooser.random() < 0.5:
            continue
        destination = target / entry.path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entry.path, destination)


def _article(lib: Library) -> int | None:
    row = lib.conn.execute("SELECT min(id) FROM articles").fetchone()
    return None if row[0] is None else int(row[0])


def _apply(libs: list[Library], action: tuple[object, ...], created: set[str]) -> None:
    kind, who = action[0], int(action[1])  # type: ignore[call-overload]
    lib = libs[who]
    article_id = _article(lib)
    if kind == "deliver":
        _deliver(sync_dir(libs[who]), sync_dir(libs[int(action[2])]), int(action[3]))  # type: ignore[call-overload]
        return
    if kind == "sync":
        run_sync(lib, analyse=False)
        return
    if article_id is None:
        return
    notes = [a for a in annotation_store.for_article(lib.conn, article_id) if a.verdict is None]
    if kind == "note":
        span = SPANS[int(action[2])]  # type: ignore[call-overload]
        made = new_annotation(get_article(lib, article_id), span.start, span.end,
                              note=str(action[3]))
        created.add(save_annotation(lib, made).id)
    elif kind == "edit" and notes:
        target = notes[int(action[2]) % len(notes)]  # type: ignore[call-overload]
        save_annotation(lib, target.with_changes(note=f"{target.note} {action[3]}".strip()))
    elif kind == "delete" and notes:
        delete_annotation(lib, notes[int(action[2]) % len(notes)].id)  # type: ignore[call-overload]
    elif kind == "verdict":
        span = SPANS[int(action[2])]  # type: ignore[call-overload]
        saved = set_claim_verdict(lib, get_article(lib, article_id), span, str(action[3]))
        assert saved is not None
        created.add(saved.id)


def _settle(libs: list[Library]) -> None:
    """Everything delivered everywhere, synced until nobody has anything left to send."""
    for _ in range(4):
        for lib in libs:
            for other in libs:
                if other is not lib:
                    _deliver(sync_dir(lib), sync_dir(other), None)
        if sum(run_sync(lib, analyse=False).sent for lib in libs) == 0:
            return
    raise AssertionError("the devices kept sending")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, max_size=25), st.booleans())
def test_every_device_converges_and_nothing_is_lost(
    steps: list[tuple[object, ...]], shared_first: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        libs = [open_device(Path(tmp), f"reader{i}") for i in range(DEVICES)]
        try:
            add_article(libs[0])
            created: set[str] = set()
            if shared_first:  # every device starts with the same notes: edits then collide
                for span in range(len(SPANS)):
                    _apply(libs, ("note", 0, span, "shared"), created)
                _settle(libs)
            for action in steps:
                _apply(libs, action, created)
            _settle(libs)
            views = [view(lib) for lib in libs]
            assert all(v == views[0] for v in views)
            records = [read_record(e) for e in list_records(sync_dir(libs[0]))]
            merged = merge_all(records)
            shown = {item[1] for item in views[0] if item[0] in ("note", "verdict")}
            for entity in created:
                state = merged.get(entity)
                if state is None:  # made and deleted before any sync: never shared
                    assert entity not in shown
                elif state.deleted:
                    assert any(r.kind == "delete" for r in records if r.entity == entity)
                    assert entity not in shown
                else:
                    assert entity in shown
            conflicts = {item[1]: item[2] for item in views[0] if item[0] == "conflict"}
            assert conflicts == {e: m.heads for e, m in merged.items() if m.conflict}
        finally:
            for lib in libs:
                lib.close()


record_ids = st.sampled_from([f"{n:032x}" for n in range(6)])
records = st.lists(
    st.builds(
        Record,
        id=record_ids,
        device=st.sampled_from(["a", "b"]),
        author=st.just("x"),
        created=st.sampled_from(["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"]),
        kind=st.sampled_from(["annotation", "delete"]),
        entity=st.just("urn:uuid:e"),
        replaces=st.lists(record_ids, max_size=3).map(tuple),
    ),
    max_size=8,
    unique_by=lambda r: r.id,
)


@given(records, st.randoms(use_true_random=False), st.integers(1, 3))
def test_merge_ignores_order_and_duplicates(
    found: list[Record], shuffler: random.Random, copies: int
) -> None:
    delivered = found * copies
    shuffler.shuffle(delivered)
    assert merge_entity("urn:uuid:e", delivered) == merge_entity("urn:uuid:e", found)


@given(records)
def test_a_version_is_lost_only_when_a_later_record_saw_it(found: list[Record]) -> None:
    state = merge_entity("urn:uuid:e", found)
    replaced = {old for r in found for old in r.replaces}
    for record in found:
        if record.kind == "annotation" and record.id not in replaced:
            assert record in state.live
