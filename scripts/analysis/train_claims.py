"""Train the check-worthiness model: resources/analysis/claims.json.

Usage: .venv/bin/python scripts/analysis/train_claims.py [--data claimbuster-train.json]

Data: ClaimBuster (Arslan et al. 2020, via the claimbuster-spotter repository; dataset
released for research). A fixed 20% of it (seed 13) is held out and used only to report the
F1 of the check-worthy class; regularisation, epochs and the decision threshold are chosen by
5-fold cross-validation on the other 80%, on which the shipped model is then trained.
Model: L2-regularised logistic regression (Adagrad, pure Python) over the binary features
of briefing/analysis/claim_features.py. Weights below 1e-3 in magnitude are dropped.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import Counter
from pathlib import Path

from briefing.analysis.claim_features import sentence_features

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis" / "claims.json"


def train(
    rows: list[tuple[list[str], int]], epochs: int, l2: float, lr: float
) -> tuple[float, dict[str, float]]:
    weights: dict[str, float] = {}
    grads: dict[str, float] = {}
    bias, bias_g = 0.0, 0.0
    rng = random.Random(7)
    order = list(range(len(rows)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, label = rows[i]
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - label
            bias_g += err * err
            bias -= lr * err / math.sqrt(bias_g + 1e-8)
            for f in feats:
                w = weights.get(f, 0.0)
                g = err + l2 * w
                grads[f] = grads.get(f, 0.0) + g * g
                weights[f] = w - lr * g / math.sqrt(grads[f] + 1e-8)
    return bias, weights


def score(bias: float, weights: dict[str, float], feats: list[str]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def f1_at(probs: list[float], labels: list[int], threshold: float) -> float:
    tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= threshold and y)
    fp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= threshold and not y)
    fn = sum(1 for p, y in zip(probs, labels, strict=True) if p < threshold and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def out_of_fold(
    rows: list[tuple[list[str], int]], epochs: int, l2: float, lr: float, folds: int
) -> tuple[list[float], list[int]]:
    """Predictions for every row from a model trained on the other folds."""
    probs: list[float] = []
    labels: list[int] = []
    for k in range(folds):
        train_part = [r for i, r in enumerate(rows) if i % folds != k]
        bias, weights = train(train_part, epochs, l2, lr)
        for i in range(k, len(rows), folds):
            probs.append(score(bias, weights, rows[i][0]))
            labels.append(rows[i][1])
    return probs, labels


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--data", type=Path, default=Path("/work/shared/eval/claimbuster-train.json")
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = json.loads(args.data.read_text(encoding="utf-8"))
    rng = random.Random(13)
    rng.shuffle(data)
    cut = len(data) * 4 // 5
    counts: Counter[str] = Counter()
    train_rows = [(sentence_features(d["text"]), int(d["label"])) for d in data[:cut]]
    for feats, _ in train_rows:
        counts.update(set(feats))
    train_rows = [([f for f in feats if counts[f] >= 2], y) for feats, y in train_rows]
    dev = [(sentence_features(d["text"]), int(d["label"])) for d in data[cut:]]
    thresholds = [x / 100 for x in range(15, 80, 2)]
    # (oof F1, threshold, l2, epochs, learning rate)
    best: tuple[float, float, float, int, float] | None = None
    for l2, epochs, lr in ((1e-4, 3, 0.05), (1e-4, 10, 0.1), (1e-2, 5, 0.1)):
        probs, labels = out_of_fold(train_rows, epochs, l2, lr, folds=5)
        for t in thresholds:
            f1 = f1_at(probs, labels, t)
            if best is None or f1 > best[0]:
                best = (f1, t, l2, epochs, lr)
        if best is not None:
            print(f"l2={l2} epochs={epochs} lr={lr}: best 5-fold F1 so far {best[0]:.3f}")
    if best is None:
        raise SystemExit("no data")
    cv_f1, threshold, l2, epochs, lr = best
    bias, weights = train(train_rows, epochs, l2, lr)
    f1 = f1_at([score(bias, weights, f) for f, _ in dev], [y for _, y in dev], threshold)
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-3}
    model = {
        "source": "ClaimBuster (Arslan et al. 2020), research release; see README.md",
        "cv_f1": round(cv_f1, 4),
        "heldout_f1": round(f1, 4),
        "threshold": threshold,
        "bias": round(bias, 4),
        "weights": kept,
    }
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(
        f"5-fold F1={cv_f1:.3f}, held-out F1={f1:.3f} at threshold={threshold} "
        f"(l2={l2}, epochs={epochs}, lr={lr}), {len(kept)} features -> {args.out}"
    )


if __name__ == "__main__":
    main()
