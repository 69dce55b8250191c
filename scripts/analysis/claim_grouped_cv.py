"""Grouped cross-validation of check-worthiness models trained on ClaimBuster plus in-domain
debates (scripts/analysis/train_claims.py ``--debates``).

Every setting is one logistic regression over the shipped features (idf + per-word L2,
:class:`train_claims.Featuriser`) with per-row weights: ClaimBuster rows, debate rows and
debate positives each get their own weight (:data:`SETTINGS`). One set of 5 fits serves both
targets: fold k trains on the ClaimBuster sentences outside its stratified fold k and the
debates outside its debate fold k (debates grouped, never split), and scores both held-out
parts. ClaimBuster: F1 at the best threshold and AP of the out-of-fold scores; debates: MAP
over all debates with a positive, as a paired per-debate gain ± standard error over the
model now in claims.json and over the ClaimBuster-only setting of the same folds. Blends mix
two settings' out-of-fold log-odds, ``(1 - a) * z1 + a * z2``: still one linear model with
one absolute threshold, so a sentence alone is judged alone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import average_precision_score  # type: ignore[import-untyped]
from sklearn.model_selection import GroupKFold, StratifiedKFold  # type: ignore[import-untyped]
from train_claims import (  # type: ignore[import-not-found]
    Featuriser,
    best_f1,
    debate_aps,
    paired_gain,
)

C = 5.0
"""The shipped model's C (chosen earlier by the ClaimBuster CV; not retuned here)."""
FOLDS = 5
BASE = "ClaimBuster only"
SETTINGS: dict[str, tuple[float, float, float]] = {  # name: (ClaimBuster, debate, positive x)
    BASE: (1.0, 0.0, 1.0),
    "+ debates x0.1": (1.0, 0.1, 1.0),
    "+ debates x0.03, positives x10": (1.0, 0.03, 10.0),
    "+ debates x0.1, positives x10": (1.0, 0.1, 10.0),
    "+ debates x0.03, positives x30": (1.0, 0.03, 30.0),
    "+ debates x0.1, positives x30": (1.0, 0.1, 30.0),
    "+ debates x0.03, balanced": (1.0, 0.03, 0.0),
    "+ debates x0.1, balanced": (1.0, 0.1, 0.0),
    "debates only, balanced": (0.0, 1.0, 0.0),
}
"""Positive factor 0 means balanced: debate positives weighted by the negatives/positives
ratio of the training debates."""
BLENDS: tuple[tuple[str, str, float], ...] = (
    *((BASE, "debates only, balanced", a) for a in (0.1, 0.15, 0.2, 0.25, 0.5)),
    *((BASE, "+ debates x0.1, positives x10", a) for a in (0.25, 0.5, 0.75)),
    *((BASE, "+ debates x0.1, balanced", a) for a in (0.25, 0.5, 0.75)),
    *((BASE, "+ debates x0.1, positives x30", a) for a in (0.25, 0.5)),
)
MARGIN = 0.005
"""A challenger's ClaimBuster CV F1 and AP may be at most this much below the base's."""


@dataclass
class Data:
    """Featurised ClaimBuster and debate sentences, labels and debate ids."""

    x_cb: Any
    y_cb: np.ndarray
    x_d: Any
    y_d: np.ndarray
    groups: np.ndarray
    sources: np.ndarray
    """Per debate (group number): its source, the part of its name before the slash."""


def featurise(
    cb_texts: list[str], y_cb: np.ndarray, debates: list[Any], debate_vocab: bool
) -> tuple[Featuriser, Data]:
    """The vocabulary and idf (no labels) over the ClaimBuster sentences — or, with
    ``debate_vocab``, over all sentences (2.4 times the features: claims.json 7.1 MB instead
    of 2.7, +35 MB in memory) — and the rows."""
    d_texts = [t for d in debates for t in d.texts]
    feats = Featuriser("idf_norm", cb_texts + d_texts if debate_vocab else cb_texts)
    y_d = np.array([label for d in debates for label in d.labels])
    groups = np.array([g for g, d in enumerate(debates) for _ in d.texts])
    sources = np.array([d.name.split("/")[0] for d in debates])
    return feats, Data(feats.rows(cb_texts), y_cb, feats.rows(d_texts), y_d, groups, sources)


def fit(
    data: Data, setting: tuple[float, float, float], cb: np.ndarray, dd: np.ndarray, c: float = C
) -> Any:
    """One LR on the ClaimBuster rows ``cb`` and debate rows ``dd`` (index arrays)."""
    from scipy.sparse import vstack  # type: ignore[import-untyped]

    w_cb, w_d, pos = setting
    y_d = data.y_d[dd]
    if pos == 0.0:
        pos = float((y_d == 0).sum()) / max(1, int(y_d.sum()))
    parts, labels, weights = [], [], []
    if w_cb > 0:
        parts.append(data.x_cb[cb])
        labels.append(data.y_cb[cb])
        weights.append(np.full(len(cb), w_cb))
    if w_d > 0:
        parts.append(data.x_d[dd])
        labels.append(y_d)
        weights.append(np.where(y_d == 1, w_d * pos, w_d))
    model = LogisticRegression(C=c, solver="liblinear", max_iter=2000)
    return model.fit(vstack(parts).tocsr(), np.concatenate(labels), np.concatenate(weights))


def out_of_fold(
    data: Data,
    settings: dict[str, tuple[float, float, float]] = SETTINGS,
    blends: tuple[tuple[str, str, float], ...] = BLENDS,
    c: float = C,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per setting: out-of-fold log-odds of (ClaimBuster sentences, debate sentences).

    Each target has its own 5 fits, each with all of the other source's sentences, as the
    final model has: ClaimBuster fold k is scored by a model trained on the other ClaimBuster
    folds and every debate; debate fold k by one trained on all of ClaimBuster and the
    debates of the other folds."""
    cb_folds = StratifiedKFold(FOLDS, shuffle=True, random_state=13).split(data.y_cb, data.y_cb)
    d_folds = GroupKFold(FOLDS).split(data.y_d, data.y_d, data.groups)
    every_cb, every_d = np.arange(len(data.y_cb)), np.arange(len(data.y_d))
    splits = [(train, test, every_d, None) for train, test in cb_folds]
    splits += [(every_cb, None, train, test) for train, test in d_folds]
    scores: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name, setting in settings.items():
        z_cb, z_d = np.zeros(len(data.y_cb)), np.zeros(len(data.y_d))
        for cb_train, cb_test, d_train, d_test in splits:
            model = fit(data, setting, cb_train, d_train, c)
            if cb_test is not None:
                z_cb[cb_test] = model.decision_function(data.x_cb[cb_test])
            if d_test is not None:
                z_d[d_test] = model.decision_function(data.x_d[d_test])
        scores[name] = (z_cb, z_d)
        print(f"  {name}: {len(splits)} fits done", flush=True)
    for first, second, a in blends:
        (c1, d1), (c2, d2) = scores[first], scores[second]
        scores[blend_name(first, second, a)] = ((1 - a) * c1 + a * c2, (1 - a) * d1 + a * d2)
    return scores


BASELINE = "char 2-5-gram TF-IDF LR (baseline): "
BASELINE_C = 1.0


def baseline_scores(
    cb_texts: list[str], debates: list[Any], data: Data, chosen: str
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The same-run baseline of ``chosen``: the character 2–5-gram TF-IDF LR (scikit-learn
    ``char_wb``, C=1 as its ClaimBuster CV chose) with the same row weights, blend and folds,
    and of the ClaimBuster-only setting, under the names :data:`BASELINE` + setting."""
    d_texts = [t for d in debates for t in d.texts]
    feats = Featuriser("char_tfidf", cb_texts)
    chars = Data(
        feats.rows(cb_texts), data.y_cb, feats.rows(d_texts), data.y_d, data.groups, data.sources
    )
    blends = tuple(b for b in BLENDS if blend_name(*b) == chosen)
    parts = {BASE, *(n for first, second, _ in blends for n in (first, second))}
    if chosen in SETTINGS:
        parts.add(chosen)
    settings = {name: SETTINGS[name] for name in SETTINGS if name in parts}  # their order
    scores = out_of_fold(chars, settings, blends, BASELINE_C)
    return {BASELINE + name: z for name, z in scores.items()}


def blend_name(first: str, second: str, a: float) -> str:
    return f"blend {1 - a:g} * [{first}] + {a:g} * [{second}]"


def evaluate(
    data: Data,
    scores: dict[str, tuple[np.ndarray, np.ndarray]],
    shipped: np.ndarray,
    only: Collection[str] | None = None,
) -> dict[str, dict[str, float]]:
    """F1 (best threshold), AP, MAP and the paired gains, printed one line per setting (of
    ``only`` when given)."""
    results: dict[str, dict[str, float]] = {}
    base_aps = debate_aps(scores[BASE][1], data.y_d, data.groups)
    print(f"  shipped model (claims.json): debates MAP={shipped.mean():.4f}")
    for name, (z_cb, z_d) in scores.items():
        if only is not None and name not in only:
            continue
        probs = 1.0 / (1.0 + np.exp(-z_cb))
        f1, threshold = best_f1(probs, data.y_cb)
        aps = debate_aps(z_d, data.y_d, data.groups)
        gain, se = paired_gain(aps, shipped)
        base_gain, base_se = paired_gain(aps, base_aps)
        results[name] = {
            "f1": f1,
            "threshold": threshold,
            "ap": float(average_precision_score(data.y_cb, z_cb)),
            "map": float(aps.mean()),
            "gain": gain,
            "se": se,
            "gain_over_base": base_gain,
            "se_over_base": base_se,
            "debates_better": int((aps > shipped).sum()),
        }
        r = results[name]
        print(
            f"  {name:<70} F1={f1:.4f} (t={threshold}) AP={r['ap']:.4f} MAP={r['map']:.4f} "
            f"{gain:+.4f} ± {se:.4f} over shipped ({r['debates_better']}/{len(aps)} debates "
            f"better), {base_gain:+.4f} ± {base_se:.4f} over {BASE}",
            flush=True,
        )
    return results


def by_source(data: Data, z_d: np.ndarray, shipped: np.ndarray) -> str:
    """The MAP gain over the shipped model per source of debates (clef19, clef20)."""
    aps = debate_aps(z_d, data.y_d, data.groups)
    parts = []
    for source in sorted(set(data.sources)):
        mine = data.sources == source
        gain, se = paired_gain(aps[mine], shipped[mine])
        parts.append(
            f"{source}: {int(mine.sum())} debates, MAP {aps[mine].mean():.4f} vs "
            f"{shipped[mine].mean():.4f}, {gain:+.4f} ± {se:.4f}, "
            f"{int((aps[mine] > shipped[mine]).sum())} better"
        )
    return "; ".join(parts)


def choose(results: dict[str, dict[str, float]], shipped_cv: dict[str, float]) -> str | None:
    """Among the settings whose MAP gain over the shipped model is above two standard errors
    and whose ClaimBuster F1 and AP are within MARGIN of both the base's (same folds) and the
    shipped model's recorded CV figures (``shipped_cv``), the one with the highest lower
    bound, gain - 2 SE (the highest mean gain came with the widest spread: less sure)."""
    base = results[BASE]
    f1_floor = max(base["f1"], shipped_cv["f1"]) - MARGIN
    ap_floor = max(base["ap"], shipped_cv["ap"]) - MARGIN
    fit_ones = [
        name
        for name, r in results.items()
        if not name.startswith(BASELINE)
        and r["gain"] > 2 * r["se"]
        and r["f1"] >= f1_floor
        and r["ap"] >= ap_floor
    ]
    return max(fit_ones, key=lambda n: results[n]["gain"] - 2 * results[n]["se"], default=None)


class Linear:
    """A fitted linear model as export() reads it (``coef_``, ``intercept_``)."""

    def __init__(self, coef: np.ndarray, intercept: float) -> None:
        self.coef_ = coef.reshape(1, -1)
        self.intercept_ = np.array([intercept])


def final_model(data: Data, name: str) -> Linear:
    """The chosen setting (or blend) fitted on all ClaimBuster sentences and all debates."""
    every_cb, every_d = np.arange(len(data.y_cb)), np.arange(len(data.y_d))
    for first, second, a in BLENDS:
        if name == blend_name(first, second, a):
            m1, m2 = final_model(data, first), final_model(data, second)
            return Linear(
                (1 - a) * m1.coef_[0] + a * m2.coef_[0],
                float((1 - a) * m1.intercept_[0] + a * m2.intercept_[0]),
            )
    model = fit(data, SETTINGS[name], every_cb, every_d)
    return Linear(model.coef_[0], float(model.intercept_[0]))


def leave_one_debate_out(data: Data, name: str) -> np.ndarray:
    """Per-debate AP of ``name`` (a setting or blend) with each debate scored by models
    trained on all of ClaimBuster and the other 38 debates: the check of a chosen setting
    on folds it was not chosen on."""
    parts = [
        (first, second, a) for first, second, a in BLENDS if blend_name(first, second, a) == name
    ]
    members = (
        [(parts[0][0], 1 - parts[0][2]), (parts[0][1], parts[0][2])] if parts else [(name, 1.0)]
    )
    z_d = np.zeros(len(data.y_d))
    every_cb = np.arange(len(data.y_cb))
    for g in np.unique(data.groups):
        out = np.flatnonzero(data.groups == g)
        rest = np.flatnonzero(data.groups != g)
        for member, share in members:
            model = fit(data, SETTINGS[member], every_cb, rest)
            z_d[out] += share * model.decision_function(data.x_d[out])
    return debate_aps(z_d, data.y_d, data.groups)
