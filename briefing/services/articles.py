"""Getting articles in and out of the library, and their (cached) analyses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TextIO

from briefing.clock import utc_now
from briefing.domain import Article, BriefingError, text_sha256
from briefing.services.library import Library
from briefing.storage import articles as article_store
from briefing.storage.articles import ArticleRow
from briefing.storage.search import search as fts_search

if TYPE_CHECKING:  # ingest pulls in trafilatura (slow to import): load it only when used
    from briefing.analysis import Engine
    from briefing.domain import Analysis
    from briefing.ingest import IngestedDocument

DEFAULT_ENGINE = "builtin"

_compute_elsewhere: list[Callable[[str, str], Analysis]] = []
"""Set by :func:`compute_analyses_with`: what computes an analysis asked for without an
engine or a ``compute`` function (empty: the engine, built in the calling thread)."""


def compute_analyses_with(compute: Callable[[str, str], Analysis] | None) -> None:
    """Have every analysis this process computes without an explicit ``engine`` or
    ``compute`` made by ``compute(engine_name, text)`` instead; None: in the calling thread
    again. The reader passes its analysis child (``services.analysis_process``): then the
    review queue, the entity index, stories, revisions, exports and the language-model
    commands never build the engine in one of its threads (after an engine update they
    analyse every article they read)."""
    _compute_elsewhere[:] = [compute] if compute is not None else []


def analyses_made_elsewhere() -> bool:
    """Whether :func:`compute_analyses_with` sends this process's analyses elsewhere."""
    return bool(_compute_elsewhere)


@dataclass(frozen=True, slots=True)
class ImportResult:
    article: Article
    status: str  # "new", "existing" (same text already stored) or "revised"
    reanchored: tuple[tuple[str, str], ...] = ()  # (annotation id, state) after a revision
    warnings: tuple[str, ...] = ()  # problems the reader noticed in this input (see ingest)


def get_article(lib: Library, article_id: int) -> Article:
    article = article_store.get(lib.conn, article_id)
    if article is None:
        raise BriefingError(f"no article with id {article_id} in the library")
    return article


def list_articles(lib: Library, ids: list[int] | None = None) -> list[ArticleRow]:
    return article_store.listing(lib.conn, ids)


def iter_articles(lib: Library) -> Iterator[ArticleRow]:
    """The library rows newest first, streamed (memory does not grow with the library)."""
    return article_store.iter_listing(lib.conn)


def library_size(lib: Library) -> int:
    """About how many articles the library holds (the highest id: one index look-up)."""
    return article_store.highest_id(lib.conn)


def search_article_ids(lib: Library, query: str) -> list[int]:
    """Ids of the articles whose title, text or notes match ``query`` (best first)."""
    return fts_search(lib.conn, query)


def search_articles(lib: Library, query: str) -> list[ArticleRow]:
    """Articles whose title, text or notes match ``query`` (best first)."""
    return article_store.listing(lib.conn, fts_search(lib.conn, query))


def import_document(
    lib: Library, doc: IngestedDocument, *, analyse: bool = True, engine: Engine | None = None,
    compute: Callable[[str], Analysis] | None = None,
) -> ImportResult:
    """Store ``doc`` unless its text is already in the library; analyse it (cached; by
    ``compute`` when given: see :func:`analysis_for`).

    A document from a URL already in the library whose text changed becomes a new
    revision of that article, and its annotations are re-anchored.
    """
    if not doc.text.strip():
        raise BriefingError(f"{doc.source_path or doc.source_url or 'input'}: no text to import")
    sha = text_sha256(doc.text)
    existing = article_store.find_by_hash(lib.conn, sha)
    if existing is not None:
        result = ImportResult(existing, "existing")
    elif doc.source_url and (prior := article_store.find_by_source_url(lib.conn, doc.source_url)):
        from briefing.services.revising import revise_article

        states = revise_article(lib, prior.id, doc.text, blocks=doc.blocks)
        result = ImportResult(get_article(lib, prior.id), "revised", tuple(states))
    else:
        now = utc_now()
        candidate = Article(
            id=0,
            title=doc.title,
            text=doc.text,
            text_sha256=sha,
            source_url=doc.source_url,
            source_path=doc.source_path,
            author=doc.author,
            published=doc.published,
            imported_at=now,
            blocks=doc.blocks,
            warnings=doc.warnings,
            meta_source=doc.meta_source,
        )
        with lib.transaction() as conn:
            stored = article_store.insert(conn, candidate)
        result = ImportResult(stored, "new")
    if doc.warnings:
        result = replace(result, warnings=doc.warnings)
    if analyse:
        analysis_for(lib, result.article, engine=engine, compute=compute)
    return result


def import_source(
    lib: Library, source: str, *, title: str | None = None, stdin: TextIO | None = None
) -> ImportResult:
    """Import a path, an http(s) URL, or ``-`` (text on ``stdin``)."""
    return import_document(lib, read_source(source, stdin=stdin, title=title))


def read_source(
    source: str, *, stdin: TextIO | None = None, title: str | None = None
) -> IngestedDocument:
    """:func:`briefing.ingest.read_source`, refusing the library files this process has open
    (opening them through the OS would drop this process's SQLite locks)."""
    from briefing.ingest import read_source as ingest_source
    from briefing.storage.handles import is_open_library_file

    return ingest_source(source, stdin=stdin, title=title, refuse=is_open_library_file)


def analysis_for(
    lib: Library,
    article: Article,
    *,
    engine: Engine | None = None,
    engine_name: str = DEFAULT_ENGINE,
    cancelled: Callable[[], bool] | None = None,
    compute: Callable[[str], Analysis] | None = None,
) -> Analysis:
    """The article's analysis by ``engine`` (else the engine called ``engine_name``, built only
    when the analysis is not cached), computed once per text+version. ``compute`` (text in,
    the analysis by ``engine_name`` out) computes it instead of building the engine here: the
    reader's analysis child process (``services.analysis_process``)."""
    from briefing.analysis import engine_info, get_engine  # only when analysing
    from briefing.storage import analyses as analysis_store

    info = engine.info if engine is not None else engine_info(engine_name)
    cached = analysis_store.get(lib.conn, article.text_sha256, info)
    if cached is not None:  # found without importing or building the engine
        return cached
    if compute is not None and engine is None:
        analysis = compute(article.text)
    elif engine is None and _compute_elsewhere:
        analysis = _compute_elsewhere[0](engine_name, article.text)
    else:
        analysis = (engine or get_engine(engine_name)).analyse(article.text)
    if cancelled is not None and cancelled():
        return analysis
    with lib.transaction() as conn:
        analysis_store.put(conn, analysis, utc_now())
    return analysis


def cached_analysis(
    lib: Library, article: Article, engine: Engine | None = None
) -> Analysis | None:
    from briefing.analysis import engine_info
    from briefing.storage import analyses as analysis_store

    info = engine.info if engine is not None else engine_info(DEFAULT_ENGINE)
    return analysis_store.get(lib.conn, article.text_sha256, info)


def delete_article(lib: Library, article_id: int) -> None:
    get_article(lib, article_id)
    with lib.transaction() as conn:
        article_store.delete(conn, article_id)


def rename_article(lib: Library, article_id: int, title: str) -> None:
    if not title.strip():
        raise BriefingError("an article title cannot be empty")
    get_article(lib, article_id)
    with lib.transaction() as conn:
        article_store.update_title(conn, article_id, title.strip())


def first_articles_by_date(lib: Library, limit: int, descending: bool = True) -> list[ArticleRow]:
    """The first ``limit`` library rows by publication date (the list's first screen)."""
    return article_store.first_by_date(lib.conn, limit, descending)


def articles_from_id(lib: Library, first_id: int, limit: int) -> list[ArticleRow] | None:
    """Library rows with an id of ``first_id`` or more (None when more than ``limit``)."""
    return article_store.from_id(lib.conn, first_id, limit)


def count_articles(lib: Library) -> int:
    """How many articles the library holds (exact; scans an index: call it in a worker)."""
    return article_store.count(lib.conn)
