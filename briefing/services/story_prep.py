"""Weighing stored story features ahead of a bulk placement, in worker processes: reading an
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

No SQL, no Qt: a batch is a list of ``storage.stories.FeatureRow`` as the caller read them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from briefing.services import story_features as sf
from briefing.services.story_extract import in_order
from briefing.services.story_scoring import Packed, Scorer, UnknownTerm
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


def _start(df: dict[str, int], total: int) -> None:
    """A worker's weights and term ids: those of the caller (see :func:`weighing`)."""
    global _worker
    _worker = (sf.Rarity(lambda term: df.get(term) or 1, total), Scorer(df, fixed=True))


def weigh(rows: list[FeatureRow]) -> Weighed:
    """Weigh a batch in a worker (raises ``UnknownTerm`` for a term outside the table)."""
    assert _worker is not None, "the worker was started without its weights"
    rarity, scorer = _worker
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


def weighing(batches: Iterable[list[FeatureRow]], df: dict[str, int], total: int,
             here: Callable[[list[FeatureRow]], list[Prepared]]
             ) -> Iterator[list[Prepared]]:  # fmt: skip
    """Each batch's articles, weighed in worker processes with ``df`` (every term's
    frequency) and ``total``, for a caller scoring with ``Scorer(df)``; a batch the workers
    could not weigh is weighed by ``here``."""
    work: Callable[[list[FeatureRow]], Weighed | list[Prepared]] = weigh
    for found in in_order(work, batches, parallel=True, here=here,
                          start=(_start, (df, total)), redo=(UnknownTerm,)):  # fmt: skip
        yield hollow(found) if isinstance(found, Weighed) else found
