"""Background work on the QThreadPool: importing sources and analysing articles.

Each job works on a pooled :class:`Library` (one handle per running job, already open when
an earlier job left it: see ``services.library.pooled_library``), reports
progress/result/error through a :class:`JobSignals` object living in the GUI thread, and
checks a cancel flag between steps.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import count
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

from briefing.domain import Analysis, BriefingError, EngineInfo
from briefing.gui.thread_priority import lower_current_thread
from briefing.services.library import DATABASE_ERRORS

if TYPE_CHECKING:
    from briefing.services import Library
    from briefing.services.facets import FilterFacets

log = logging.getLogger(__name__)
_ids = count(1)


@dataclass(frozen=True, slots=True)
class PastedText:
    """Text from the clipboard to import as a new article."""

    text: str


Source = str | PastedText


@dataclass(frozen=True, slots=True)
class Imported:
    article_ids: tuple[int, ...]
    errors: tuple[str, ...]
    cancelled: bool


@dataclass(frozen=True, slots=True)
class Analysed:
    article_id: int
    analysis: Analysis


class JobSignals(QObject):
    progress = Signal(int, int, str)  # done, total, what
    result = Signal(object)
    error = Signal(str)
    finished = Signal()


def library_opener() -> Callable[[], Library]:
    """A handle on the library that is current NOW (the data folder is resolved at this
    call, on the GUI thread), however late a worker calls it. Closing it gives it back for
    the next job (see ``services.library.pooled_library``)."""
    from briefing.paths import app_paths
    from briefing.services.library import pooled_library

    return partial(pooled_library, app_paths())


class Job(QRunnable):
    """A cancellable unit of background work with an id and a label."""

    label = "Working"

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the JobTracker keeps the reference until finished
        self.open_library = library_opener()
        self.id = next(_ids)
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        """Run :meth:`work`; every failure is logged here, once, and reported through
        ``signals.error`` (panels show it with a Retry, see ``gui.load_state``)."""
        lower_current_thread()
        try:
            with self.open_library() as lib:
                self.work(lib)
        except BriefingError as exc:
            log.warning("%s: %s", self.label, exc)
            self.signals.error.emit(str(exc))
        except (*DATABASE_ERRORS, OSError) as exc:  # disk full, I/O error, permission...
            log.error("%s failed: %s", self.label, exc)
            self.signals.error.emit(f"{self.label} failed: {exc}")
        except Exception as exc:  # a bug: report it in the banner, log the traceback
            log.exception("background job %s failed", self.label)
            self.signals.error.emit(f"{self.label} failed unexpectedly: {exc}")
        finally:
            with contextlib.suppress(RuntimeError):  # the application quit meanwhile
                self.signals.finished.emit()

    def work(self, lib: object) -> None:
        raise NotImplementedError


def in_child(engine: str, cancelled: Callable[[], bool], *,
             stop_on_cancel: bool = True) -> Callable[[str], Analysis]:
    """Text in, its analysis by ``engine`` out, computed in the reader's analysis child
    process (or in this thread when it cannot: see ``services.analysis_process``); raises
    ``AnalysisCancelled`` when ``cancelled()`` turns true meanwhile (``stop_on_cancel``: the
    child is stopped too, else its analysis ends there and is dropped)."""
    from briefing.services.analysis_process import shared

    return partial(shared().analyse, engine, cancelled=cancelled,
                   stop_on_cancel=stop_on_cancel)


class ImportJob(Job):
    """Reads each source (path, URL or pasted text), stores it and analyses it."""

    label = "Importing"

    def __init__(self, sources: list[Source], engine: str = "builtin") -> None:
        super().__init__()
        self.sources = list(sources)
        self.engine = engine

    def work(self, lib: object) -> None:
        from briefing.ingest.text import read_plain
        from briefing.services import articles
        from briefing.services.analysis_process import AnalysisCancelled

        analyse = in_child(self.engine, self.is_cancelled)
        ids: list[int] = []
        errors: list[str] = []
        total = len(self.sources)
        for done, source in enumerate(self.sources):
            if self.is_cancelled():
                break
            name = "pasted text" if isinstance(source, PastedText) else source
            self.signals.progress.emit(done, total, str(name))
            try:
                doc = (
                    read_plain(source.text) if isinstance(source, PastedText)
                    else articles.read_source(source)
                )
                result = articles.import_document(lib, doc, analyse=False)  # type: ignore[arg-type]
                if self.is_cancelled():
                    ids.append(result.article.id)
                    break
                articles.analysis_for(
                    lib, result.article, engine_name=self.engine,  # type: ignore[arg-type]
                    cancelled=self.is_cancelled, compute=analyse,
                )
                ids.append(result.article.id)
            except AnalysisCancelled:
                ids.append(result.article.id)  # stored; analysed when it is opened
                break
            except BriefingError as exc:
                errors.append(str(exc))
        self.signals.progress.emit(len(ids) + len(errors), total, "")
        self.signals.result.emit(Imported(tuple(ids), tuple(errors), self.is_cancelled()))


class AnalysisJob(Job):
    """Computes (or loads from the cache) one article's analysis."""

    label = "Analysing"

    def __init__(self, article_id: int, engine: str = "builtin") -> None:
        super().__init__()
        self.article_id = article_id
        self.engine = engine

    def work(self, lib: object) -> None:
        from briefing.services import articles
        from briefing.services.analysis_process import AnalysisCancelled

        self.signals.progress.emit(0, 1, "analysing")
        article = articles.get_article(lib, self.article_id)  # type: ignore[arg-type]
        try:
            analysis = articles.analysis_for(  # computed (in the child) only when not cached
                lib, article, engine_name=self.engine,  # type: ignore[arg-type]
                cancelled=self.is_cancelled,
                # another article opened meanwhile: the child keeps its engine for it
                compute=in_child(self.engine, self.is_cancelled, stop_on_cancel=False),
            )
        except AnalysisCancelled:
            return
        if not self.is_cancelled():
            self.signals.progress.emit(1, 1, "")
            self.signals.result.emit(Analysed(self.article_id, analysis))


@dataclass(frozen=True, slots=True)
class Facets:
    """What the library can be filtered by (``services.facets.filter_facets``), and the
    engine whose analyses name the entities."""

    facets: FilterFacets
    engine: EngineInfo


class FacetsJob(Job):
    """Reads the filters' entries: tags (from annotations) and the entities named in most
    articles (from cached analyses), counted in SQL."""

    label = "Indexing filters"

    def __init__(self, engine: str = "builtin") -> None:
        super().__init__()
        self.engine = engine

    def work(self, lib: object) -> None:
        from briefing.services.facets import filter_facets

        if self.is_cancelled():
            return
        from briefing.analysis import engine_info

        info = engine_info(self.engine)  # the engine itself is not built for its name
        found = filter_facets(lib, info)  # type: ignore[arg-type]
        if self.is_cancelled():
            return
        self.signals.result.emit(Facets(found, info))
