"""Story features made in batches (services.story_extract): in spawned workers or in the
calling process, the same features and term counts, in the batches' order, also when the
workers cannot start."""

from __future__ import annotations

import sys
from multiprocessing.context import BaseContext
from typing import Any

import pytest

from briefing.services import story_extract as se

ARTICLES = (
    ("Siversk shelled overnight", "Russian forces shelled Siversk overnight. The mayor said "
     "two people were hurt and the water station was hit again."),
    ("ECB holds rates", "The European Central Bank held rates at 2% on Thursday, citing "
     "inflation that stays above its target in Germany and Italy."),
    ("Harbour pilots strike", "Harbour pilots in Grimsby and Tilbury went on strike over pay, "
     "the union said; ferries were delayed."),
)


def batches() -> list[list[se.Source]]:
    sources = [se.Source(n, f"hash{n}", title, text, "2026-11-20T12:00:00Z", None,
                         '[["Siversk", "GPE", 2]]' if n == 0 else "[]")
               for n, (title, text) in enumerate(ARTICLES)]  # fmt: skip
    return [sources[:2], sources[2:]]


def test_workers_make_what_the_calling_process_makes() -> None:
    serial = list(se.made_in_order(batches(), parallel=False))
    assert [len(m.features) for m in serial] == [2, 1]
    assert list(se.made_in_order(batches(), parallel=True)) == serial
    assert serial[0].counts["e:siversk"] == 1


def test_a_frozen_build_starts_workers_and_survives_their_failure(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen, multiprocessing starts ``sys.executable --multiprocessing-fork``: the frozen app
    handles that (freeze_support, tests/packaging); a plain interpreter here refuses it, the
    pool breaks and the batches are made in this process, the same."""
    started: list[str] = []
    real_pool = se.ProcessPoolExecutor

    def pool(max_workers: int, mp_context: BaseContext, **more: Any) -> se.ProcessPoolExecutor:
        started.append(mp_context.get_start_method())
        return real_pool(max_workers=max_workers, mp_context=mp_context, **more)

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(se, "ProcessPoolExecutor", pool)
    assert list(se.made_in_order(batches(), parallel=True)) == list(
        se.made_in_order(batches(), parallel=False))
    assert started == ["spawn"]
