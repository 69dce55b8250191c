"""Analysing many articles at once: those a whole-library command needs and finds without an
analysis by the current engine (after an engine update, every article).

The entity index, stories and the review queue read stored analyses. When many are missing,
they are computed in ``story_extract.WORKERS`` spawned processes (each reads its articles
through its own library handle) and stored here, a batch a transaction, with progress
reported through :func:`report_progress_with` (the CLI prints it on stderr). Few missing
analyses, or a process whose analyses are made elsewhere (the reader's analysis child, see
:func:`services.articles.compute_analyses_with`), are computed one by one as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.clock import utc_now
from briefing.domain import Analysis
from briefing.services.library import Library, open_worker_library, worker_library

BATCH = 40
"""Articles a worker analyses per task (about half a second of work on news)."""
PARALLEL_MIN = 200
"""Missing analyses below which no worker is started (starting one costs about a second)."""

Report = Callable[[str, int, int], None]
"""(engine label, analysed so far, to analyse): called after every batch."""

_reporters: list[Report] = []


def report_progress_with(report: Report | None) -> None:
    """Have every bulk analysis of this process call ``report``; None: report nothing."""
    _reporters[:] = [report] if report is not None else []


def analyse_missing(lib: Library, article_ids: Sequence[int], engine_name: str) -> None:
    """Compute and store the analyses by ``engine_name`` of ``article_ids`` (articles whose
    analysis is already stored are computed again: pass only the missing ones)."""
    from briefing.analysis import engine_info
    from briefing.services import articles
    from briefing.services.story_extract import in_order

    ids = list(article_ids)
    if not ids:
        return
    info = engine_info(engine_name)
    label = f"{info.name} {info.version}"
    report = _reporters[0] if _reporters else None
    if len(ids) < PARALLEL_MIN or articles.analyses_made_elsewhere():
        for done, article_id in enumerate(ids, 1):
            articles.analysis_for(lib, articles.get_article(lib, article_id),
                                  engine_name=engine_name)  # fmt: skip
            if report is not None and (done % BATCH == 0 or done == len(ids)):
                report(label, done, len(ids))
        return
    tasks = [(engine_name, ids[start : start + BATCH]) for start in range(0, len(ids), BATCH)]
    done = 0
    made = in_order(_analysed, tasks, parallel=True, here=lambda task: _analysed(task, lib),
                    start=(open_worker_library, (lib.paths, lib.database)))  # fmt: skip
    for (_, batch_ids), batch in zip(tasks, made, strict=True):
        _store(lib, batch)
        done += len(batch_ids)
        if report is not None:
            report(label, done, len(ids))


def _analysed(task: tuple[str, list[int]], lib: Library | None = None) -> list[Analysis]:
    """The analyses of a batch of articles, read through ``lib`` (in a worker: its own); an
    article deleted meanwhile is left out."""
    from briefing.analysis import get_engine
    from briefing.storage import articles as article_store

    engine_name, ids = task
    library = lib if lib is not None else worker_library()
    engine = get_engine(engine_name)
    found = (article_store.get(library.conn, article_id) for article_id in ids)
    return [engine.analyse(article.text) for article in found if article is not None]


def _store(lib: Library, batch: list[Analysis]) -> None:
    from briefing.storage import analyses as analysis_store

    when = utc_now()
    with lib.transaction() as conn:
        for analysis in batch:
            analysis_store.put(conn, analysis, when)
