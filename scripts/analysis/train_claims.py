"""Train the check-worthiness model: resources/analysis/claims.json.

Usage: .venv/bin/python scripts/analysis/train_claims.py [--data claimbuster-train.json]
       [--news /work/shared/eval/news] [--cnndm cnndm-dev.jsonl] [--cv-only]
Needs scikit-learn (the `eval` extra); the shipped model is evaluated in pure Python.

Data: ClaimBuster (Arslan et al. 2020, via the claimbuster-spotter repository; dataset
released for research). Model: L2-regularised logistic regression (liblinear) over
briefing.analysis.claim_features — character 2–5-grams + word uni/bigrams, optionally the
linguistic cue features, as raw counts or L2-normalised counts. The variant, C and the F1
threshold are chosen by stratified 5-fold cross-validation over the whole set; the script
prints the cross-validated F1 and average precision of every variant (the plain n-gram LR is
the baseline) and trains the shipped model on all rows. Weights are rounded to 3 decimals and
features whose weight rounds to 0 are dropped (vocabulary table).

The news threshold ("claims" the reader tints) is the lowest that keeps the share of claim
sentences in ordinary news (news/*.txt and cnndm-dev articles) at or below NEWS_SHARE;
sentences from the F1 threshold up to it become `claim_candidates`.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import average_precision_score  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

from briefing.analysis.claim_features import claim_features
from briefing.analysis.claims import claim_score
from briefing.analysis.sentences import split_sentences

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis" / "claims.json"
NEWS_SHARE = 0.25
VARIANTS: dict[str, tuple[bool, bool]] = {  # name: (cue features, L2-normalised counts)
    "ngram LR (baseline)": (False, False),
    "ngram + cues LR": (True, False),
    "ngram + cues LR, l2-normalised": (True, True),
}
SHIPPABLE = ("ngram LR (baseline)", "ngram + cues LR")
"""Raw counts only: their score sums per word, so it is cached per word at run time (an
L2-normalised score needs every n-gram's count per sentence: about 4x slower)."""
C_GRID = (0.03, 0.1)
C_GRID_L2 = (10.0,)


def _normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def best_f1(probs: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(best F1, its threshold) over the thresholds 0.10, 0.11, … 0.90."""
    best = (0.0, 0.5)
    for t in np.arange(0.10, 0.905, 0.01):
        pred = probs >= t
        tp = int(np.sum(pred & (labels == 1)))
        fp = int(np.sum(pred & (labels == 0)))
        fn = int(np.sum(~pred & (labels == 1)))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0]:
            best = (f1, round(float(t), 2))
    return best


def _matrix(texts: list[str], cues: bool, l2: bool, vec: Any = None) -> tuple[Any, Any]:
    analyzer: Callable[[str], list[str]] = lambda s: claim_features(s, cues=cues)  # noqa: E731
    if vec is None:
        vec = CountVectorizer(analyzer=analyzer, min_df=2, lowercase=False)
        x = vec.fit_transform(texts)
    else:
        x = vec.transform(texts)
    return (normalize(x) if l2 else x), vec


def out_of_fold(x: Any, labels: np.ndarray, c: float) -> np.ndarray:
    probs = np.zeros(len(labels))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    for train, test in folds.split(np.zeros(len(labels)), labels):
        model = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
        model.fit(x[train], labels[train])
        probs[test] = model.predict_proba(x[test])[:, 1]
    return probs


def cross_validate(texts: list[str], labels: np.ndarray) -> dict[str, dict[str, float]]:
    """Per variant: the C with the best OOF F1, that F1, its threshold and the OOF AP.

    The vocabulary (min_df=2) is built once over all sentences (no labels involved); the
    classifier and threshold only ever see the training folds' labels.
    """
    results: dict[str, dict[str, float]] = {}
    for name, (cues, l2) in VARIANTS.items():
        x, _ = _matrix(texts, cues, l2)
        for c in C_GRID_L2 if l2 else C_GRID:
            probs = out_of_fold(x, labels, c)
            f1, threshold = best_f1(probs, labels)
            ap = float(average_precision_score(labels, probs))
            if name not in results or f1 > results[name]["f1"]:
                results[name] = {"f1": f1, "threshold": threshold, "ap": ap, "c": c}
            print(f"  {name:<32} C={c:<4} 5-fold F1={f1:.3f} (t={threshold}) AP={ap:.3f}")
    return results


def news_sentences(news_dir: Path, cnndm: Path) -> list[list[str]]:
    docs = [_normalise(p.read_text(encoding="utf-8")) for p in sorted(news_dir.glob("*.txt"))]
    docs += [
        _normalise(json.loads(line)["article"])
        for line in cnndm.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [[d[s.start : s.end] for s in split_sentences(d)] for d in docs]


def main() -> None:
    parser = argparse.ArgumentParser()
    eval_dir = Path("/work/shared/eval")
    parser.add_argument("--data", type=Path, default=eval_dir / "claimbuster-train.json")
    parser.add_argument("--news", type=Path, default=eval_dir / "news")
    parser.add_argument("--cnndm", type=Path, default=eval_dir / "cnndm-dev.jsonl")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--cv-out", type=Path, default=Path("out/claims_cv.json"))
    parser.add_argument(
        "--reuse-cv", action="store_true", help="take the CV results saved in --cv-out"
    )
    args = parser.parse_args()
    data = json.loads(args.data.read_text(encoding="utf-8"))
    texts = [_normalise(d["text"]) for d in data]
    labels = np.array([int(d["label"]) for d in data])
    print(f"ClaimBuster: {len(texts)} sentences, {int(labels.sum())} check-worthy")
    if args.reuse_cv:
        results = json.loads(args.cv_out.read_text(encoding="utf-8"))
    else:
        results = cross_validate(texts, labels)
        args.cv_out.parent.mkdir(parents=True, exist_ok=True)
        args.cv_out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    name = max(SHIPPABLE, key=lambda n: results[n]["f1"])
    chosen = results[name]
    print(f"chosen: {name} {chosen}")
    if args.cv_only:
        return
    cues, l2 = VARIANTS[name]
    x, vec = _matrix(texts, cues, l2)
    model = LogisticRegression(C=chosen["c"], solver="liblinear", max_iter=1000).fit(x, labels)
    weights = {
        f: round(float(w), 3)
        for f, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if round(float(w), 3) != 0.0
    }
    out: dict[str, Any] = {
        "source": "ClaimBuster (Arslan et al. 2020), research release; see README.md",
        "variant": name,
        "cues": cues,
        "l2_normalised": l2,
        "C": chosen["c"],
        "cv": {n: {k: round(v, 4) for k, v in r.items()} for n, r in results.items()},
        "candidate_threshold": chosen["threshold"],
        "bias": round(float(model.intercept_[0]), 4),
        "weights": weights,
    }

    def prob(sentence: str) -> float:  # exactly what the engine computes at run time
        return claim_score(sentence, out)

    docs = news_sentences(args.news, args.cnndm)
    scores = sorted(prob(s) for d in docs for s in d)
    cut = scores[int(len(scores) * (1 - NEWS_SHARE))]
    news_threshold = max(chosen["threshold"], round(math.ceil(cut * 100) / 100, 2))
    shown = sum(1 for s in scores if s >= news_threshold) / len(scores)
    at_f1 = sum(1 for s in scores if s >= chosen["threshold"]) / len(scores)
    print(
        f"news: {len(docs)} articles, {len(scores)} sentences; at the F1 threshold "
        f"{chosen['threshold']} {at_f1:.1%} are claims; news threshold {news_threshold}: "
        f"{shown:.1%}"
    )
    oof = out_of_fold(x, labels, chosen["c"])
    pred = oof >= news_threshold
    tp = int(np.sum(pred & (labels == 1)))
    f1_news = 2 * tp / (int(pred.sum()) + int(labels.sum())) if tp else 0.0
    print(f"5-fold F1 at the news threshold {news_threshold}: {f1_news:.3f}")
    out["threshold"] = news_threshold
    out["news_claim_share"] = round(shown, 4)
    out["cv_f1_at_threshold"] = round(f1_news, 4)
    args.out.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False), "utf-8")
    print(f"{len(weights)} weights -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
