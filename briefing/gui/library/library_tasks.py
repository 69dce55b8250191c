"""Background work of the library list: reading the listing and working out what changed,
searching, and reading the filters' articles (see filters.py), in a pool thread; results
handed back to the GUI thread through signals. Qt-free functions do the work (testable
alone); :class:`Task` runs one.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRunnable, Qt, QThread, QThreadPool

from briefing.domain import BriefingError
from briefing.gui.library.library_model import Listing, SortOrder, prepare
from briefing.gui.thread_priority import lower_current_thread
from briefing.gui.workers import JobSignals, library_opener
from briefing.services import articles as article_service
from briefing.services.articles import ArticleRow
from briefing.services.gc_pause import gc_paused
from briefing.services.library import Library

log = logging.getLogger(__name__)

SYNC_ROWS = 2_000
"""Up to this many articles the list is read on the GUI thread (a few milliseconds);
beyond, in a worker."""
INCREMENTAL_ROWS = 500
"""Up to this many new, changed or removed articles a refresh updates the list row by row;
beyond, the list is replaced at once (with rows prepared in the worker)."""
FIRST_PAGE = 400
"""Rows of the list's first screen (more than a tall window shows), read before the rest."""
DATE_COLUMN = 2


@dataclass(frozen=True, slots=True)
class Changes:
    """What a refresh found: either a whole new listing, or rows to put and ids to drop."""

    listing: Listing | None
    upserts: list[ArticleRow]
    removed: list[int]


def listing_changes(rows: Iterable[ArticleRow], known: Sequence[ArticleRow],
                    order: SortOrder | None) -> Changes:
    """Compare the library's ``rows`` with the rows the list shows (``known``)."""
    fresh = list(rows)
    if not known:  # the first read: nothing to compare (100,000 look-ups saved)
        return Changes(prepare(fresh, order), [], [])
    current = {row.id: row for row in known}
    upserts = [row for row in fresh if current.get(row.id) != row]
    ids = {row.id for row in fresh}
    removed = [article_id for article_id in current if article_id not in ids]
    if not current or len(upserts) + len(removed) > INCREMENTAL_ROWS:
        return Changes(prepare(fresh, order), [], [])
    return Changes(None, upserts, removed)


def search_ids(query: str) -> Callable[[], set[int]]:
    """Work for a :class:`Task`: the ids of the articles matching ``query`` (FTS5)."""
    opener = library_opener()

    def run() -> set[int]:
        with opener() as lib:
            return set(article_service.search_article_ids(lib, query))

    return run


def read_changes(known: Sequence[ArticleRow], order: SortOrder | None) -> Callable[[], Changes]:
    """Work for a :class:`Task`: the listing compared with ``known``."""
    opener = library_opener()

    def run() -> Changes:
        with opener() as lib, gc_paused():
            return listing_changes(article_service.iter_articles(lib), known, order)

    return run


FIRST_SCREEN_ORDER: SortOrder = (DATE_COLUMN, Qt.SortOrder.DescendingOrder)
"""The order whose first screen is remembered (the list's default: newest date first)."""
NEW_ROWS = 5_000
"""At most this many articles added since the first screen was remembered are read by id;
beyond, the database ranks the first screen afresh."""
ADDED_AT_ONCE = 2_000
"""At most this many articles added since the first screen was remembered are read with it on
the GUI thread (as many rows as a small library's whole list, a few milliseconds); beyond, the
first rows by date come from their index."""


def remembered_prefix(top: list[ArticleRow], added: list[ArticleRow], remembered: set[int],
                      newest: int, order: SortOrder) -> Listing | None:
    """The start of the list from the rows remembered first (``top``, still in the library)
    and those added since (ids from ``newest`` on): ranked together and cut after the last
    remembered row, every row before which is known (the rest of the library ranked below
    the remembered ones). None when no remembered row is left."""
    by_id = {row.id: row for row in top}
    by_id.update((row.id, row) for row in added)
    ranked = prepare(by_id.values(), order)
    last = max((n for n, row in enumerate(ranked.rows)
                if row.id in remembered and row.id < newest), default=-1)
    return prepare(ranked.rows[:last + 1], order, ranked.shown[:last + 1]) if last >= 0 else None


def first_page(order: SortOrder | None,
               remembered: tuple[int, list[int]] | None = None) -> Callable[[], Listing | None]:
    """Work for a :class:`Task`: :func:`first_screen` with a library handle of the worker's."""
    opener = library_opener()

    def run() -> Listing | None:
        with opener() as lib:
            return first_screen(lib, order, remembered)

    return run


def first_screen(lib: Library, order: SortOrder | None,
                 remembered: tuple[int, list[int]] | None = None,
                 added: int = NEW_ROWS) -> Listing | None:  # fmt: skip
    """The first rows of the list in ``order``. In the default order, from the ``remembered``
    first screen (``(newest id then, ids)``) and the articles added since (at most ``added``),
    read by id; else the first :data:`FIRST_PAGE` rows by date from the database's index on
    the list's date. Milliseconds either way. None when the order is not by date, which SQL
    cannot rank exactly as the list does: then only the whole listing is read."""
    if order is not None and order[0] != DATE_COLUMN:
        return None
    if remembered is not None and order == FIRST_SCREEN_ORDER:
        found = remembered_first_screen(lib, remembered, added)
        if found is not None:
            return found
    descending = order is None or order[1] == Qt.SortOrder.DescendingOrder
    return prepare(article_service.first_articles_by_date(lib, FIRST_PAGE, descending), order)


def remembered_first_screen(lib: Library, remembered: tuple[int, list[int]],
                            most: int = NEW_ROWS) -> Listing | None:  # fmt: skip
    """The list's first screen in the default order from the ``remembered`` one (``(newest
    id then, ids)``) and the articles added since, read by id (a few hundred rows by primary
    key: milliseconds); None when more than ``most`` were added or no remembered row is
    left."""
    newest, ids = remembered
    added = article_service.articles_from_id(lib, newest, most)
    if added is None:
        return None
    top = article_service.list_articles(lib, ids)
    return remembered_prefix(top, added, set(ids), newest, FIRST_SCREEN_ORDER)


def read_added(known: Sequence[ArticleRow], order: SortOrder | None,
               newest: int) -> Callable[[], Changes]:
    """Work for a :class:`Task`: the articles added since ``known`` was read (ids above
    ``newest``, the model's mark: a pass over 100,000 rows here held the interpreter lock,
    and the GUI thread, for up to 20 ms), when nothing else changed the count; else the
    whole listing compared."""
    opener = library_opener()

    def run() -> Changes:
        total = len(known)
        with opener() as lib:
            added = article_service.articles_from_id(lib, newest + 1, INCREMENTAL_ROWS)
            if added is not None and article_service.count_articles(lib) == total + len(added):
                return Changes(None, added, [])
            with gc_paused():
                return listing_changes(article_service.iter_articles(lib), known, order)

    return run


def _done() -> None:
    """The work of a task that has run."""


class Task(QRunnable):
    """Runs ``work`` in the pool; emits its result (or a one-line error) on ``signals``."""

    def __init__(self, work: Callable[[], Any], label: str) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the panel keeps it until ``finished``
        self.work = work
        self.label = label
        self.kind, self.generation = "", 0  # set by Tasks.start
        self.signals = JobSignals()

    def run(self) -> None:
        # the GUI thread first when both want a core (Qt's own priority does nothing on
        # Linux under the default scheduling policy; other systems may honour it)
        QThread.currentThread().setPriority(QThread.Priority.LowestPriority)
        lower_current_thread()
        try:
            result = self.work()
        except BriefingError as exc:
            self.signals.error.emit(str(exc))
        except Exception as exc:  # a bug: logged with its traceback, reported in a line
            log.exception("%s failed", self.label)
            self.signals.error.emit(f"{self.label} failed unexpectedly: {exc}")
        else:
            self.signals.result.emit(result)
        finally:
            # drop what the work holds (a snapshot of the list, the facets): the task may
            # live on a while in its signal connections
            self.work = _done
            with contextlib.suppress(RuntimeError):  # the application is gone (quitting)
                self.signals.finished.emit()


_ALIVE: set[Task] = set()
"""Tasks still running, whoever started them: a task (and its signals) outlives a panel
closed meanwhile; its result is then dropped."""


class Tasks:
    """Starts tasks in a pool of one thread; each kind has a generation: only the result of
    the latest task of a kind is applied, and none after :meth:`close`."""

    def __init__(self) -> None:
        self.running: set[Task] = set()
        self.generation: dict[str, int] = {}
        self.closed = False
        # a pool of its own: the list's work never keeps an article's analysis waiting for
        # one of the shared pool's threads
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)

    def start(self, kind: str, work: Callable[[], Any], apply: Callable[[Any], None],
              label: str) -> Task:
        generation = self.generation.get(kind, 0) + 1
        self.generation[kind] = generation
        task = Task(work, label)
        task.kind, task.generation = kind, generation

        def done(result: Any) -> None:
            if not self.closed and self.generation.get(kind) == generation:
                apply(result)

        def finished() -> None:
            self.running.discard(task)
            _ALIVE.discard(task)

        task.signals.result.connect(done)
        task.signals.error.connect(lambda message: log.warning("%s", message))
        task.signals.finished.connect(finished)
        self.running.add(task)
        _ALIVE.add(task)
        self.pool.start(task)
        return task

    def close(self) -> None:
        """Apply no more results (the panel is going)."""
        self.closed = True

    def cancel(self, kind: str) -> None:
        """Forget the result of the running task of ``kind``, if any."""
        self.generation[kind] = self.generation.get(kind, 0) + 1

    def busy(self) -> bool:
        return bool(self.running)

    def busy_with(self, kind: str) -> bool:
        """Whether a task of ``kind`` whose result is still wanted is running."""
        return any(task.kind == kind and task.generation == self.generation.get(kind)
                   for task in self.running)
