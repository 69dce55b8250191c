"""Fixtures for the review tests: an open library and article importers.

``import_text`` goes through ``services.articles.import_source`` (real ingest + engine);
``with_analysis`` then replaces the cached analysis by a hand-made one under the same
engine version, for tests that need exact claims, scores and entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from briefing.analysis import get_engine
from briefing.domain import Analysis, Article, Claim, Entity, Span
from briefing.services import Library
from briefing.services.articles import DEFAULT_ENGINE, get_article, import_source
from briefing.storage import analyses as analysis_store

ImportText = Callable[..., Article]


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


@pytest.fixture
def import_text(lib: Library, tmp_path: Path) -> ImportText:
    counter = iter(range(1, 10_000))

    def run(text: str, *, title: str | None = None, imported_at: str | None = None) -> Article:
        path = tmp_path / f"article-{next(counter)}.txt"
        path.write_text(text, encoding="utf-8")
        article = import_source(lib, str(path), title=title).article
        if imported_at is not None:
            with lib.transaction() as conn:
                conn.execute(
                    "UPDATE articles SET imported_at = ? WHERE id = ?", (imported_at, article.id)
                )
                conn.execute(
                    "UPDATE revisions SET created_at = ? WHERE article_id = ? AND revision = 1",
                    (imported_at, article.id),
                )
            article = get_article(lib, article.id)
        return article

    return run


def sentence_spans(text: str) -> tuple[Span, ...]:
    """One sentence per '. '-terminated piece (the test texts are written that way)."""
    spans, start = [], 0
    for index, char in enumerate(text):
        if char in ".\n" and (index + 1 == len(text) or text[index + 1] in " \n"):
            spans.append(Span(start, index + 1))
            start = index + 2
    return tuple(s for s in spans if s.end > s.start)


def with_analysis(
    lib: Library,
    article: Article,
    claims: list[tuple[str, float, str]],
    entities: Sequence[tuple[str, str]] = (),
) -> Analysis:
    """Store a hand-made analysis: claims are (quote, score, kind), entities (name, label)."""
    text = article.text
    made_claims = []
    for quote, score, kind in claims:
        start = text.index(quote)
        made_claims.append(Claim(start, start + len(quote), score, kind))
    made_entities = []
    for number, (name, label) in enumerate(entities, start=1):
        mentions, at = [], text.find(name)
        while at >= 0:
            mentions.append(Span(at, at + len(name)))
            at = text.find(name, at + 1)
        made_entities.append(Entity(f"e{number}", name, label, (name,), tuple(mentions)))
    analysis = Analysis(
        engine=get_engine(DEFAULT_ENGINE).info,
        text_sha256=article.text_sha256,
        sentences=sentence_spans(text),
        summaries={"headline": (0,)},
        entities=tuple(made_entities),
        claims=tuple(made_claims),
    )
    with lib.transaction() as conn:
        analysis_store.put(conn, analysis, "2026-01-01T00:00:00Z")
    return analysis
