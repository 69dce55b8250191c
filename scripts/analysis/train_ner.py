"""Train the CRF entity tagger: resources/analysis/ner.crfsuite.

Usage: .venv/bin/python scripts/analysis/train_ner.py
       [--train /work/shared/eval/conll2003-train.txt]

Data: CoNLL-2003 English training set (eng.train, Reuters RCV1-derived, research licence).
Model: linear-chain CRF (python-crfsuite, L-BFGS with L1+L2 regularisation) over the features
in briefing/analysis/ner_features.py; labels are the IOB2 tags PER/ORG/LOC/MISC.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from briefing.analysis.ner_features import FeatureExtractor
from briefing.analysis.resources import gazetteer

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis" / "ner.crfsuite"


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if words:
                sentences.append((words, tags))
                words, tags = [], []
            continue
        cols = line.split()
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        sentences.append((words, tags))
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", type=Path, default=Path("/work/shared/eval/conll2003-train.txt"))
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    extractor = FeatureExtractor(gazetteer())
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in read_conll(args.train):
        trainer.append(extractor.sentence(words), tags)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 1,
        }
    )
    t0 = time.time()
    trainer.train(str(args.out))
    print(f"trained in {time.time() - t0:.0f}s -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
