"""Quality of the analysis engine on the development data (procedure: shared/eval/README.md).

Usage: .venv/bin/python eval/quality.py [--eval-dir /work/shared/eval] [--engine builtin]
       [--only summaries|entities|claims]

Prints three tables: summaries (ROUGE-1/2/Lsum F of the engine's `short` summary against
Lead-3 computed in the same run), entity span-exact micro F1 per type on CoNLL-2003 dev,
and check-worthy-class F1 on the held-out ClaimBuster split (the 20% not used in training).
Needs rouge-score (the `eval` extra).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from briefing.analysis import get_engine
from briefing.analysis.engine import Engine
from briefing.analysis.sentences import split_sentences

LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}
LABEL_MAP["NORP"] = "MISC"


def normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def eval_summaries(engine: Engine, path: Path) -> None:
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = {"engine": [0.0, 0.0, 0.0], "lead-3": [0.0, 0.0, 0.0]}
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for doc in docs:
        text = normalise(doc["article"])
        analysis = engine.analyse(text)
        sents = [text[s.start : s.end] for s in analysis.sentences]
        highlights = normalise(doc["highlights"])
        reference = "\n".join(highlights[s.start : s.end] for s in split_sentences(highlights))
        for name, idx in (("engine", analysis.summaries["short"]), ("lead-3", range(3))):
            candidate = "\n".join(sents[i] for i in idx if i < len(sents))
            score = scorer.score(reference, candidate)
            for k, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
                totals[name][k] += score[key].fmeasure
    print(f"\nSummaries ({len(docs)} CNN/DM dev articles, `short` = 3 sentences)")
    print(f"{'system':<10}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-Lsum':>12}")
    for name, vals in totals.items():
        r1, r2, rl = (100 * v / len(docs) for v in vals)
        print(f"{name:<10}{r1:>9.2f}{r2:>9.2f}{rl:>12.2f}")


ConllDoc = list[tuple[list[str], list[str]]]
"""One CoNLL document: its sentences as (tokens, IOB2 tags)."""


def read_conll_docs(path: Path) -> list[ConllDoc]:
    docs: list[ConllDoc] = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if words:
                if not docs:
                    docs.append([])
                docs[-1].append((words, tags))
                words, tags = [], []
            continue
        cols = line.split()
        words.append(cols[0])
        tags.append(cols[-1])
    return [d for d in docs if d]


def _gold(doc: ConllDoc) -> tuple[str, set[tuple[int, int, str]]]:
    lines: list[str] = []
    gold: set[tuple[int, int, str]] = set()
    offset = 0
    for words, tags in doc:
        pos = offset
        start = -1
        label = ""
        end = 0
        for word, tag in zip([*words, ""], [*tags, "O"], strict=True):
            if start >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
                gold.add((start, end, label))
                start = -1
            if word and tag != "O" and start < 0:
                start, label = pos, tag[2:]
            end = pos + len(word)
            pos += len(word) + 1
        lines.append(" ".join(words))
        offset += len(lines[-1]) + 1
    return "\n".join(lines), gold


def score_entities(
    engine: Engine, docs: list[ConllDoc]
) -> tuple[Counter[str], Counter[str], Counter[str], float]:
    """True positives, false positives and false negatives per type, and words per second."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    words = 0
    elapsed = 0.0
    for doc in docs:
        text, gold = _gold(doc)
        words += len(text.split())
        t0 = time.perf_counter()
        analysis = engine.analyse(text)
        elapsed += time.perf_counter() - t0
        pred = {
            (m.start, m.end, LABEL_MAP[e.label])
            for e in analysis.entities
            if e.label in LABEL_MAP
            for m in e.mentions
        }
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
    return tp, fp, fn, words / max(elapsed, 1e-9)


def print_entity_scores(title: str, tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> float:
    """Print P/R/F1 per type and overall; return the overall (micro) F1."""
    print(title)
    print(f"{'type':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    f1 = 0.0
    for label in ("PER", "ORG", "LOC", "MISC", "ALL"):
        t = sum(tp.values()) if label == "ALL" else tp[label]
        p_ = sum(fp.values()) if label == "ALL" else fp[label]
        n = sum(fn.values()) if label == "ALL" else fn[label]
        prec = t / (t + p_) if t + p_ else 0.0
        rec = t / (t + n) if t + n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{label:<8}{prec:>7.3f}{rec:>7.3f}{f1:>7.3f}{t + n:>7}", flush=True)
    return f1


def eval_entities(engine: Engine, path: Path) -> None:
    tp, fp, fn, speed = score_entities(engine, read_conll_docs(path))
    print_entity_scores(
        f"\nEntities (CoNLL-2003 dev, span-exact; engine {speed:,.0f} words/s)\n"
        "The shipped model is trained on train+dev, so this is not a held-out figure: see the\n"
        "cross-validated one (make eval-entities-cv) and, for dev, a model trained on train\n"
        "alone (scripts/analysis/train_ner.py --data .../conll2003-train.txt --out M).",
        tp,
        fp,
        fn,
    )


def eval_claims(engine: Engine, path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    random.Random(13).shuffle(data)  # the same split as scripts/analysis/train_claims.py
    heldout = data[len(data) * 4 // 5 :]
    tp = fp = fn = 0
    for row in heldout:
        text = normalise(row["text"])
        predicted = bool(text) and bool(engine.analyse(text).claims)
        gold = int(row["label"]) == 1
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"\nClaims (ClaimBuster held-out 20%, {len(heldout)} sentences, check-worthy class)")
    print(f"{'P':>7}{'R':>7}{'F1':>7}")
    print(f"{prec:>7.3f}{rec:>7.3f}{f1:>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", type=Path, default=Path("/work/shared/eval"))
    parser.add_argument("--engine", default="builtin")
    parser.add_argument("--only", choices=("summaries", "entities", "claims"))
    args = parser.parse_args()
    engine = get_engine(args.engine)
    print(f"engine {engine.info.label}")
    if args.only in (None, "summaries"):
        eval_summaries(engine, args.eval_dir / "cnndm-dev.jsonl")
    if args.only in (None, "entities"):
        eval_entities(engine, args.eval_dir / "conll2003-dev.txt")
    if args.only in (None, "claims"):
        eval_claims(engine, args.eval_dir / "claimbuster-train.json")


if __name__ == "__main__":
    main()
