"""In-domain training data for the check-worthiness model: debates whose sentences
fact-checkers checked, with the leakage exclusion (used by scripts/analysis/train_claims.py).

Sources (CLEF CheckThat!, free for general research use):

- the 19 CLEF-2019 Task 1 *training* debates (apepa/clef2019-factchecking-task1,
  ``data/training/*.tsv``: line, speaker, text, label), one :class:`Debate` per file;
- the 20 CLEF-2020 Task 5 test debates and speeches (claimbuster-spotter,
  ``data/clef20/task5/test-gold.tsv``: text, label, no debate ids), cut into debates by
  walking them in order beside the unlabelled per-debate files ``raw/*.tsv`` (line, speaker,
  text) — :func:`align_clef20` fails, naming the line, unless every gold line matches.

Leakage rule: before any training, every sentence whose normalised text (casefold, collapsed
whitespace; :func:`text_key`) occurs in the CLEF-2019 *test* file ``CT19-T1-Test.csv`` is
dropped (:func:`read_exclusion`, :func:`drop_excluded`) — from the debates and from
ClaimBuster alike. That file is read for this exclusion only. The CLEF-2020 Task 5
``train.tsv`` is not used: it contains the CLEF-2019 test debates under a different sentence
split, and could not be cut into debates reliably. Pure Python (no numpy), so tests run
without the ``eval`` extra.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass
class Debate:
    """One debate or speech: its sentences in order, their labels (1 = check-worthy)."""

    name: str
    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


def text_key(text: str) -> str:
    """The exclusion key: casefolded, whitespace collapsed to single spaces."""
    return " ".join(text.split()).casefold()


def _loose_key(text: str) -> str:
    """Letters and digits only: the gold file and the raw files differ in quotes and dashes."""
    return _NOT_WORD.sub("", text.casefold())


def _tsv_rows(path: Path, columns: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < columns:
            raise ValueError(f"{path}:{number}: expected {columns} tab-separated fields")
        rows.append(parts)
    return rows


def read_clef19_training(folder: Path) -> list[Debate]:
    """One debate per ``*.tsv`` (line, speaker, text, label), in file-name order."""
    debates = []
    for path in sorted(folder.glob("*.tsv")):
        debate = Debate("clef19/" + path.stem)
        for row in _tsv_rows(path, 4):
            debate.speakers.append(row[1])
            debate.texts.append(row[2])
            debate.labels.append(int(row[3]))
        debates.append(debate)
    return debates


def align_clef20(gold: Path, raw_dir: Path) -> tuple[list[Debate], int]:
    """Cut the gold file (a header, then text<TAB>label) into the debates of ``raw_dir``.

    At each debate boundary the raw file whose lines match the most gold lines from there
    on is taken; it must match in full. Lines are compared by letters and digits only.
    Returns the debates (in gold order, with the raw files' speakers) and how many lines
    also match exactly after :func:`text_key` normalisation.
    """
    rows = _tsv_rows(gold, 2)[1:]
    raws = {p.stem: _tsv_rows(p, 3) for p in sorted(raw_dir.glob("*.tsv"))}
    debates: list[Debate] = []
    exact = i = 0
    while i < len(rows):
        best, best_n = "", 0
        for name, lines in raws.items():
            n = 0
            while (
                n < len(lines)
                and i + n < len(rows)
                and _loose_key(lines[n][2]) == _loose_key(rows[i + n][0])
            ):
                n += 1
            if n > best_n:
                best, best_n = name, n
        if not best or best_n < len(raws[best]):
            raise ValueError(
                f"{gold}:{i + 2}: no file of {raw_dir} continues here "
                f"(best {best or 'none'}: {best_n} lines)"
            )
        lines = raws.pop(best)
        debate = Debate("clef20/" + best)
        for (_, speaker, text, *_), (gold_text, label, *_) in zip(
            lines, rows[i : i + best_n], strict=True
        ):
            debate.texts.append(gold_text)
            debate.labels.append(int(label))
            debate.speakers.append(speaker)
            exact += text_key(text) == text_key(gold_text)
        debates.append(debate)
        i += best_n
    return debates, exact


def read_exclusion(path: Path) -> set[str]:
    """The :func:`text_key` of every sentence of the CLEF-2019 test file (CSV with a
    ``text`` column). Used only to drop those sentences from training data."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "text" not in reader.fieldnames:
            raise ValueError(f"{path}: no 'text' column")
        return {text_key(row["text"]) for row in reader}


def drop_excluded(debates: list[Debate], excluded: set[str]) -> tuple[list[Debate], int]:
    """The debates without the excluded sentences (debates left empty are dropped), and how
    many sentences were removed."""
    kept: list[Debate] = []
    removed = 0
    for debate in debates:
        out = Debate(debate.name)
        for text, label, speaker in zip(debate.texts, debate.labels, debate.speakers, strict=True):
            if text_key(text) in excluded:
                removed += 1
                continue
            out.texts.append(text)
            out.labels.append(label)
            out.speakers.append(speaker)
        if out.texts:
            kept.append(out)
    return kept, removed


def _excluded(
    debates: list[Debate], excluded: set[str], source: str, counts: dict[str, int]
) -> list[Debate]:
    """:func:`drop_excluded`, counting sentences and check-worthy ones before and after."""
    kept, counts[source + "_removed"] = drop_excluded(debates, excluded)
    counts[source + "_sentences"] = sum(len(d.texts) for d in debates)
    positives = sum(sum(d.labels) for d in debates)
    counts[source + "_removed_positives"] = positives - sum(sum(d.labels) for d in kept)
    return kept


def load_debates(
    clef19: Path | None, clef20: Path | None, exclusion: Path
) -> tuple[list[Debate], dict[str, int]]:
    """All in-domain debates with the exclusion applied, and counts for the log/README:
    sentences read, removed (all, check-worthy) per source, gold lines aligned exactly."""
    excluded = read_exclusion(exclusion)
    debates: list[Debate] = []
    counts: dict[str, int] = {"excluded_keys": len(excluded)}
    if clef19 is not None:
        train19 = read_clef19_training(clef19)
        debates += _excluded(train19, excluded, "clef19", counts)
    if clef20 is not None:
        test20, counts["clef20_exact"] = align_clef20(clef20 / "test-gold.tsv", clef20 / "raw")
        debates += _excluded(test20, excluded, "clef20", counts)
    return debates, counts
