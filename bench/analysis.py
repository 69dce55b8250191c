"""Benchmark of the analysis engine: words/s of the full engine and of its parts.

Usage: .venv/bin/python bench/analysis.py [--news /work/shared/eval/news] [--repeat 3]
Needs sumy and numpy (the `eval` extra) for the LexRank baseline; pysbd is a dependency.

Baselines measured in the same run on the same texts:
- summariser alone vs sumy's LexRank (3 sentences, given our own tokenizer so it needs no
  NLTK data);
- our sentence splitter vs pysbd.
The full engine is timed by the wall clock and by CPU time (steadier when other processes
share the machine); language detection on its own. Also times one 200,000-word text (the
articles repeated) to show linear scaling.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

from briefing.analysis import get_engine
from briefing.analysis.language import detect_language
from briefing.analysis.sentences import split_sentences
from briefing.analysis.summarise import summarise


def normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def timed(
    fn: Callable[[str], object],
    texts: list[str],
    repeat: int,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = clock()
        for text in texts:
            fn(text)
        best = min(best, clock() - t0)
    return best


class _Tokenizer:
    """Gives sumy sentences and words without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[s.start : s.end] for s in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(re.findall(r"\w+", sentence))


def lexrank(text: str) -> object:
    from sumy.nlp.stemmers import Stemmer  # type: ignore[import-untyped]
    from sumy.parsers.plaintext import PlaintextParser  # type: ignore[import-untyped]
    from sumy.summarizers.lex_rank import LexRankSummarizer  # type: ignore[import-untyped]

    parser = PlaintextParser.from_string(text, _Tokenizer())
    return LexRankSummarizer(Stemmer("english"))(parser.document, 3)


def ours_summary(text: str) -> object:
    return summarise([text[s.start : s.end] for s in split_sentences(text)])


def pysbd_split(text: str) -> object:
    import pysbd  # type: ignore[import-untyped]

    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return [seg.segment(line) for line in text.split("\n")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--news", type=Path, default=Path("/work/shared/eval/news"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [normalise(p.read_text(encoding="utf-8")) for p in sorted(args.news.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    engine = get_engine()
    t0 = time.perf_counter()
    engine.analyse(texts[0])
    print(
        f"{len(texts)} texts, {words:,} words; first analyse (loads resources) "
        f"{time.perf_counter() - t0:.2f}s"
    )

    full = timed(engine.analyse, texts, args.repeat)
    print(f"full engine          {words / full:>12,.0f} words/s")
    cpu = timed(engine.analyse, texts, args.repeat, time.process_time)
    print(f"full engine, CPU time{words / cpu:>12,.0f} words/s   (steadier on a busy machine)")
    lang = timed(detect_language, texts, args.repeat)
    print(f"language detection   {words / lang:>12,.0f} words/s")
    ours = timed(ours_summary, texts, args.repeat)
    lex = timed(lexrank, texts, max(1, args.repeat - 2))
    print(f"summariser (ours)    {words / ours:>12,.0f} words/s")
    print(f"sumy LexRank         {words / lex:>12,.0f} words/s   ours/LexRank = {lex / ours:.1f}x")
    seg = timed(split_sentences, texts, args.repeat)
    sbd = timed(pysbd_split, texts, 1)
    print(f"splitter (ours)      {words / seg:>12,.0f} words/s")
    print(f"pysbd                {words / sbd:>12,.0f} words/s   ours/pysbd = {sbd / seg:.1f}x")

    big = "\n".join(texts)
    big = "\n".join([big] * (200_000 // max(1, len(big.split())) + 1))
    big_words = len(big.split())
    t0 = time.perf_counter()
    engine.analyse(big)
    elapsed = time.perf_counter() - t0
    print(f"one {big_words:,}-word text: {elapsed:.2f}s ({big_words / elapsed:,.0f} words/s)")


if __name__ == "__main__":
    main()
