"""Story features made in batches (services.story_extract): in spawned workers or in the
calling process, the same features and term counts, in the batches' order; a frozen build
never starts workers."""

from __future__ import annotations

import sys

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


def test_a_frozen_build_makes_them_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("no worker process in a frozen build")

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(se, "ProcessPoolExecutor", no_pool)
    assert list(se.made_in_order(batches(), parallel=True)) == list(
        se.made_in_order(batches(), parallel=False))
