"""Train the check-worthiness model: resources/analysis/claims.json.

Usage: .venv/bin/python scripts/analysis/train_claims.py [--data claimbuster-train.json]
       [--clef DIR] [--news /work/shared/eval/news] [--cnndm cnndm-dev.jsonl] [--cv-only]
       [--clef-pairs] [--debates [--clef20 DIR] [--exclude CT19-T1-Test.csv] [--confirm]]
Needs scikit-learn (the `eval` extra); the shipped model is evaluated in pure Python.

Data: ClaimBuster (Arslan et al. 2020, via the claimbuster-spotter repository; dataset
released for research). ``--clef DIR``: the CLEF-2019 CheckThat! Task 1 *training* debates
(repository apepa/clef2019-factchecking-task1, data/training/*.tsv: line, speaker, text,
label), used to measure ranking (MAP per debate) and, with ``--clef-pairs`` only, as
within-debate training pairs measured leave-one-debate-out — never their test debates.

Model: L2-regularised logistic regression (liblinear) over briefing.analysis.claim_features
(character 2–5-grams of each word, word uni/bigrams, linguistic cues). The shipped variant
weights counts by idf and divides them by a per-word L2 norm (each word's own feature
vector's squared norm, plus the bigrams' and cues', summed: no cross-word terms), so the
run-time score still sums per word (briefing.analysis.claims caches each word's share).
Every variant is cross-validated in the same run beside the baselines: a character 2–5-gram
TF-IDF LR (scikit-learn ``char_wb``, the usual n-gram baseline), the raw-count n-gram LR
and a pairwise ranking loss over the shipped features (LR on the feature differences of
(check-worthy, not) pairs, Platt-scaled to a probability; :class:`RankingLR`).
ClaimBuster: stratified 5-fold F1 at the best threshold and average precision; CLEF: each
model trained on all of ClaimBuster ranks every training debate's sentences, MAP over debates,
printed as a paired gain ± standard error over the model now in claims.json (scored as the
engine scores it) in the same run.

The variant and the absolute threshold (F1-optimal on the out-of-fold scores) are chosen by
CV alone: the idf variant stays unless another shippable one ranks the CLEF debates better by
more than two standard errors with ClaimBuster F1 and AP not lower (:func:`choose`).
The budget (BUDGET_SHARE of an article's sentences shown as claims, strongest first) is a
product rule, reported on news/*.txt + cnndm-dev with the shipped model.
Weights are rounded and features whose weight rounds to 0 are dropped (vocabulary table).

``--debates``: in-domain training data beside ClaimBuster (scripts/analysis/claim_debates.py):
the 19 CLEF-2019 training debates (``--clef``) and the 20 CLEF-2020 Task 5 test debates
(``--clef20``: test-gold.tsv cut into debates by raw/*.tsv). Leakage exclusion, before any
training: every sentence whose casefolded, whitespace-collapsed text occurs in the CLEF-2019
*test* file (``--exclude``, CT19-T1-Test.csv, used for nothing else) is dropped — 1,647 of the
16,421 CLEF-2019 training sentences (1 check-worthy), 1,516 of the 21,514 CLEF-2020 ones
(none check-worthy) and 2 of ClaimBuster's. Settings (row weights of ClaimBuster, debates and
debate positives; logit blends of two settings) are chosen by grouped 5-fold CV
(scripts/analysis/claim_grouped_cv.py): MAP over the 39 debates, debates never split, as a
paired gain ± SE over the shipped model, and stratified 5-fold ClaimBuster F1/AP; ``--confirm``
re-checks the chosen one leave-one-debate-out. The chosen setting's threshold flags as many
ClaimBuster sentences (out-of-fold) as the ClaimBuster-only setting does at its own
F1-optimal threshold (scripts/analysis/claim_thresholds.py), and the character n-gram
baseline is run with the same weights, blend and folds. The shipped claims.json comes from
this mode (figures and the rule in resources/analysis/README.md).
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import diags, vstack  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
    CountVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import average_precision_score  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

from briefing.analysis.claim_features import (
    claim_features,
    sentence_features,
    word_grams,
    words_of,
)

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis" / "claims.json"
BUDGET_SHARE = 0.25
VARIANTS: dict[str, tuple[str, str, tuple[float, ...]]] = {  # name: (features, loss, C grid)
    "char 2-5-gram TF-IDF LR (baseline)": ("char_tfidf", "pointwise", (1.0,)),
    "n-gram + cues LR, raw counts": ("raw", "pointwise", (0.03,)),
    "n-gram + cues LR, idf + per-word L2": ("idf_norm", "pointwise", (3.0, 5.0)),
    "same, pairwise ranking loss": ("idf_norm", "ranking", (1.0,)),
}
"""The C grids: earlier runs of the same CV put raw counts best at 0.03 (of 0.03, 0.1) and
the idf variant flat from 3 to 10 (1.0 worse); only the close ones are tried again. The
ranking loss: C=1 with 5 pairs per positive (of C 0.5–5, 1–20 pairs) on the CLEF MAP."""
CLEF_PAIRS_VARIANT = "same, ranking loss + CLEF debate pairs (LODO)"
"""With ``--clef-pairs``: the ranking loss also over (check-worthy, not) pairs within each
CLEF training debate; its CLEF MAP is leave-one-debate-out (slow: 19 more fits)."""
INCUMBENT = "n-gram + cues LR, idf + per-word L2"
SHIPPABLE = (
    "n-gram + cues LR, raw counts",
    INCUMBENT,
    "same, pairwise ranking loss",
    CLEF_PAIRS_VARIANT,
)
"""Only these can be scored per word at run time (the char TF-IDF baseline needs every
n-gram's count in the whole sentence). A challenger replaces the incumbent only when its
CLEF MAP gain is above two standard errors and its ClaimBuster F1 and AP are not lower."""
PAIRS_PER_POSITIVE = 5
CLEF_PAIRS_PER_POSITIVE = 20
Clef = tuple[list[str], np.ndarray, np.ndarray]


def _normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def best_f1(probs: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(best F1, its threshold) over the thresholds 0.05, 0.06, … 0.94."""
    best = (0.0, 0.5)
    for t in np.arange(0.05, 0.945, 0.01):
        pred = probs >= t
        tp = int(np.sum(pred & (labels == 1)))
        f1 = 2 * tp / (int(pred.sum()) + int(labels.sum())) if tp else 0.0
        if f1 > best[0]:
            best = (f1, round(float(t), 2))
    return best


def debate_aps(probs: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """The average precision of the ranking of each debate (group) with a positive."""
    return np.array(
        [
            float(average_precision_score(labels[groups == g], probs[groups == g]))
            for g in np.unique(groups)
            if labels[groups == g].any()
        ]
    )


def mean_ap(probs: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> float:
    """Mean over debates (groups with a positive) of the average precision of the ranking."""
    aps = debate_aps(probs, labels, groups)
    return float(np.mean(aps)) if len(aps) else float("nan")


def paired_gain(aps: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """(mean per-debate AP gain over the reference ranking, its standard error)."""
    diff = aps - reference
    se = float(np.std(diff, ddof=1) / math.sqrt(len(diff))) if len(diff) > 1 else float("nan")
    return float(np.mean(diff)), se


def per_word_norms(texts: list[str], vocab: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """Each sentence's per-word L2 norm of its idf-weighted counts (what the engine computes):
    every word's grams and unigram counted within the word, bigrams and cues one by one."""
    cache: dict[str, float] = {}
    norms = np.zeros(len(texts))
    for i, text in enumerate(texts):
        words = words_of(text)
        total = 0.0
        for word in words:
            share = cache.get(word)
            if share is None:
                counts = Counter(word_grams(word))
                counts["w=" + word] += 1
                share = sum((c * idf[vocab[f]]) ** 2 for f, c in counts.items() if f in vocab)
                cache[word] = share
            total += share
        rest = ["w=" + a + " " + b for a, b in pairwise(words)]
        rest += ["f=" + f for f in sentence_features(text)]
        total += sum(idf[vocab[f]] ** 2 for f in rest if f in vocab)
        norms[i] = math.sqrt(total) if total > 0 else 1.0
    return norms


class Featuriser:
    """Fits the vocabulary (and idf) on all sentences, no labels; turns texts into rows."""

    def __init__(self, kind: str, texts: list[str]) -> None:
        self.kind = kind
        self.idf: np.ndarray | None = None
        if kind == "char_tfidf":
            self.vec: Any = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
            )
            self.vec.fit(texts)
            return
        self.vec = CountVectorizer(analyzer=claim_features, min_df=2, lowercase=False)
        counts = self.vec.fit_transform(texts)
        if kind == "idf_norm":
            self.idf = TfidfTransformer().fit(counts).idf_

    def rows(self, texts: list[str]) -> Any:
        x = self.vec.transform(texts).astype(float)
        if self.idf is None:
            return x.tocsr()
        norms = per_word_norms(texts, self.vec.vocabulary_, self.idf)
        return (diags(1.0 / norms) @ x @ diags(self.idf)).tocsr()


def pair_rows(
    x: Any, labels: np.ndarray, groups: np.ndarray, per_positive: int, rng: np.random.Generator
) -> tuple[Any, np.ndarray]:
    """Feature differences of (check-worthy, not) pairs drawn within each group, both ways
    round: each positive with up to ``per_positive`` random negatives of its own group."""
    pos_rows: list[int] = []
    neg_rows: list[int] = []
    for g in np.unique(groups):
        negatives = np.flatnonzero((groups == g) & (labels == 0))
        if not len(negatives):
            continue
        for p in np.flatnonzero((groups == g) & (labels == 1)):
            drawn = rng.choice(negatives, size=min(per_positive, len(negatives)), replace=False)
            pos_rows += [int(p)] * len(drawn)
            neg_rows += [int(n) for n in drawn]
    diff = x[pos_rows] - x[neg_rows]
    return vstack([diff, -diff]).tocsr(), np.r_[np.ones(len(pos_rows)), np.zeros(len(pos_rows))]


class RankingLR:
    """A linear scorer trained for the ordering, not the class boundary: logistic regression
    without intercept on the feature differences of (check-worthy, not) pairs — ClaimBuster
    as one pool, plus pairs within each CLEF debate when given — then Platt-scaled on its
    training scores (``coef_``, ``intercept_`` like scikit-learn's), so the shipped score
    stays a probability and the threshold is chosen by CV as for the pointwise models."""

    def __init__(self, c: float, debates: tuple[Any, np.ndarray, np.ndarray] | None = None):
        self.c = c
        self.debates = debates
        self.coef_ = np.zeros((1, 0))
        self.intercept_ = np.zeros(1)

    def fit(self, x: Any, labels: np.ndarray) -> RankingLR:
        rng = np.random.default_rng(13)
        diff, y = pair_rows(x, labels, np.zeros(len(labels)), PAIRS_PER_POSITIVE, rng)
        if self.debates is not None:
            more, more_y = pair_rows(*self.debates, CLEF_PAIRS_PER_POSITIVE, rng)
            diff, y = vstack([diff, more]).tocsr(), np.r_[y, more_y]
        ranker = LogisticRegression(C=self.c, solver="liblinear", fit_intercept=False)
        w = ranker.set_params(max_iter=2000).fit(diff, y).coef_[0]
        platt = LogisticRegression(C=1e4, max_iter=1000).fit((x @ w).reshape(-1, 1), labels)
        self.coef_ = (w * platt.coef_[0][0]).reshape(1, -1)
        self.intercept_ = platt.intercept_
        return self

    def predict_proba(self, x: Any) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-(x @ self.coef_[0] + self.intercept_[0])))
        return np.column_stack([1.0 - p, p])


def make_model(
    loss: str, c: float, debates: tuple[Any, np.ndarray, np.ndarray] | None = None
) -> Any:
    if loss == "pointwise":
        return LogisticRegression(C=c, solver="liblinear", max_iter=2000)
    return RankingLR(c, debates)


def out_of_fold(x: Any, labels: np.ndarray, model: Any) -> np.ndarray:
    probs = np.zeros(len(labels))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    for train, test in folds.split(np.zeros(len(labels)), labels):
        model.fit(x[train], labels[train])
        probs[test] = model.predict_proba(x[test])[:, 1]
    return probs


def read_clef(folder: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    texts: list[str] = []
    labels: list[int] = []
    groups: list[int] = []
    for number, path in enumerate(sorted(folder.glob("*.tsv"))):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                texts.append(_normalise(parts[2]))
                labels.append(int(parts[3]))
                groups.append(number)
    return texts, np.array(labels), np.array(groups)


def cross_validate(
    texts: list[str], labels: np.ndarray, clef: Clef | None, shipped: np.ndarray | None
) -> tuple[dict[str, dict[str, float]], dict[str, np.ndarray]]:
    """Per variant: 5-fold F1 at its best threshold, that threshold, AP, and CLEF MAP (with
    the per-debate APs, printed as a gain ± standard error over the shipped model's).

    The vocabulary (min_df=2) and idf are fitted once over the ClaimBuster sentences (no
    labels involved); the classifier and threshold only ever see the training folds' labels.
    """
    results: dict[str, dict[str, float]] = {}
    debate_scores: dict[str, np.ndarray] = {}
    for name, (kind, loss, grid) in VARIANTS.items():
        feats = Featuriser(kind, texts)
        x = feats.rows(texts)
        xc = feats.rows(clef[0]) if clef is not None else None
        debates = (xc, clef[1], clef[2]) if loss == "clef_pairs" and clef is not None else None
        for c in grid:
            probs = out_of_fold(x, labels, make_model(loss, c, debates))
            f1, threshold = best_f1(probs, labels)
            ap = float(average_precision_score(labels, probs))
            print(f"  {name:<46} C={c:<5} 5-fold F1={f1:.3f} (t={threshold}) AP={ap:.3f}")
            if name not in results or f1 > results[name]["f1"]:
                results[name] = {"f1": f1, "threshold": threshold, "ap": ap, "c": c}
        c = results[name]["c"]
        line = f"  {name:<46} chosen C={c}"
        if clef is not None and xc is not None:
            ranked = rank_debates(x, labels, xc, clef, make_model(loss, c), loss)
            debate_scores[name] = debate_aps(ranked, clef[1], clef[2])
            results[name]["clef_map"] = float(np.mean(debate_scores[name]))
            line += f" CLEF-2019 training debates MAP={results[name]['clef_map']:.3f}"
            if shipped is not None:
                gain, se = paired_gain(debate_scores[name], shipped)
                line += f" ({gain:+.4f} ± {se:.4f} over the shipped model)"
        print(line, flush=True)
    return results, debate_scores


def rank_debates(
    x: Any, labels: np.ndarray, xc: Any, clef: Clef, model: Any, loss: str
) -> np.ndarray:
    """Scores of every CLEF sentence: by one model trained on ClaimBuster, or — when the
    model also learns from debate pairs — by one model per debate left out."""
    if loss != "clef_pairs":
        return np.asarray(model.fit(x, labels).predict_proba(xc)[:, 1])
    scores = np.zeros(len(clef[0]))
    for g in np.unique(clef[2]):
        out = clef[2] == g
        model.debates = (xc[~out], clef[1][~out], clef[2][~out])
        scores[out] = model.fit(x, labels).predict_proba(xc[out])[:, 1]
    return scores


def reference_model(path: Path | None) -> dict[str, Any]:
    """The model every variant is compared with: ``path`` (a claims.json), else the one now in
    resources/analysis/claims.json."""
    from briefing.analysis import resources

    if path is not None:
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise SystemExit(f"{path}: not a readable claims.json ({exc})") from exc
    resources.claim_model.cache_clear()
    return resources.claim_model()


def shipped_debate_aps(clef: Clef, model: dict[str, Any]) -> np.ndarray:
    """Per-debate AP of the reference ``model`` (scored as the engine scores a sentence)."""
    from briefing.analysis.claims import claim_score

    scores = np.array([claim_score(text, model) for text in clef[0]])
    return debate_aps(scores, clef[1], clef[2])


def choose(results: dict[str, dict[str, float]], debate_scores: dict[str, np.ndarray]) -> str:
    """The incumbent, unless a shippable challenger ranks the CLEF debates better by more than
    two standard errors with ClaimBuster F1 and AP not lower."""
    best = results[INCUMBENT]
    for name in SHIPPABLE:
        if name == INCUMBENT or name not in results or INCUMBENT not in debate_scores:
            continue
        gain, se = paired_gain(debate_scores[name], debate_scores[INCUMBENT])
        if (
            gain > 2 * se
            and results[name]["f1"] >= best["f1"]
            and results[name]["ap"] >= best["ap"]
        ):
            return name
    return INCUMBENT


def news_articles(news_dir: Path, cnndm: Path) -> list[str]:
    docs = [_normalise(p.read_text(encoding="utf-8")) for p in sorted(news_dir.glob("*.txt"))]
    return docs + [
        _normalise(json.loads(line)["article"])
        for line in cnndm.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def export(feats: Featuriser, model: Any) -> tuple[dict[str, float], dict[str, float]]:
    """(weights, idf) as the engine reads them: each weight already multiplied by its idf."""
    names = feats.vec.get_feature_names_out()
    idf = feats.idf if feats.idf is not None else np.ones(len(names))
    weights = {
        f: round(float(w * i), 3)
        for f, w, i in zip(names, model.coef_[0], idf, strict=True)
        if round(float(w * i), 3) != 0.0
    }
    idfs = {f: round(float(i), 2) for f, i in zip(names, idf, strict=True)}
    return weights, (idfs if feats.idf is not None else {})


def main() -> None:
    parser = argparse.ArgumentParser()
    eval_dir = Path("/work/shared/eval")
    parser.add_argument("--data", type=Path, default=eval_dir / "claimbuster-train.json")
    parser.add_argument("--clef", type=Path, default=Path("out/clef"))
    parser.add_argument("--news", type=Path, default=eval_dir / "news")
    parser.add_argument("--cnndm", type=Path, default=eval_dir / "cnndm-dev.jsonl")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument(
        "--clef-pairs",
        action="store_true",
        help="also try the ranking loss with pairs within the CLEF debates (LODO, slow)",
    )
    parser.add_argument(
        "--debates",
        action="store_true",
        help="train on ClaimBuster plus the in-domain debates (--clef, --clef20), chosen by "
        "grouped CV (scripts/analysis/claim_grouped_cv.py); needs --exclude",
    )
    parser.add_argument("--clef20", type=Path, default=Path("out/clef20"))
    parser.add_argument(
        "--debate-vocab",
        action="store_true",
        help="with --debates: the vocabulary and idf over the debates' sentences too",
    )
    parser.add_argument(
        "--confirm",
        action="store_true",
        help="with --debates: check the chosen setting leave-one-debate-out (39 more fits)",
    )
    parser.add_argument("--exclude", type=Path, default=Path("out/clef19-test-exclusion.csv"))
    parser.add_argument(
        "--reference",
        type=Path,
        help="the claims.json to compare with (default: the shipped one); --debates needs the "
        "ClaimBuster-only model here once a debates-trained one is shipped",
    )
    args = parser.parse_args()
    if args.debates:
        train_with_debates(args)
        return
    if args.clef_pairs:
        VARIANTS[CLEF_PAIRS_VARIANT] = ("idf_norm", "clef_pairs", (1.0,))
    data = json.loads(args.data.read_text(encoding="utf-8"))
    texts = [_normalise(d["text"]) for d in data]
    labels = np.array([int(d["label"]) for d in data])
    print(f"ClaimBuster: {len(texts)} sentences, {int(labels.sum())} check-worthy")
    clef = read_clef(args.clef) if args.clef.is_dir() else None
    if clef is None:
        print(f"no CLEF-2019 training debates in {args.clef}: ranking not measured")
    else:
        print(f"CLEF-2019 training debates: {len(set(clef[2]))}, {len(clef[0])} sentences")
    shipped = None if clef is None else shipped_debate_aps(clef, reference_model(args.reference))
    if shipped is not None:
        print(f"  shipped model (claims.json): CLEF-2019 training debates MAP={shipped.mean():.3f}")
    results, debate_scores = cross_validate(texts, labels, clef, shipped)
    name = choose(results, debate_scores)
    chosen = results[name]
    print(f"chosen: {name} {chosen}")
    if args.cv_only:
        return
    kind, loss, _ = VARIANTS[name]
    c = chosen["c"]
    feats = Featuriser(kind, texts)
    debates = None
    if loss == "clef_pairs" and clef is not None:
        debates = (feats.rows(clef[0]), clef[1], clef[2])
    model = make_model(loss, c, debates).fit(feats.rows(texts), labels)
    source = "ClaimBuster (Arslan et al. 2020), research release; see README.md"
    cv = {n: {k: round(v, 4) for k, v in r.items()} for n, r in results.items()}
    write_model(args.out, feats, model, source, name, c, cv, chosen["threshold"])
    report_news(news_articles(args.news, args.cnndm))


def train_with_debates(args: argparse.Namespace) -> None:
    """ClaimBuster plus the CLEF debates (leakage exclusion applied to both first), every
    setting chosen by grouped CV; writes claims.json only when one clears :func:`choose`."""
    import claim_grouped_cv as gcv  # type: ignore[import-not-found]
    from claim_debates import load_debates, read_exclusion, text_key  # type: ignore[import-not-found]

    if not args.exclude.is_file():
        raise SystemExit(f"{args.exclude}: the CLEF-2019 test file is needed for the exclusion")
    debates, counts = load_debates(args.clef, args.clef20, args.exclude)
    print(
        f"debates: {len(debates)}, {sum(len(d.texts) for d in debates)} sentences, "
        f"{sum(sum(d.labels) for d in debates)} check-worthy after the exclusion; {counts}"
    )
    excluded = read_exclusion(args.exclude)
    data = json.loads(args.data.read_text(encoding="utf-8"))
    kept = [d for d in data if text_key(d["text"]) not in excluded]
    print(
        f"ClaimBuster: {len(kept)} sentences ({len(data) - len(kept)} excluded), "
        f"{sum(int(d['label']) for d in kept)} check-worthy"
    )
    texts = [_normalise(d["text"]) for d in kept]
    labels = np.array([int(d["label"]) for d in kept])
    feats, rows = gcv.featurise(texts, labels, debates, args.debate_vocab)
    now = reference_model(args.reference)
    shipped = shipped_debate_aps(
        ([_normalise(t) for d in debates for t in d.texts], rows.y_d, rows.groups), now
    )
    scores = gcv.out_of_fold(rows)
    results = gcv.evaluate(rows, scores, shipped)
    name = gcv.choose(results, now["cv"][now["variant"]])  # its recorded CV F1 and AP
    print(f"chosen: {name}")
    if name is not None:
        print(f"  by source, grouped 5-fold: {gcv.by_source(rows, scores[name][1], shipped)}")
        baseline = gcv.baseline_scores(texts, debates, rows, name)
        results.update(gcv.evaluate(rows, {**scores, **baseline}, shipped, only=baseline))
        base_threshold = results[gcv.BASE]["threshold"]
        threshold = matched_threshold(rows.y_cb, scores, gcv.BASE, name, base_threshold)
        results[name] = {**results[name], "f1_optimal_threshold": results[name]["threshold"]}
        results[name].update(threshold)
    for checked in [gcv.BASE, name] if args.confirm and name is not None else []:
        aps = gcv.leave_one_debate_out(rows, checked)
        gain, se = paired_gain(aps, shipped)
        print(
            f"  leave-one-debate-out: {checked} MAP={aps.mean():.4f}, {gain:+.4f} ± {se:.4f} "
            f"over shipped ({int((aps > shipped).sum())}/{len(aps)} debates better)",
            flush=True,
        )
    if name is None or args.cv_only:
        return
    model = gcv.final_model(rows, name)
    source = (
        "ClaimBuster (Arslan et al. 2020) + CLEF-2019 Task 1 training and CLEF-2020 Task 5 "
        "test debates (CLEF CheckThat!), research use; CLEF-2019 test sentences excluded; "
        "see README.md"
    )
    cv = {n: {k: round(v, 4) for k, v in r.items()} for n, r in results.items()}
    write_model(args.out, feats, model, source, name, gcv.C, cv, results[name]["threshold"])
    if args.out.resolve() == OUT:  # the engine reads only that file
        report_news(news_articles(args.news, args.cnndm))


def matched_threshold(
    labels: np.ndarray,
    scores: dict[str, tuple[np.ndarray, np.ndarray]],
    base: str,
    name: str,
    base_threshold: float,
) -> dict[str, float]:
    """The threshold the chosen setting ships with: the one flagging as many ClaimBuster
    sentences (out-of-fold) as the ClaimBuster-only setting of the same folds flags at its own
    F1-optimal threshold (scripts/analysis/claim_thresholds.py), with the out-of-fold F1,
    precision and recall there."""
    from claim_thresholds import rate_matched_threshold  # type: ignore[import-not-found]

    new = 1.0 / (1.0 + np.exp(-scores[name][0]))
    old = 1.0 / (1.0 + np.exp(-scores[base][0]))
    threshold = rate_matched_threshold(new, old, base_threshold)
    pred = new >= threshold
    tp = int(np.sum(pred & (labels == 1)))
    precision, recall = tp / max(1, int(pred.sum())), tp / max(1, int(labels.sum()))
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(
        f"  threshold {threshold} (flags {pred.mean():.1%} of ClaimBuster, as {base} at "
        f"{base_threshold}: {np.mean(old >= base_threshold):.1%}): 5-fold "
        f"F1={f1:.4f} P={precision:.4f} R={recall:.4f}"
    )
    return {"threshold": threshold, "f1_at_threshold": f1, "precision": precision, "recall": recall}


def write_model(
    path: Path,
    feats: Featuriser,
    model: Any,
    source: str,
    name: str,
    c: float,
    cv: dict[str, dict[str, float]],
    threshold: float,
) -> None:
    """claims.json as the engine reads it (vocabulary table, bias, threshold, budget)."""
    weights, idf = export(feats, model)
    out: dict[str, Any] = {
        "source": source,
        "variant": name,
        "cues": True,
        "C": c,
        "cv": cv,
        "threshold": threshold,
        "budget_share": BUDGET_SHARE,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": weights,
    }
    if idf:
        out["idf"] = idf
    path.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False), "utf-8")
    print(f"{len(weights)} weights -> {path} ({path.stat().st_size:,} bytes)")


def report_news(articles: list[str]) -> None:
    """The share of news sentences the shipped model shows as claims (budget applied)."""
    from briefing.analysis import resources
    from briefing.analysis.claims import find_claims
    from briefing.analysis.sentences import split_sentences

    resources.claim_model.cache_clear()
    shown = above = total = 0
    for text in articles:
        sentences = split_sentences(text)
        claims, candidates = find_claims(text, sentences)
        shown += len(claims)
        above += len(claims) + len(candidates)
        total += len(sentences)
    print(
        f"news: {len(articles)} articles, {total} sentences: {shown / total:.1%} shown as "
        f"claims, {above / total:.1%} above the threshold"
    )


if __name__ == "__main__":
    main()
