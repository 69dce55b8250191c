"""Quality of the analysis engine on the development data (procedure: shared/eval/README.md).

Usage: .venv/bin/python eval/quality.py [--eval-dir /work/shared/eval] [--engine builtin]
       [--only summaries|entities|claims] [--cv]

Prints: summaries (ROUGE-1/2/Lsum F and mean words of the engine's `headline`, `short` and
`brief` against Lead-1, Lead-3 and Lead-k of the same length, computed in the same run) on
the 98 cnndm-dev articles; entity span-exact micro F1 per type on CoNLL-2003 dev; claims:
check-worthy-class F1 of `claims` (each sentence analysed alone, so the absolute threshold
decides) and of `claims` + `claim_candidates`, average precision of the score, the share of
ordinary news sentences shown as claims (the per-article budget applies), and — when the
CLEF-2019 CheckThat! Task 1 training debates are unpacked in out/clef (see
scripts/analysis/train_claims.py) — the engine's MAP ranking them, every sentence analysed
alone. The shipped claim model is trained on all of ClaimBuster and, since engine 2.3.0, on
39 CLEF debates including those (bar the sentences also in the CLEF-2019 test file), so these
figures are in-sample; ``--cv`` adds the honest ones: 5-fold cross-validation of the
summariser on cnndm-gpt4ref-dev (scripts/analysis/tune_summariser.py) and of the
ClaimBuster-only claim models beside the char n-gram LR baseline
(scripts/analysis/train_claims.py; the grouped CV the shipped model was chosen by, with its
baseline, is ``train_claims.py --debates --cv-only``).
Needs rouge-score and scikit-learn (the `eval` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from briefing.analysis import get_engine
from briefing.analysis.engine import Engine
from briefing.analysis.sentences import split_sentences
from briefing.analysis.summarise import brief_size

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for scripts.analysis

CLEF = Path("out/clef")  # CLEF-2019 CheckThat! Task 1 training debates (*.tsv), if unpacked
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}
LABEL_MAP["NORP"] = "MISC"


def normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def eval_summaries(engine: Engine, path: Path) -> None:
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals: dict[str, list[float]] = {}
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for doc in docs:
        text = normalise(doc["article"])
        analysis = engine.analyse(text)
        sents = [text[s.start : s.end] for s in analysis.sentences]
        highlights = normalise(doc["highlights"])
        reference = "\n".join(highlights[s.start : s.end] for s in split_sentences(highlights))
        for length, k in (("headline", 1), ("short", 3), ("brief", brief_size(len(sents)))):
            lead = f"Lead-{k}" if length != "brief" else "Lead-k"
            for name, idx in ((lead, range(k)), ("engine", analysis.summaries[length])):
                candidate = "\n".join(sents[i] for i in idx if i < len(sents))
                score = scorer.score(reference, candidate)
                row = totals.setdefault(f"{length:<9}{name}", [0.0, 0.0, 0.0, 0.0])
                for n, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
                    row[n] += 100 * score[key].fmeasure
                row[3] += len(candidate.split())
    print(f"\nSummaries ({len(docs)} {path.name} articles, never fitted on)")
    print(f"{'length / system':<18}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-Lsum':>12}{'words':>8}")
    for name, vals in totals.items():
        r1, r2, rl, words = (v / len(docs) for v in vals)
        print(f"{name:<18}{r1:>9.2f}{r2:>9.2f}{rl:>12.2f}{words:>8.1f}")


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


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def eval_claims(engine: Engine, eval_dir: Path) -> None:
    from sklearn.metrics import average_precision_score  # type: ignore[import-untyped]

    data = json.loads((eval_dir / "claimbuster-train.json").read_text(encoding="utf-8"))
    counts = [0, 0, 0]  # tp, fp, fn of "claims is non-empty"
    scores: list[float] = []
    labels: list[int] = []
    for row in data:
        text = normalise(row["text"])
        analysis = engine.analyse(text)
        gold = int(row["label"]) == 1
        both = [*analysis.claims, *analysis.claim_candidates]  # every text carries a score
        scores.append(max((c.score for c in both), default=0.0))
        labels.append(int(gold))
        predicted = bool(analysis.claims)
        counts[0] += predicted and gold
        counts[1] += predicted and not gold
        counts[2] += gold and not predicted
    print(
        f"\nClaims (all {len(data)} ClaimBuster sentences, each analysed alone; IN-SAMPLE: the "
        "model was trained on them; see --cv)"
    )
    prec, rec, f1 = _f1(*counts)
    print(f"claims non-empty: P {prec:.3f} R {rec:.3f} F1 {f1:.3f}")
    print(
        f"average precision of the score: "
        f"{average_precision_score(labels, scores):.3f}"
    )
    news = [
        normalise(p.read_text(encoding="utf-8")) for p in sorted((eval_dir / "news").glob("*.txt"))
    ]
    news += [
        normalise(json.loads(line)["article"])
        for line in (eval_dir / "cnndm-dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    shares = []
    for text in news:
        analysis = engine.analyse(text)
        if analysis.sentences:
            shares.append(len(analysis.claims) / len(analysis.sentences))
    shares.sort()
    print(
        f"share of news sentences shown as claims ({len(shares)} articles): mean "
        f"{sum(shares) / len(shares):.1%}, median {shares[len(shares) // 2]:.1%}, "
        f"max {shares[-1]:.1%}"
    )


def eval_clef(engine: Engine, folder: Path) -> None:
    """MAP of the engine's score ranking each CLEF-2019 training debate's sentences."""
    import numpy as np

    from scripts.analysis.train_claims import mean_ap, read_clef

    texts, labels, groups = read_clef(folder)
    scores = []
    for text in texts:
        analysis = engine.analyse(text)
        found = [*analysis.claims, *analysis.claim_candidates]
        scores.append(max((c.score for c in found), default=0.0))
    print(
        f"CLEF-2019 training debates ({len(set(groups))}, {len(texts)} sentences, in the "
        f"model's training data), each sentence alone: MAP "
        f"{mean_ap(np.array(scores), labels, groups):.3f}"
    )


def cross_validated(eval_dir: Path) -> None:
    import numpy as np

    from scripts.analysis import train_claims, tune_summariser

    print("\nCross-validated summariser (5-fold over cnndm-gpt4ref-dev, same-run baselines):")
    docs = tune_summariser.load(eval_dir / "cnndm-gpt4ref-dev.jsonl")
    tune_summariser.cross_validate(docs, 5)
    print("\nCross-validated claim models (5-fold over ClaimBuster; char n-gram LR = baseline):")
    data = json.loads((eval_dir / "claimbuster-train.json").read_text(encoding="utf-8"))
    texts = [normalise(d["text"]) for d in data]
    clef = train_claims.read_clef(CLEF) if CLEF.is_dir() else None
    train_claims.cross_validate(texts, np.array([int(d["label"]) for d in data]), clef)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", type=Path, default=Path("/work/shared/eval"))
    parser.add_argument("--engine", default="builtin")
    parser.add_argument("--only", choices=("summaries", "entities", "claims"))
    parser.add_argument("--cv", action="store_true", help="add the cross-validated figures")
    args = parser.parse_args()
    engine = get_engine(args.engine)
    print(f"engine {engine.info.label}")
    if args.only in (None, "summaries"):
        eval_summaries(engine, args.eval_dir / "cnndm-dev.jsonl")
    if args.only in (None, "entities"):
        eval_entities(engine, args.eval_dir / "conll2003-dev.txt")
    if args.only in (None, "claims"):
        eval_claims(engine, args.eval_dir)
        if CLEF.is_dir():
            eval_clef(engine, CLEF)
    if args.cv:
        cross_validated(args.eval_dir)


if __name__ == "__main__":
    main()
