"""Language-model work off the GUI thread: a summary or claim explanation (streamed chunk by
chunk, then stored), a summary of a whole brief, loading an article's stored results, and
listing a provider's models.

Each job is a plain callable started with ``QThreadPool.start(job.run)`` (the pool keeps it
alive while it runs), opens its own Library (sqlite connections belong to one thread) and
reports through a ``LlmSignals`` object created in the GUI thread. ``token`` lets the
receiver drop answers meant for an article that is no longer shown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from briefing.domain import BriefingError, Span
from briefing.domain.llm_results import StoredBriefResult, StoredLlmResult
from briefing.gui.workers import library_opener
from briefing.llm.errors import LlmCancelled
from briefing.services import Library

if TYPE_CHECKING:  # the client pulls in httpx and the keyring: load them when a job runs
    from briefing.llm.secrets import SessionKeys
    from briefing.llm.settings import ProviderSettings

log = logging.getLogger(__name__)
_ids = count(1)
OpenLibrary = Callable[[], Library]


@dataclass(frozen=True, slots=True)
class Loaded:
    """An article's stored results (newest first) and the hash of its current text, for the
    job with ``token``."""

    token: int
    article_id: int
    text_sha256: str
    results: tuple[StoredLlmResult, ...]


@dataclass(frozen=True, slots=True)
class Generated:
    """A freshly stored result, for the job with ``token``."""

    token: int
    article_id: int
    result: StoredLlmResult


@dataclass(frozen=True, slots=True)
class BriefGenerated:
    """A freshly stored summary of a brief, for the job with ``token``."""

    token: int
    brief_id: int
    result: StoredBriefResult


@dataclass(frozen=True, slots=True)
class Models:
    token: int
    names: tuple[str, ...]


class LlmSignals(QObject):
    chunk = Signal(int, str)  # token, text piece
    result = Signal(object)  # Generated | Loaded | Models
    cancelled = Signal(int)  # token
    error = Signal(int, str)  # token, one-line message
    finished = Signal(int)  # the job's id (unique per job)


class _Job:
    label = "Language model"

    def __init__(self, token: int, open_library: OpenLibrary | None) -> None:
        self.id = next(_ids)
        self.token = token
        self.open_library = open_library or library_opener()
        self.signals = LlmSignals()  # created in the GUI thread, so it lives there
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            self.work()
        except LlmCancelled:
            self.signals.cancelled.emit(self.token)
        except BriefingError as exc:
            self.signals.error.emit(self.token, str(exc))
        except Exception as exc:  # a bug: show one line, log the traceback
            log.exception("%s job failed", self.label)
            self.signals.error.emit(self.token, f"{self.label} failed unexpectedly: {exc}")
        finally:
            self.signals.finished.emit(self.id)

    def work(self) -> None:
        raise NotImplementedError


class GenerateJob(_Job):
    """Summarise ``article_id`` (``claim`` None) or explain the claim at ``claim``; store it
    and report the stored record."""

    label = "Language-model request"

    def __init__(
        self,
        token: int,
        article_id: int,
        settings: ProviderSettings,
        session: SessionKeys | None,
        *,
        claim: Span | None = None,
        open_library: OpenLibrary | None = None,
    ) -> None:
        super().__init__(token, open_library)
        self.article_id = article_id
        self.settings = settings
        self.session = session
        self.claim = claim

    def work(self) -> None:
        from briefing.services import llm

        def chunk(piece: str) -> None:
            self.signals.chunk.emit(self.token, piece)

        with self.open_library() as lib, llm.client_for(self.settings, self.session) as client:
            if self.claim is None:
                llm.run_summary(lib, self.article_id, client, cancel=self.is_cancelled,
                                on_chunk=chunk)
                stored = llm.latest_result(lib, self.article_id)
            else:
                span = self.claim
                llm.run_explain_claim(lib, self.article_id, span.start, span.end, client,
                                      cancel=self.is_cancelled, on_chunk=chunk)
                stored = llm.latest_result(lib, self.article_id, "explain", span)
        if stored is not None:
            self.signals.result.emit(Generated(self.token, self.article_id, stored))


class BriefSummaryJob(_Job):
    """Summarise the brief ``brief_id`` (all its articles, in order); store it and report
    the stored record."""

    label = "Language-model brief summary"

    def __init__(
        self,
        token: int,
        brief_id: int,
        settings: ProviderSettings,
        session: SessionKeys | None,
        *,
        open_library: OpenLibrary | None = None,
    ) -> None:
        super().__init__(token, open_library)
        self.brief_id = brief_id
        self.settings = settings
        self.session = session

    def work(self) -> None:
        from briefing.services import llm

        def chunk(piece: str) -> None:
            self.signals.chunk.emit(self.token, piece)

        with self.open_library() as lib, llm.client_for(self.settings, self.session) as client:
            llm.run_brief_summary(lib, self.brief_id, client, cancel=self.is_cancelled,
                                  on_chunk=chunk)
            stored = llm.brief_result(lib, self.brief_id)
        if stored is not None:
            self.signals.result.emit(BriefGenerated(self.token, self.brief_id, stored))


class LoadJob(_Job):
    """Reads an article's stored results."""

    label = "Loading language-model results"

    def __init__(self, token: int, article_id: int, open_library: OpenLibrary) -> None:
        super().__init__(token, open_library)
        self.article_id = article_id

    def work(self) -> None:
        from briefing.services import llm
        from briefing.services.articles import get_article

        with self.open_library() as lib:
            sha = get_article(lib, self.article_id).text_sha256
            results = tuple(llm.results_for(lib, self.article_id))
        self.signals.result.emit(Loaded(self.token, self.article_id, sha, results))


class ModelsJob(_Job):
    """Asks the provider which models it offers (the user pressed "Fetch models")."""

    label = "Fetching models"

    def __init__(
        self,
        token: int,
        settings: ProviderSettings,
        key: str | None,
        session: SessionKeys | None = None,
    ) -> None:
        super().__init__(token, Library.open)
        self.settings = settings
        self._key = key
        self.session = session

    def work(self) -> None:
        from briefing.llm.client import ChatClient
        from briefing.llm.secrets import get_key

        key = self._key or get_key(self.settings.base_url, self.session)
        with ChatClient(self.settings, key) as client:
            models = client.list_models()
        self.signals.result.emit(Models(self.token, tuple(models)))
