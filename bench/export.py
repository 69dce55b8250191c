"""Benchmark: exporting a 500-article brief (Markdown, HTML, re-export merge).

Goal: Markdown export of 500 articles in under 2 s. Prints absolute times and ratios
against baselines measured in the same run: joining the 500 article texts with str.join,
and python-markdown converting that joined text.

Run: .venv/bin/python bench/export.py [N_ARTICLES]
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import markdown

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
from briefing.export.html import render_html
from briefing.export.markdown import render_markdown
from briefing.export.merge import merge_reexport
from briefing.export.model import ArticleBrief, BriefDocument

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "siversk.txt"
FALLBACK = (
    "Officials in Kyiv said the front line moved again on Tuesday. Russia claimed 75% of the "
    "region, while analysts in Washington urged caution.\nThe United Nations warned about "
    "winter. Power cuts hit millions, the ministry said."
)
ENGINE = EngineInfo("builtin", "1.0.0")


def _text(variant: int) -> str:
    raw = SAMPLE.read_text(encoding="utf-8") if SAMPLE.exists() else FALLBACK
    text = "\n".join(line.strip() for line in raw.strip().splitlines() if line.strip())
    return f"Edition {variant}. {text}"


def _brief(article_id: int) -> ArticleBrief:
    """A synthetic but realistic article: every sentence, capitalised names as entities,
    sentences with digits as claims, a few annotations."""
    text = _text(article_id)
    sentences = tuple(Span(m.start(), m.end()) for m in re.finditer(r"\S.*?[.!?](?=\s|$)", text))
    names: dict[str, list[Span]] = {}
    for m in re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", text):
        names.setdefault(m.group(), []).append(Span(m.start(), m.end()))
    labels = ("PERSON", "ORG", "LOC", "MISC")
    entities = tuple(
        Entity(f"e{i}", name, labels[i % 4], (name,), tuple(spans))
        for i, (name, spans) in enumerate(sorted(names.items()))
    )
    claims = tuple(
        Claim(
            s.start, s.end, 0.5 + (i % 5) / 10, "statistic", hedged=bool(i % 2), hedges=("about",)
        )
        for i, s in enumerate(sentences)
        if re.search(r"\d", text[s.start : s.end])
    )
    analysis = Analysis(
        ENGINE,
        text_sha256(text),
        sentences,
        {"short": tuple(range(0, len(sentences), max(1, len(sentences) // 3)))[:3]},
        entities,
        claims,
    )
    anns = []
    for i, s in enumerate(sentences[:6]):
        anns.append(
            Annotation(
                id=f"urn:uuid:{article_id:08d}-0000-4000-8000-{i:012d}",
                article_id=article_id,
                selector=Selector.from_text(text, s.start, min(s.end, s.start + 40)),
                note=f"note {i}" if i % 2 else "",
                tags=("to-check",) if i % 3 == 0 else (),
                verdict="disputed" if i == 1 else None,
                anchor="orphaned" if i == 5 else "exact",
            )
        )
    article = Article(
        article_id,
        f"Article {article_id}: the front",
        text,
        text_sha256(text),
        source_url=f"https://news.example.com/{article_id}",
    )
    return ArticleBrief(article, analysis, tuple(anns))


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    briefs = tuple(_brief(i) for i in range(1, count + 1))
    doc = BriefDocument("Bench brief", briefs, "2026-01-01T00:00:00Z", tags=("bench",))
    texts = [b.article.text for b in briefs]
    joined = "\n\n".join(texts)

    join_s = _best(lambda: "\n\n".join(texts), 20)
    md_plain_s = _best(lambda: markdown.markdown(joined, extensions=["extra"]), 2)
    md_s = _best(lambda: render_markdown(doc), 3)
    rendered = render_markdown(doc)
    html_s = _best(lambda: render_html(rendered, title=doc.title), 2)
    edited = rendered.replace("**Note:** note 1", "**Note:** my edit", 1) + "\nMine.\n"
    merge_s = _best(lambda: merge_reexport(edited, rendered), 3)

    print(f"articles: {count}, markdown size: {len(rendered) / 1e6:.2f} MB")
    print(f"baseline str.join of texts:          {join_s * 1000:9.2f} ms")
    print(f"baseline python-markdown plain text: {md_plain_s * 1000:9.2f} ms")
    for name, seconds in (
        ("render_markdown", md_s),
        ("render_html", html_s),
        ("merge_reexport", merge_s),
    ):
        print(
            f"{name:16} {seconds * 1000:9.2f} ms   x{seconds / join_s:9.0f} join"
            f"   x{seconds / md_plain_s:6.2f} plain python-markdown"
        )
    verdict = "OK" if md_s < 2.0 else "SLOW"
    print(f"goal: markdown export of 500 articles < 2 s -> {md_s:.3f} s {verdict}")


if __name__ == "__main__":
    main()
