"""Helpers for the sync tests: several libraries (devices) in one test, each with its own
data folder and sync folder, and a file-level copy between sync folders."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.domain import Span
from briefing.ingest import read_plain
from briefing.paths import AppPaths
from briefing.services import Library
from briefing.services.articles import import_document
from briefing.services.syncing import set_name, set_sync_folder
from briefing.storage import annotations as annotation_store
from briefing.storage import sync as sync_store

TEXT = (
    "Inflation reached 9 percent in May, the statistics office said. "
    "The minister predicted that prices will fall next year. "
    "Exports grew by 4 percent, twice as fast as imports. "
    "Critics said the figures were unreliable."
)


def open_device(root: Path, name: str) -> Library:
    base = root / name
    paths = AppPaths(base / "data", base / "config", base / "cache", base / "logs")
    lib = Library.open(paths)
    set_name(lib, name)
    set_sync_folder(lib, base / "sync")
    return lib


def sync_dir(lib: Library) -> Path:
    return lib.paths.data.parent / "sync"


def copy_folder(source: Path, target: Path) -> None:
    """What a file-level sync does: every file of ``source`` also in ``target``."""
    shutil.copytree(source / "devices", target / "devices", dirs_exist_ok=True)


def add_article(lib: Library, text: str = TEXT) -> int:
    return import_document(lib, read_plain(text, title="Report"), analyse=False).article.id


def view(lib: Library) -> set[tuple[object, ...]]:
    """The library's synced content, comparable across devices: notes and highlights by id,
    every reviewer's verdicts (by device), and the conflicts waiting."""
    me = sync_store.get_setting(lib.conn, "device_id")
    seen: set[tuple[object, ...]] = set()
    for a in annotation_store.all_annotations(lib.conn):
        if a.verdict is None:
            seen.add(("note", a.id, a.selector.start, a.selector.end, a.note, a.color, a.tags))
    for article_id in {a.article_id for a in annotation_store.all_annotations(lib.conn)} | set(
        sync_store.uid_by_article(lib.conn)
    ):
        for v in sync_store.verdicts_for_article(lib.conn, article_id):
            seen.add(("verdict", v.id, v.reviewer or me, v.start, v.end, v.verdict, v.note))
    for entity in sync_store.conflicted_entities(lib.conn):
        seen.add(("conflict", entity, sync_store.applied(lib.conn)[entity].heads))
    return seen


SPANS = (Span(0, 63), Span(64, 119), Span(120, 172))


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[list[Library]]:
    libs = [open_device(tmp_path, name) for name in ("ana", "bo")]
    yield libs
    for lib in libs:
        lib.close()
