"""Tune and score the grounding check on CNN/DM highlights (not a test; run it by hand).

    .venv/bin/python tests/unit/llm/eval_grounding.py [path/to/cnndm-dev.jsonl]

Positives ("supported"): each reference highlight sentence, checked against its own article.
Negatives ("unsupported"), made from the same highlights:
  number  - every number changed (n -> 3n+7), so the sentence states a figure the article lacks
  name    - a capitalised name replaced with a surname the article never mentions
  foreign - a highlight sentence of another article, checked against this one
  spliced - the first half of a highlight sentence joined to the second half of a foreign one
            (the lexical score has to catch these when no name or number gives them away)
Reports precision/recall of *flagging* (a flag = judged unsupported) for thresholds fitted on
the even-numbered rows and scored on the odd-numbered rows.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pysbd

from briefing.domain.span import Span
from briefing.llm.grounding import SUPPORT_THRESHOLD, ground, split_sentences

DEFAULT = Path(__file__).resolve().parents[4] / "shared" / "eval" / "cnndm-dev.jsonl"
SURNAMES = ("Kowalczyk", "Okonkwo", "Haraldsen", "Villanueva", "Nakashima", "Abernathy")


@dataclass(frozen=True)
class Case:
    row: int
    kind: str  # "original" | "number" | "name" | "foreign" | "spliced"
    sentence: str
    article: str
    spans: tuple[Span, ...]

    @property
    def unsupported(self) -> bool:
        return self.kind != "original"


def article_spans(text: str) -> tuple[Span, ...]:
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    spans = []
    for piece in segmenter.segment(text):
        start, end = piece.start, piece.end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return tuple(spans)


def mutate_numbers(sentence: str) -> str | None:
    changed = re.sub(r"\d+", lambda m: str(int(m.group()) * 3 + 7), sentence)
    return changed if changed != sentence else None


def mutate_name(sentence: str, article: str, row: int) -> str | None:
    words = list(re.finditer(r"\b[A-Z][a-z]{2,}\b", sentence))
    names = [m for m in words if m.start() > 0]  # skip the sentence's first word
    if not names:
        return None
    target = names[row % len(names)]
    surname = next(s for s in SURNAMES if s.lower() not in article.lower())
    return sentence[: target.start()] + surname + sentence[target.end() :]


def build_cases(path: Path) -> list[Case]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    highlights = [
        [row["highlights"][s.start : s.end] for s in split_sentences(row["highlights"])]
        for row in rows
    ]
    cases: list[Case] = []
    for i, row in enumerate(rows):
        article, spans = row["article"], article_spans(row["article"])
        for j, sentence in enumerate(highlights[i]):
            cases.append(Case(i, "original", sentence, article, spans))
            if (changed := mutate_numbers(sentence)) is not None:
                cases.append(Case(i, "number", changed, article, spans))
            if (changed := mutate_name(sentence, article, i + j)) is not None:
                cases.append(Case(i, "name", changed, article, spans))
        other = highlights[(i + 37) % len(rows)]
        if other:
            cases.append(Case(i, "foreign", other[0], article, spans))
        if other and highlights[i]:
            own, alien = highlights[i][0].split(), other[-1].split()
            spliced = " ".join(own[: len(own) // 2] + alien[len(alien) // 2 :])
            cases.append(Case(i, "spliced", spliced, article, spans))
    return cases


def flags(cases: list[Case], threshold: float) -> list[bool]:
    out = []
    for case in cases:
        report = ground(case.sentence, case.article, case.spans, threshold=threshold)
        out.append(not all(s.supported for s in report.sentences))
    return out


def scores(cases: list[Case], flagged: list[bool]) -> tuple[float, float, float]:
    tp = sum(f and c.unsupported for c, f in zip(cases, flagged, strict=True))
    fp = sum(f and not c.unsupported for c, f in zip(cases, flagged, strict=True))
    fn = sum(not f and c.unsupported for c, f in zip(cases, flagged, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    cases = build_cases(path)
    tune = [c for c in cases if c.row % 2 == 0]
    held = [c for c in cases if c.row % 2 == 1]
    print(f"{len(cases)} cases ({sum(c.unsupported for c in cases)} unsupported)")
    best = (0.0, 0.0)
    for threshold in (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
        p, r, f1 = scores(tune, flags(tune, threshold))
        print(f"tune  threshold {threshold:.2f}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
        best = max(best, (f1, threshold))
    print(f"best on the tuning half: {best[1]:.2f}; shipped SUPPORT_THRESHOLD: {SUPPORT_THRESHOLD}")
    flagged = flags(held, SUPPORT_THRESHOLD)
    p, r, f1 = scores(held, flagged)
    print(f"held-out at {SUPPORT_THRESHOLD:.2f}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    kept = [c for c, f in zip(held, flagged, strict=True) if not f]
    originals = [c for c in held if not c.unsupported]
    right = sum(not c.unsupported for c in kept)
    print(
        f"  'supported' verdicts: precision {right / max(1, len(kept)):.3f} "
        f"recall {right / max(1, len(originals)):.3f}"
    )
    for kind in ("original", "number", "name", "foreign", "spliced"):
        picked = [f for c, f in zip(held, flagged, strict=True) if c.kind == kind]
        print(f"  {kind:8} flagged {sum(picked)}/{len(picked)}")


if __name__ == "__main__":
    main()
