"""Train the CRF entity tagger (resources/analysis/ner.crfsuite) and cross-validate it.

Usage: .venv/bin/python scripts/analysis/train_ner.py [--cv 5] [--c1 0.1 --c2 0.1]
       [--data /work/shared/eval/conll2003-train.txt /work/shared/eval/conll2003-dev.txt]

Data: CoNLL-2003 English training and development sets (eng.train + eng.testa, Reuters
RCV1-derived, research licence). Model: linear-chain CRF (python-crfsuite, L-BFGS with L1+L2
regularisation) over the features in briefing/analysis/ner_features.py, document by document
(the document-level features need the whole document); labels are IOB2 PER/ORG/LOC/MISC.

With ``--cv K`` the documents are split into K folds (every K-th document, in file order);
each fold is tagged by a model trained on the others and scored end to end through the
built-in engine exactly as eval/quality.py scores the dev set (span-exact, per type), and
nothing is written unless ``--write`` is given too (``--keep DIR`` keeps the fold models
and reuses them, to re-score after a change of the rules that follow the tagger). Several
``--c1``/``--c2`` values give a grid; the best by CV F1 is reported (and trained on all the
data with ``--write``). Every fold's F1 per type is printed. ``--lists`` picks the feature
set (base / lists / runs, see briefing/analysis/tagger.py default_extractor; the default is
the shipped model's), so two feature sets are compared on the same folds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from briefing.analysis.builtin import BuiltinEngine  # noqa: E402
from briefing.analysis.ner_features import FeatureExtractor  # noqa: E402
from briefing.analysis.resources import (  # noqa: E402
    NER_ATTRIBUTES,
    word_clusters,
)
from briefing.analysis.tagger import (  # noqa: E402
    FEATURE_SETS,
    SHIPPED_FEATURES,
    CrfTagger,
    default_extractor,
    model_attributes,
)
from eval.quality import (  # noqa: E402
    ConllDoc,
    print_entity_scores,
    read_conll_docs,
    score_entities,
)

OUT = ROOT / "resources" / "analysis" / "ner.crfsuite"
EVAL = Path("/work/shared/eval")


class _FoldEngine(BuiltinEngine):
    """The built-in engine with another entity model (for cross-validation)."""

    def __init__(self, model: Path, features: FeatureExtractor) -> None:
        super().__init__()
        self._fold_tagger = CrfTagger(model, features)

    def _get_tagger(self) -> CrfTagger:
        return self._fold_tagger


_CLUSTERS: list[Path] = []  # --clusters: another word-class file (to compare)


def _clusters() -> dict[str, tuple[str, ...]]:
    if not _CLUSTERS:
        return word_clusters()
    out: dict[str, tuple[str, ...]] = {}
    for line in _CLUSTERS[0].read_text(encoding="utf-8").splitlines():
        word, *classes = line.split("\t")
        if classes:
            out[word] = tuple(classes)
    return out


def extractor_for(features: str) -> FeatureExtractor:
    """The extractor of a feature set (tagger.FEATURE_SETS), with --clusters if given."""
    return default_extractor(features, _clusters() if _CLUSTERS else None)


def train(
    docs: list[ConllDoc], out: Path, c1: float, c2: float, iterations: int, lists: str
) -> float:
    extractor = extractor_for(lists)
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in docs:
        sentences = [words for words, _ in doc]
        for feats, (_, tags) in zip(extractor.document(sentences), doc, strict=True):
            trainer.append(feats, tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 1,
        }
    )
    t0 = time.time()
    trainer.train(str(out))
    return time.time() - t0


def _f1(tp: Counter[str], fp: Counter[str], fn: Counter[str], label: str) -> float:
    t = sum(tp.values()) if label == "ALL" else tp[label]
    wrong = (sum(fp.values()) + sum(fn.values())) if label == "ALL" else fp[label] + fn[label]
    return 2 * t / (2 * t + wrong) if t else 0.0


def cross_validate(
    docs: list[ConllDoc],
    k: int,
    c1: float,
    c2: float,
    iterations: int,
    keep: Path | None,
    lists: str,
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per-type counts over the K held-out folds. With ``keep``, fold models are kept there
    and reused when present (to re-score after a change that needs no retraining)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for fold in range(k):
            held = [d for i, d in enumerate(docs) if i % k == fold]
            rest = [d for i, d in enumerate(docs) if i % k != fold]
            tag = f"{lists}-{_CLUSTERS[0].stem}" if _CLUSTERS else lists
            name = f"k{k}-c1_{c1}-c2_{c2}-i{iterations}-{tag}-fold{fold}.crfsuite"
            model = folder / name
            note = "reused"
            if not model.exists():
                note = f"trained in {train(rest, model, c1, c2, iterations, lists):.0f}s"
            counts = score_entities(_FoldEngine(model, extractor_for(lists)), held)
            for total, part in zip((tp, fp, fn), counts[:3], strict=True):
                total.update(part)
            scores = " ".join(
                f"{label} {_f1(*counts[:3], label):.3f}"
                for label in ("ALL", "PER", "ORG", "LOC", "MISC")
            )
            print(f"  fold {fold + 1}/{k}: {scores} ({note})", flush=True)
    return tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--data",
        type=Path,
        nargs="+",
        default=[EVAL / "conll2003-train.txt", EVAL / "conll2003-dev.txt"],
    )
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--c1", type=float, nargs="+", default=[0.1])
    parser.add_argument("--c2", type=float, nargs="+", default=[0.1])
    parser.add_argument("--cv", type=int, default=0, help="folds (0: no cross-validation)")
    parser.add_argument("--write", action="store_true", help="with --cv: also train and write")
    parser.add_argument("--keep", type=Path, help="with --cv: keep (and reuse) fold models here")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--lists",
        choices=FEATURE_SETS,
        default=SHIPPED_FEATURES,
        help="feature set (briefing/analysis/tagger.py default_extractor); "
        "default: the shipped model's",
    )
    parser.add_argument("--clusters", type=Path, help="word classes from this file instead")
    args = parser.parse_args()
    if args.clusters:
        _CLUSTERS.append(args.clusters)
    docs = [doc for path in args.data for doc in read_conll_docs(path)]
    print(f"{len(docs)} documents from {', '.join(p.name for p in args.data)}")
    best = (args.c1[0], args.c2[0])
    if args.cv:
        best_f1 = -1.0
        for c1 in args.c1:
            for c2 in args.c2:
                print(f"{args.cv}-fold CV, c1={c1} c2={c2}, {args.iterations} iterations")
                tp, fp, fn = cross_validate(
                    docs, args.cv, c1, c2, args.iterations, args.keep, args.lists
                )
                f1 = print_entity_scores(f"CV c1={c1} c2={c2}", tp, fp, fn)
                if f1 > best_f1:
                    best_f1, best = f1, (c1, c2)
        print(f"best: c1={best[0]} c2={best[1]} (CV F1 {best_f1:.3f})")
        if not args.write:
            return
    seconds = train(docs, args.out, best[0], best[1], args.iterations, args.lists)
    print(f"trained in {seconds:.0f}s -> {args.out} ({args.out.stat().st_size} bytes)")
    write_attributes(args.out, args.out.with_name(NER_ATTRIBUTES))


def write_attributes(model: Path, out: Path) -> None:
    """The model's attributes, one per line, beside it (the tagger reads them from there:
    asking the model holds the GIL too long for the reader)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    found = sorted(model_attributes(tagger))
    out.write_text("\n".join(found) + "\n", encoding="utf-8")
    print(f"{len(found):,} attributes -> {out}")


if __name__ == "__main__":
    main()
