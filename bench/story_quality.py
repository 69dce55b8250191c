"""Story clustering quality on real same-event groups: the 1,123 development articles of
../shared/eval (cnndm-gpt4ref-dev, cnndm-dev, news/*.txt) in one library, clustered by the
stored incremental clustering (`briefing stories`), by the batch average-linkage clustering
and by two simple baselines in the same run: headline key only, and single-link tf-idf cosine
over a threshold. Scored on the pairs judged in bench/data/story_pairs.json (ids and labels
only; the labelling rule is in that file): pairwise precision, recall and F1 over the judged
pairs; predicted pairs nobody judged are counted apart (pooling: judge them and run again).

The articles carry no date or headline: each gets one common date (the date window plays no
part) and its first sentence as its title.

Run: .venv/bin/python bench/story_quality.py [--data-dir DIR] [--show-unjudged]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
PAIRS = ROOT / "bench" / "data" / "story_pairs.json"
DATE = "2015-03-20T12:00:00Z"


def documents() -> list[tuple[str, str]]:
    """(eval id, text) of every development article."""
    found = []
    for name, prefix in (("cnndm-gpt4ref-dev.jsonl", ""), ("cnndm-dev.jsonl", "cnndm-dev:")):
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            found.append((f"{prefix}{row['id']}", row["article"]))
    for path in sorted((EVAL / "news").glob("*.txt")):
        found.append((f"news:{path.name}", path.read_text(encoding="utf-8")))
    return found

def write_sheet(pairs: Iterable[tuple[str, str]], out: Path, opening: int,
                words: bool = False) -> int:
    """Write a judging sheet: each pair numbered ("#N a | b") with both articles' first
    ``opening`` characters (``words``: and their length), nothing else; the number written."""
    text = dict(documents())
    lines = []
    count = 0
    for count, (a, b) in enumerate(pairs, 1):
        lines.append(f"#{count} {a} | {b}")
        for side, key in (("A", a), ("B", b)):
            size = f" ({len(text[key].split())} words)" if words else ""
            lines.append(f"  {side}{size}: " + " ".join(text[key][:opening].split()))
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    return count


def read_sheet(sheet: Path) -> dict[int, tuple[str, str]]:
    """The numbered pairs of a sheet written by :func:`write_sheet`."""
    found = re.finditer(r"^#(\d+) (\S+) \| (\S+)$", sheet.read_text(encoding="utf-8"), re.M)
    return {int(m[1]): (m[2], m[3]) for m in found}



def build(data_dir: Path) -> dict[str, int]:
    """Import every article with its analysis (once per data folder); eval id -> article id."""
    from briefing.analysis import get_engine
    from briefing.domain import Article, text_sha256
    from briefing.ingest import normalise_text
    from briefing.paths import AppPaths
    from briefing.services import Library
    from briefing.services.articles import DEFAULT_ENGINE
    from briefing.storage import analyses as analysis_store
    from briefing.storage import articles as article_store

    index = data_dir / "ids.json"
    if index.is_file():
        return {k: int(v) for k, v in json.loads(index.read_text()).items()}
    engine = get_engine(DEFAULT_ENGINE)
    ids: dict[str, int] = {}
    paths = AppPaths(data_dir / "data", data_dir / "config", data_dir / "cache", data_dir / "logs")
    with Library.open(paths) as lib, lib.transaction() as conn:
        for key, raw in documents():
            text = normalise_text(raw)
            title, _, _ = text.partition(". ")
            article = article_store.insert(conn, Article(
                0, title[:160], text, text_sha256(text), published=DATE, imported_at=DATE))
            analysis_store.put(conn, engine.analyse(article.text), DATE)
            ids[key] = article.id
    index.write_text(json.dumps(ids))
    return ids


def _components(size_ids: Iterable[int], pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = {i: i for i in size_ids}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in parent:
        groups[find(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


def tfidf_groups(lib: object, threshold: float) -> list[list[int]]:
    """Baseline: single-link groups of articles whose whole-text tf-idf cosine >= threshold."""
    import numpy as np

    from briefing.services import crossref_clusters as cc
    from briefing.services.crossref_entities import load_articles

    docs = load_articles(lib)  # type: ignore[arg-type]
    vectors = cc._tfidf([f"{d.article.title}\n{d.article.text}" for d in docs])
    column: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            column.setdefault(term, len(column))
    matrix = np.zeros((len(vectors), len(column)), dtype=np.float32)
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, column[term]] = weight
    cosines = matrix @ matrix.T
    ids = [d.article.id for d in docs]
    rows, cols = np.nonzero(np.triu(cosines, k=1) >= threshold)
    return _components(ids, [(ids[i], ids[j]) for i, j in zip(rows, cols, strict=True)])


def headline_groups(lib: object) -> list[list[int]]:
    """Baseline: articles with the same headline key, and nothing else."""
    from briefing.services import crossref_clusters as cc
    from briefing.services.crossref_entities import load_articles

    docs = load_articles(lib)  # type: ignore[arg-type]
    pairs = cc.same_headline_pairs(docs)
    return _components([d.article.id for d in docs],
                       [(docs[i].article.id, docs[j].article.id) for i, j in pairs])  # fmt: skip


def score(groups: list[list[int]], labels: dict[frozenset[int], str]) -> dict[str, float]:
    predicted = {frozenset(p) for g in groups for p in combinations(g, 2)}
    same = {p for p, label in labels.items() if label == "same"}
    different = {p for p, label in labels.items() if label == "different"}
    tp, fp = len(predicted & same), len(predicted & different)
    fn = len(same - predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    unjudged = len(predicted - labels.keys())
    return {"P": precision, "R": recall, "F1": f1, "tp": tp, "fp": fp, "fn": fn,
            "unjudged": unjudged, "pairs": len(predicted)}  # fmt: skip


LINKS = (None, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
"""Single-link thresholds tried for the stored clustering (None: average linkage only)."""
COSINES = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
"""Thresholds tried for the tf-idf cosine baseline."""
FOLDS = 5


def _counts(groups: list[list[int]], labels: dict[frozenset[int], str]) -> tuple[int, int, int]:
    s = score(groups, labels)
    return int(s["tp"]), int(s["fp"]), int(s["fn"])


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cross_validated(choices: dict[str, list[list[int]]], labels: dict[frozenset[int], str]
                    ) -> tuple[float, float, float, list[str]]:  # fmt: skip
    """Pairwise P, R, F1 over held-apart folds of the judged pairs (``FOLDS``-fold, a fixed
    shuffle), the parameter chosen on the other folds each time; and the choices made."""
    import random

    judged = sorted((p for p, label in labels.items() if label != "unsure"), key=sorted)
    random.Random(19).shuffle(judged)
    tp = fp = fn = 0
    chosen = []
    for fold in range(FOLDS):
        held = set(judged[fold::FOLDS])
        train = {p: labels[p] for p in judged if p not in held}
        test = {p: labels[p] for p in held}
        best = max(choices, key=lambda name: (_f1(*_counts(choices[name], train)), name))
        chosen.append(best)
        a, b, c = _counts(choices[best], test)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, _f1(tp, fp, fn), chosen


WEIGHTS = tuple((e / 10, t / 10, round(1 - e / 10 - t / 10, 1) + 0.0)
                for e in range(11) for t in range(11 - e))  # fmt: skip
"""Entity / whole-text / lead weights tried for the stored clustering (a 0.1 grid)."""
PENALTIES = (0.6, 0.8, 1.0)
"""Subject penalties tried with each of them (story_features.SUBJECT_PENALTY)."""



def _stored_runs(lib: object, settings: Iterable[tuple[str, Mapping[tuple[str, str], object]]]
                 ) -> dict[str, list[list[int]]]:  # fmt: skip
    """The stored clustering rebuilt once per setting (module attributes set for the run,
    restored afterwards, then rebuilt as shipped)."""
    from briefing.services import story_features, story_store
    from briefing.services.story_store import rebuild, stored_clusters

    modules = {"store": story_store, "features": story_features}
    shipped = {(m, a): getattr(modules[m], a) for m, a in
               (("store", "LINK_THRESHOLD"),
                ("features", "SUBJECT_PENALTY"), ("features", "WEIGHTS"))}  # fmt: skip
    found: dict[str, list[list[int]]] = {}
    try:
        for name, values in settings:
            for (module, attribute), value in values.items():
                setattr(modules[module], attribute, value)
            rebuild(lib)  # type: ignore[arg-type]
            found[name] = [list(c.article_ids) for c in stored_clusters(lib)]  # type: ignore[arg-type]
            for (module, attribute), value in shipped.items():
                setattr(modules[module], attribute, value)
    finally:
        for (module, attribute), value in shipped.items():
            setattr(modules[module], attribute, value)
        rebuild(lib)  # type: ignore[arg-type]
    return found


def cv_table(lib: object, labels: dict[frozenset[int], str]) -> None:
    """The stored clustering with each parameter chosen by cross-validation, beside the
    tf-idf cosine baseline with its threshold chosen the same way (same folds)."""
    from briefing.services import story_features, story_store

    links = _stored_runs(lib, [(f"link {v}", {("store", "LINK_THRESHOLD"): v}) for v in LINKS])
    weights = _stored_runs(lib, [
        (f"weights {'/'.join(map(str, w))}×{p}",
         {("features", "WEIGHTS"): w, ("features", "SUBJECT_PENALTY"): p})
        for w in WEIGHTS for p in PENALTIES])  # fmt: skip
    cosine = {f"cosine {t}": tfidf_groups(lib, t) for t in COSINES}
    print(f"\n{FOLDS}-fold cross-validation over the judged pairs (parameter chosen on the "
          "other folds; P/R/F1 over the held-apart pairs; the best 6 choices: F1 over all "
          "judged pairs and, in brackets, predicted pairs nobody judged):\n")
    print("| clustering | held-apart P | R | F1 | chosen per fold | best all-pairs F1 |")
    print("|---|---|---|---|---|---|")
    for name, choices in (
        ("stored incremental, single-link threshold", links),
        ("stored incremental, weights × subject penalty", weights),
        ("baseline: tf-idf cosine single link, threshold", cosine),
    ):  # fmt: skip
        precision, recall, f1, chosen = cross_validated(choices, labels)
        best = sorted(choices, key=lambda k: -_f1(*_counts(choices[k], labels)))[:6]
        every = ", ".join(f"{k.split()[-1]}: {_f1(*_counts(choices[k], labels)):.3f} "
                          f"({int(score(choices[k], labels)['unjudged'])})"
                          for k in best)  # fmt: skip
        print(f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | "
              f"{', '.join(c.split()[-1] for c in chosen)} | {every} |")
    print(f"\nshipped: story_store.LINK_THRESHOLD = {story_store.LINK_THRESHOLD}, "
          f"story_features.WEIGHTS = {story_features.WEIGHTS}, "
          f"SUBJECT_PENALTY = {story_features.SUBJECT_PENALTY}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="reuse this library folder")
    parser.add_argument("--show-unjudged", action="store_true",
                        help="print the openings of predicted pairs not judged yet")  # fmt: skip
    parser.add_argument("--no-cv", action="store_true",
                        help="skip the cross-validated comparison (it clusters ~205 times)")
    args = parser.parse_args()
    if not (EVAL / "cnndm-gpt4ref-dev.jsonl").is_file():
        sys.exit(f"{EVAL}: the development data is not there")
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="story-quality-"))
    started = time.perf_counter()
    ids = build(folder)
    print(f"library: {len(ids)} articles in {folder} ({time.perf_counter() - started:.1f} s)")
    data = json.loads(PAIRS.read_text(encoding="utf-8"))
    labels = {frozenset(ids[k] for k in pair): label
              for label in ("same", "different", "unsure") for pair in data[label]}  # fmt: skip
    print(f"judged pairs: {sum(1 for v in labels.values() if v == 'same')} same, "
          f"{sum(1 for v in labels.values() if v == 'different')} different, "
          f"{sum(1 for v in labels.values() if v == 'unsure')} unsure (not scored)")

    from briefing.paths import AppPaths
    from briefing.services import Library
    from briefing.services.crossref_clusters import clusters
    from briefing.services.story_store import rebuild, stored_clusters

    paths = AppPaths(folder / "data", folder / "config", folder / "cache", folder / "logs")
    results: list[tuple[str, list[list[int]], float]] = []
    with Library.open(paths) as lib:
        for name, run in (
            ("stored incremental (`briefing stories`)",
             lambda: (rebuild(lib), [list(c.article_ids) for c in stored_clusters(lib)])[1]),
            ("batch average linkage (clusters())",
             lambda: [list(c.article_ids) for c in clusters(lib)]),
            ("baseline: headline key only", lambda: headline_groups(lib)),
            *((f"baseline: tf-idf cosine >= {t}", lambda t=t: tfidf_groups(lib, t))
              for t in (0.2, 0.3, 0.4, 0.5)),
        ):  # fmt: skip
            began = time.perf_counter()
            groups = run()
            results.append((name, groups, time.perf_counter() - began))
    print("\n| clustering | pairwise P | R | F1 | TP / FP / FN | predicted pairs (unjudged) "
          "| time |")
    print("|---|---|---|---|---|---|---|")
    for name, groups, seconds in results:
        s = score(groups, labels)
        print(f"| {name} | {s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} | "
              f"{s['tp']} / {s['fp']} / {s['fn']} | {s['pairs']} ({s['unjudged']}) | "
              f"{seconds:.1f} s |")  # fmt: skip
    if not args.no_cv:
        with Library.open(paths) as lib:
            cv_table(lib, labels)
    if args.show_unjudged:
        key_of = {v: k for k, v in ids.items()}
        text = dict(documents())
        for name, groups, _ in results[:2]:
            for group in groups:
                for a, b in combinations(sorted(group), 2):
                    if frozenset((a, b)) not in labels:
                        print(f"\n[{name}] {key_of[a]} | {key_of[b]}")
                        print("  A:", text[key_of[a]][:200].replace("\n", " "))
                        print("  B:", text[key_of[b]][:200].replace("\n", " "))


if __name__ == "__main__":
    main()
