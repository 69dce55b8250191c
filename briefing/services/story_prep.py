"""Story work done in worker processes on a large library. Indexing: each worker reads a batch
of articles through its own handle on the library and makes their features (:func:`made`).
Placing: stored story features are weighed ahead of a bulk placement: reading an
article's stored counts, its rarity-weighted unit vectors, index terms, lead subject and the
scorer's arrays depend only on the article and the library's term frequencies, not on the
stories, so batches of them (in day order) are made by :mod:`story_extract`'s workers while
the calling process places the articles before them.

Every process weighs with the same frequencies and gives terms the same ids (a
:class:`~briefing.services.story_scoring.Scorer` made from the frequencies' terms, in their
order), so arrays made in a worker index the caller's buffer. A batch holding a term outside
them (the library changed meanwhile) is weighed by the caller instead, as is every batch when
the workers cannot start. The caller gets light :class:`~story_features.Features`: day,
headline key, lead subjects and topic, the arrays — not the counts (:func:`hollow`).

A batch is a list of article ids (by day); each worker reads their stored features through its
own handle on the library (the caller would otherwise read and send 1–2 KB an article). No Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from briefing.paths import AppPaths
from briefing.services import story_features as sf
from briefing.services.library import Library, open_worker_library, worker_library
from briefing.services.story_extract import Made, Source, in_order, make
from briefing.services.story_scoring import Packed, Scorer, UnknownTerm
from briefing.storage import stories as store
from briefing.storage.stories import FeatureRow

Prepared = tuple[sf.Features, list[str]]
"""An article ready to place: its features (vectors packed) and its index terms."""


class Weighed(NamedTuple):
    """A batch weighed in a worker: per article (id, day, headline key, lead subjects, topic,
    index terms, end of its arrays, start and end of its whole-text part), and the arrays of
    every article one after another."""

    articles: list[tuple[int, int, str | None, dict[str, int], str | None, list[str], int,
                         int, int]]
    ids: npt.NDArray[np.int64]
    unit: npt.NDArray[np.float64]
    weighted: npt.NDArray[np.float64]


_worker: tuple[sf.Rarity, Scorer] | None = None


def _start(df: dict[str, int], total: int, paths: AppPaths, database: Path) -> None:
    """A worker's weights and term ids — those of the caller (see :func:`weighing`) — and
    its handle on the library (it only reads)."""
    global _worker
    _worker = (sf.Rarity(lambda term: df.get(term) or 1, total), Scorer(df, fixed=True))
    open_worker_library(paths, database)


def stored(lib: Library, ids: list[int]) -> list[FeatureRow]:
    """The stored features of ``ids``, by day and id."""
    return sorted(store.features(lib.conn, ids), key=lambda row: (row.day, row.article_id))


def weigh(articles_ids: list[int]) -> Weighed:
    """Weigh a batch in a worker (raises ``UnknownTerm`` for a term outside the table)."""
    assert _worker is not None, "the worker was started without its weights"
    rarity, scorer = _worker
    rows = stored(worker_library(), articles_ids)
    articles = []
    ids: list[npt.NDArray[np.int64]] = []
    unit: list[npt.NDArray[np.float64]] = []
    weighted: list[npt.NDArray[np.float64]] = []
    end = 0
    for row in rows:
        features = sf.Features.from_row(*row)
        terms = sf.vectors_and_index_terms(features, rarity)
        packed = scorer.pack(features, rarity)
        articles.append((features.article_id, features.day, features.headline,
                         features.subjects, features.topic, terms, end + len(packed.ids),
                         end + packed.text.start, end + packed.text.stop))  # fmt: skip
        end += len(packed.ids)
        ids.append(packed.ids)
        unit.append(packed.unit)
        weighted.append(packed.weighted)
    if not rows:
        return Weighed([], np.zeros(0, np.int64), np.zeros(0), np.zeros(0))
    return Weighed(articles, np.concatenate(ids), np.concatenate(unit),
                   np.concatenate(weighted))


def hollow(batch: Weighed) -> list[Prepared]:
    """The caller's articles of a weighed batch: features without their counts, their arrays
    views of the batch's."""
    made: list[Prepared] = []
    start = 0
    for article_id, day, headline, subjects, topic, terms, end, text_start, text_end in (
        batch.articles
    ):
        features = sf.Features(article_id, day, headline, {}, {}, {}, subjects, {})
        features.topic = topic
        features.packed = Packed(batch.ids[start:end], batch.unit[start:end],
                                 batch.weighted[start:end],
                                 slice(text_start - start, text_end - start), None)  # fmt: skip
        made.append((features, terms))
        start = end
    return made


def weighing(lib: Library, batches: Iterable[list[int]], df: dict[str, int], total: int,
             here: Callable[[list[int]], list[Prepared]]) -> Iterator[list[Prepared]]:
    """Each batch's articles (ids by day), weighed in worker processes with ``df`` (every
    term's frequency) and ``total``, for a caller scoring with ``Scorer(df)``; a batch the
    workers could not weigh is weighed by ``here``."""
    work: Callable[[list[int]], Weighed | list[Prepared]] = weigh
    start = (_start, (df, total, lib.paths, lib.database))
    for found in in_order(work, batches, parallel=True, here=here, start=start,
                          redo=(UnknownTerm,)):  # fmt: skip
        yield hollow(found) if isinstance(found, Weighed) else found


def sources_of(lib: Library, engine: tuple[str, str], ids: list[int]) -> list[Source]:
    """What the features of ``ids`` are made from (their entities but values and dates)."""
    from briefing.services.crossref_entities import VALUE_LABELS

    return list(store.sources(lib.conn, engine, ids, VALUE_LABELS))


def _made_of(task: tuple[tuple[str, str], list[int]]) -> Made:
    """In an indexing worker: the features of a batch of ids, read (with the analyses of
    ``engine``) and made."""
    engine, ids = task
    return make(sources_of(worker_library(), engine, ids))


def made(lib: Library, engine: tuple[str, str], parts: Iterable[list[int]]) -> Iterator[Made]:
    """The features of each batch of article ids, in order, made in worker processes that
    read the articles themselves (the caller sends ids, not texts); a batch the workers could
    not make is read and made here."""
    return in_order(_made_of, ((engine, part) for part in parts), parallel=True,
                    here=lambda task: make(sources_of(lib, *task)),
                    start=(open_worker_library, (lib.paths, lib.database)))  # fmt: skip
