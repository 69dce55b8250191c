"""Sentences of the development news corpus (../shared/eval/news) for benchmarks that need
realistic text in bulk; numbered filler sentences when the corpus is not there."""

from __future__ import annotations

from pathlib import Path

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news"


def corpus_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(NEWS.glob("*.txt")):
        sentences += [s.strip() + "." for s in path.read_text().split(".") if len(s.split()) > 4]
    if not sentences:
        sentences = [f"Sentence {i} about topic {i % 97} and place {i % 13}." for i in range(5000)]
    return sentences
