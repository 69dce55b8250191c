"""A hand-built brief over the Siversk sample: offsets found with str.find, no engine."""

from __future__ import annotations

import re

from briefing.domain import (
    Analysis,
    Annotation,
    Article,
    Claim,
    EngineInfo,
    Entity,
    Selector,
    Span,
    text_sha256,
)
from briefing.export.model import ArticleBrief

EXPORTED_AT = "2026-11-26T04:00:00Z"
ENGINE = EngineInfo("builtin", "1.0.0")


def normalise(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def span_of(text: str, quote: str, start: int = 0) -> Span:
    pos = text.find(quote, start)
    assert pos >= 0, quote
    return Span(pos, pos + len(quote))


def sentence_spans(text: str) -> tuple[Span, ...]:
    """Sentences: runs ending in . ! or ? followed by a space or line end."""
    return tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\s].*?[.!?](?=\s|$)", text))


def entity(text: str, ident: str, name: str, label: str, *aliases: str) -> Entity:
    mentions: list[Span] = []
    for alias in sorted({name, *aliases}, key=len, reverse=True):
        for m in re.finditer(re.escape(alias), text):
            span = Span(m.start(), m.end())
            if not any(span.overlaps(other) for other in mentions):
                mentions.append(span)
    return Entity(
        ident, name, label, tuple(aliases), tuple(sorted(mentions, key=lambda s: s.start))
    )


def annotation(text: str, ident: str, quote: str, **fields: object) -> Annotation:
    span = span_of(text, quote)
    return Annotation(
        id=f"urn:uuid:00000000-0000-4000-8000-{ident:0>12}",
        article_id=7,
        selector=Selector.from_text(text, span.start, span.end),
        created=f"2026-11-25T10:00:{ident:0>2}Z",
        **fields,  # type: ignore[arg-type]
    )


def siversk_brief(raw: str) -> ArticleBrief:
    text = normalise(raw)
    sentences = sentence_spans(text)

    def sentence_index(quote: str) -> int:
        span = span_of(text, quote)
        return next(i for i, s in enumerate(sentences) if s.contains(span))

    summary = (
        sentence_index("Russian forces have secured control"),
        sentence_index("The capture brings Russian forces closer"),
        sentence_index("Ukrainian officials reported that a massive"),
    )
    statistic = span_of(text, "Moscow already holds about 75%")
    quote_claim = span_of(text, "stating it acted to preserve soldiers' lives")
    demand = span_of(text, "Russian President Vladimir Putin has consistently demanded")
    analysis = Analysis(
        engine=ENGINE,
        text_sha256=text_sha256(text),
        sentences=sentences,
        summaries={"headline": (summary[0],), "short": summary, "brief": summary},
        entities=(
            entity(text, "e1", "Siversk", "LOC"),
            entity(text, "e2", "Vladimir Putin", "PERSON", "Putin"),
            entity(text, "e3", "Volodymyr Zelensky", "PERSON", "Zelensky"),
            entity(text, "e4", "Ukrainian General Staff", "ORG"),
            entity(text, "e5", "Kramatorsk", "LOC"),
            entity(text, "e6", "Donbas", "LOC"),
            entity(text, "e7", "United States", "LOC", "U.S."),
        ),
        claims=(
            Claim(
                statistic.start, statistic.end, 0.91, "statistic", hedged=True, hedges=("about",)
            ),
            Claim(
                quote_claim.start,
                quote_claim.end,
                0.74,
                "attribution",
                speaker="Ukrainian General Staff",
            ),
            Claim(demand.start, demand.end, 0.66, "quote", speaker="Vladimir Putin"),
        ),
    )
    annotations = (
        annotation(
            text,
            "1",
            "Moscow already holds about 75%",
            color=None,
            verdict="disputed",
            note="ISW maps show closer to 80%.",
            evidence="https://example.org/isw-map",
        ),
        annotation(
            text,
            "2",
            "the critical anchor cities",
            color="green",
            note="Key for the next months.\nCompare with the 2022 front.",
            tags=("to-check", "front-line"),
        ),
        annotation(
            text, "3", "disrupting power supply for millions", color="pink", tags=("energy",)
        ),
        annotation(
            text,
            "4",
            "heavily fortified",
            color=None,
            verdict="supported",
            note="Confirmed by satellite images.",
        ),
        Annotation(
            id="urn:uuid:00000000-0000-4000-8000-000000000005",
            article_id=7,
            selector=Selector(
                0,
                0,
                "a pause in the talks `until spring` | maybe",
                prefix="said there would be ",
                suffix=" according to",
            ),
            color="yellow",
            note="Was in the first edition.",
            anchor="orphaned",
            created="2026-11-25T10:00:05Z",
        ),
    )
    article = Article(
        id=7,
        title='Russia takes Siversk: "fortress belt" next?',
        text=text,
        text_sha256=text_sha256(text),
        source_url="https://news.example.com/world/siversk?id=1",
        author="Staff writer",
        published="2025-12-23",
    )
    return ArticleBrief(article, analysis, annotations)
