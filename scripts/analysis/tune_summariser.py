"""Fit and cross-validate the summariser's sentence score: resources/analysis/summary.json.

Usage: .venv/bin/python scripts/analysis/tune_summariser.py [--eval-dir /work/shared/eval]
       [--cv-only]
Needs rouge-score and scikit-learn (the `eval` extra).

Target: each sentence's ROUGE-1 + ROUGE-2 F against the reference summary. Model: ridge
regression over briefing.analysis.summary_features. Measured by 5-fold cross-validation over
the 1,000 articles of cnndm-gpt4ref-dev.jsonl (fit on four folds, summarise the fifth), and by
fitting on all 1,000 and summarising the 98 cnndm-dev articles (never fitted on). Every run
scores, on the same articles, Lead-1/3/k (the first k sentences), "filtered lead" (Lead-k
over the non-fragment sentences, i.e. position-only weights) and the learned score, for
`headline` (1), `short` (3) and `brief` (k) alike, with the mean summary length in words.
The learned weights ship for a length only if their cross-validated ROUGE (sum of the three
F-measures) beats the filtered lead's for that length; the other lengths use the filtered
lead.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
from rouge_score import rouge_scorer  # type: ignore[import-untyped]
from sklearn.linear_model import Ridge  # type: ignore[import-untyped]

from briefing.analysis.sentences import split_sentences
from briefing.analysis.summarise import LEAD_WEIGHTS, brief_size, summarise
from briefing.analysis.summary_features import FEATURE_NAMES, document_features
from briefing.analysis.tokens import TOKEN_RE, content_terms

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis" / "summary.json"
KEYS = ("rouge1", "rouge2", "rougeLsum")
SCORER = rouge_scorer.RougeScorer(list(KEYS), use_stemmer=True)


def _normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


class Doc:
    def __init__(self, row: dict[str, Any]) -> None:
        text = _normalise(row["article"])
        self.sentences = [text[s.start : s.end] for s in split_sentences(text)]
        highlights = _normalise(row["highlights"])
        self.reference = "\n".join(highlights[s.start : s.end] for s in split_sentences(highlights))
        self.tokens = [TOKEN_RE.findall(s) for s in self.sentences]
        self.terms = [frozenset(content_terms(t)) for t in self.tokens]
        self.counts = [sum(1 for tok in t if tok[0].isalnum()) for t in self.tokens]
        self.x = np.array(document_features(self.sentences, self.terms, self.counts))
        self._target: np.ndarray | None = None

    @property
    def target(self) -> np.ndarray:
        if self._target is None:
            scores = [SCORER.score(self.reference, s) for s in self.sentences]
            self._target = np.array([s["rouge1"].fmeasure + s["rouge2"].fmeasure for s in scores])
        return self._target


def load(path: Path) -> list[Doc]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [d for d in (Doc(r) for r in rows) if d.sentences]


def fit(docs: list[Doc], alpha: float = 1.0) -> list[float]:
    x = np.vstack([d.x for d in docs])
    y = np.concatenate([d.target for d in docs])
    return [float(w) for w in Ridge(alpha=alpha).fit(x, y).coef_]


def evaluate(docs: list[Doc], weights: list[float]) -> dict[str, dict[str, list[float]]]:
    """Sums of ROUGE-1/2/Lsum F and words per system per length (divide by len(docs))."""
    out: dict[str, dict[str, list[float]]] = {}
    for doc in docs:
        learned = summarise(doc.sentences, doc.tokens, weights)
        filtered = summarise(doc.sentences, doc.tokens, LEAD_WEIGHTS)
        for length, k in (("headline", 1), ("short", 3), ("brief", brief_size(len(doc.sentences)))):
            for system, idx in (
                (f"Lead-{k if length != 'brief' else 'k'}", range(min(k, len(doc.sentences)))),
                ("filtered lead", filtered[length]),
                ("learned", learned[length]),
            ):
                candidate = "\n".join(doc.sentences[i] for i in idx)
                score = SCORER.score(doc.reference, candidate)
                row = out.setdefault(f"{length}|{system}", [0.0, 0.0, 0.0, 0.0])
                for n, key in enumerate(KEYS):
                    row[n] += 100 * score[key].fmeasure
                row[3] += len(candidate.split())
    return {"": {k: v for k, v in out.items()}}


def report(title: str, sums: dict[str, list[float]], n: int) -> dict[str, list[float]]:
    print(f"\n{title} ({n} articles): ROUGE-1 / ROUGE-2 / ROUGE-Lsum F, mean words")
    means = {k: [round(x / n, 2) for x in v] for k, v in sums.items()}
    for key, (r1, r2, rl, words) in means.items():
        length, system = key.split("|")
        print(f"  {length:<9}{system:<15}{r1:>7.2f}{r2:>7.2f}{rl:>7.2f}{words:>8.1f}")
    return means


def cross_validate(docs: list[Doc], folds: int) -> dict[str, list[float]]:
    """Fit on all folds but one, summarise that one; print and return the means."""
    cv: dict[str, list[float]] = {}
    for k in range(folds):
        train = [d for i, d in enumerate(docs) if i % folds != k]
        test = [d for i, d in enumerate(docs) if i % folds == k]
        for key, row in evaluate(test, fit(train))[""].items():
            total = cv.setdefault(key, [0.0, 0.0, 0.0, 0.0])
            for n in range(4):
                total[n] += row[n]
    return report(f"{folds}-fold CV, cnndm-gpt4ref-dev", cv, len(docs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", type=Path, default=Path("/work/shared/eval"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args()
    docs = load(args.eval_dir / "cnndm-gpt4ref-dev.jsonl")
    dev = load(args.eval_dir / "cnndm-dev.jsonl")
    cv_means = cross_validate(docs, args.folds)
    weights = fit(docs)
    dev_means = report("fitted on gpt4ref, cnndm-dev", evaluate(dev, weights)[""], len(dev))
    learned_lengths = [
        length
        for length in ("headline", "short", "brief")
        if sum(cv_means[f"{length}|learned"][:3]) > sum(cv_means[f"{length}|filtered lead"][:3])
    ]
    print(f"\nlengths where the learned score beats the filtered lead in CV: {learned_lengths}")
    print("weights:", dict(zip(FEATURE_NAMES, (round(w, 4) for w in weights), strict=True)))
    if args.cv_only:
        return
    kept = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    model = {
        **{k: v for k, v in kept.items() if k in ("swaps", "swaps_cv")},  # train_summary_swaps
        "source": "fitted on cnndm-gpt4ref-dev (SumLLM, CC BY-NC 4.0) by "
        "scripts/analysis/tune_summariser.py; only these weights are shipped",
        "learned_lengths": learned_lengths,
        "cv_gpt4ref": cv_means,
        "cnndm_dev": dev_means,
        "weights": {name: round(w, 5) for name, w in zip(FEATURE_NAMES, weights, strict=True) if w},
    }
    OUT.write_text(json.dumps(model, indent=1), encoding="utf-8")
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
