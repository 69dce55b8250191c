"""Making story features in batches, in worker processes when there are many: tokenising
100,000 texts is most of a first indexing, and each batch's features depend only on its own
articles. The caller reads the batches (SQL stays in the calling process) and stores the
results in order; up to ``AHEAD`` batches are being made meanwhile.

Workers are started with the "spawn" method (never fork a process that may hold Qt) and
import only this module's pure dependencies; should one fail to start or die, its batches are
made in the calling process instead. A frozen (PyInstaller) build starts them too: its entry
point calls ``multiprocessing.freeze_support()``. No SQL, no Qt (a batch is a list of
``storage.stories.SourceRow``, as the caller read them).
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, NamedTuple, TypeVar

from briefing.services import story_features as sf
from briefing.services.child_process import CHILD_ERRORS
from briefing.storage.stories import SourceRow as Source

WORKERS = 2
"""Worker processes for a large batch run (the machine's two cores in the benchmarks)."""
AHEAD = 3
"""Batches being made at once (bounds the memory held by finished, unstored batches)."""
B = TypeVar("B")
R = TypeVar("R")


class Made(NamedTuple):
    """A batch's features (with their text hashes) and its term document counts."""

    features: list[tuple[str, sf.Features]]
    counts: dict[str, int]


def make(batch: list[Source]) -> Made:
    """The features of one batch of articles, and in how many of them each term appears."""
    features = [
        (s.text_sha256, sf.extract(s.article_id, s.title, s.text, s.lead_end, s.date,
                                   [sf.EntityRef(*e) for e in json.loads(s.entities)]))
        for s in batch
    ]  # fmt: skip
    counts: Counter[str] = Counter()
    for _, found in features:
        counts.update(found.terms())
    return Made(features, dict(counts))  # a Counter unpickles key by key in Python


def made_in_order(batches: Iterable[list[Source]], *, parallel: bool) -> Iterator[Made]:
    """:func:`make` of each batch, in order; in ``WORKERS`` spawned processes when
    ``parallel`` (the next batches are read and made while the caller stores one)."""
    return in_order(make, batches, parallel=parallel)


def in_order(work: Callable[[B], R], batches: Iterable[B], *, parallel: bool,
             here: Callable[[B], R] | None = None,
             start: tuple[Callable[..., None], tuple[object, ...]] | None = None,
             redo: tuple[type[BaseException], ...] = ()) -> Iterator[R]:  # fmt: skip
    """``work`` of each batch, in order; in ``WORKERS`` spawned processes when ``parallel``
    (up to ``AHEAD`` batches at once), each worker first running ``start`` (function,
    arguments) when given. The first batch is done in this process by ``here`` (default
    ``work``) while the workers start (their imports take longer than a batch), and so is a
    batch whose worker could not start or died, or raised one of ``redo``."""
    local = work if here is None else here
    if not parallel:
        yield from map(local, batches)
        return
    source = iter(batches)
    first = next(source, None)
    if first is None:
        return
    yield from _pooled(work, local, first, source, start, redo)


def _pooled(work: Callable[[B], R], local: Callable[[B], R], first: B, source: Iterator[B],
            start: tuple[Callable[..., None], tuple[object, ...]] | None,
            redo: tuple[type[BaseException], ...]) -> Iterator[R]:  # fmt: skip
    context = multiprocessing.get_context("spawn")
    initializer, initargs = start if start is not None else (None, ())
    arguments: Any = initargs  # typeshed ties the arguments' type to the initializer's
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context, initializer=initializer,
                             initargs=arguments) as pool:  # fmt: skip
        broken = False

        def started(batch: B) -> tuple[B, Future[R] | None]:
            nonlocal broken
            if not broken:
                try:
                    return batch, pool.submit(work, batch)
                except CHILD_ERRORS:  # a worker could not start (the pool broke meanwhile)
                    broken = True
            return batch, None

        pending = deque(started(batch) for batch in islice(source, AHEAD))
        yield local(first)
        while pending:
            batch, future = pending.popleft()
            try:
                done = future.result() if future is not None else local(batch)
            except CHILD_ERRORS:  # a worker could not start or died: done here instead
                broken = True
                done = local(batch)
            except redo:
                done = local(batch)
            following = next(source, None)
            if following is not None:
                pending.append(started(following))
            yield done
