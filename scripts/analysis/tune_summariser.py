"""Grid-search the summariser's weights (briefing/analysis/summarise.py SummaryParams).

Usage: .venv/bin/python scripts/analysis/tune_summariser.py [--data cnndm-dev.jsonl]

Scores each setting by ROUGE-1 + ROUGE-2 + ROUGE-Lsum F (rouge-score, Porter stemming) of
the 3-sentence summary against the reference highlights, beside Lead-3. The shipped defaults
were picked from the broad plateau of good settings, not the single best one (98 articles
are few): position decay 0.35, centroid weight 0.4, redundancy 0.3, min terms 5.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from rouge_score import rouge_scorer  # type: ignore[import-untyped]

from briefing.analysis.sentences import split_sentences
from briefing.analysis.summarise import SummaryParams, summarise


def _normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/cnndm-dev.jsonl"))
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    docs: list[tuple[list[str], str]] = []
    for line in args.data.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = _normalise(row["article"])
        highlights = _normalise(row["highlights"])
        reference = "\n".join(highlights[s.start : s.end] for s in split_sentences(highlights))
        docs.append(([text[s.start : s.end] for s in split_sentences(text)], reference))

    def evaluate(pick: Callable[[list[str]], Sequence[int]]) -> list[float]:
        totals = [0.0, 0.0, 0.0]
        for sentences, reference in docs:
            candidate = "\n".join(sentences[i] for i in pick(sentences))
            score = scorer.score(reference, candidate)
            for k, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
                totals[k] += score[key].fmeasure
        return [round(100 * t / len(docs), 2) for t in totals]

    print("lead-3", evaluate(lambda s: range(min(3, len(s)))))
    results = []
    for decay, centroid, redundancy, min_terms in itertools.product(
        (0.2, 0.35, 0.6, 1.0), (0.2, 0.4, 0.6, 1.0), (0.0, 0.3, 0.6), (3, 5)
    ):
        params = SummaryParams(1.0, decay, centroid, redundancy, min_terms, 0.5)
        scores = evaluate(lambda s, p=params: summarise(s, p)["short"])  # type: ignore[misc]
        results.append((sum(scores), scores, params))
    results.sort(key=lambda r: -r[0])
    for total, scores, params in results[: args.top]:
        print(f"{total:.2f} {scores} {params}")


if __name__ == "__main__":
    main()
