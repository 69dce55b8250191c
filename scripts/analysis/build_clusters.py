"""Build resources/analysis/word_clusters.txt: distributional word classes for the entity tagger.

Usage: .venv/bin/python scripts/analysis/build_clusters.py   (needs the `eval` extra: numpy,
scikit-learn; about a minute)

Unlabelled text: the article texts of ../shared/eval/cnndm-gpt4ref-dev.jsonl and
cnndm-dev.jsonl, ../shared/eval/news/*.txt (tokenised with the engine's TOKEN_RE) and the
words of the CoNLL-2003 training and development sets (labels are not read). Every cased word
seen at least ``--min-count`` times gets a vector of its left and right neighbours (the most
frequent lower-cased words, positive PMI weighted, reduced by truncated SVD and L2-normalised)
and three k-means classes of it, coarse to fine (like the prefixes of a Brown-cluster path).
Words used alike (surnames, club names, companies, nationalities) share classes, so the tagger
generalises from the words it was trained on to words it only saw in unlabelled news.
Output: one line per word, ``word<TAB>coarse<TAB>middle<TAB>fine``; no text is shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.cluster import MiniBatchKMeans  # type: ignore[import-untyped]
from sklearn.decomposition import TruncatedSVD  # type: ignore[import-untyped]
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from briefing.analysis.tokens import TOKEN_RE  # noqa: E402

EVAL = Path("/work/shared/eval")
OUT = ROOT / "resources" / "analysis" / "word_clusters.txt"
SIZES = (32, 256, 1024)


def _sentences(eval_dir: Path, extra: list[Path]) -> list[list[str]]:
    """Token lists (one per paragraph or CoNLL sentence) of all the unlabelled text."""
    out: list[list[str]] = []
    for path in extra:
        out.extend(TOKEN_RE.findall(p) for p in path.read_text(encoding="utf-8").split("\n"))
    for name in ("cnndm-gpt4ref-dev.jsonl", "cnndm-dev.jsonl"):
        for line in (eval_dir / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(TOKEN_RE.findall(json.loads(line)["article"]))
    for path in sorted((eval_dir / "news").glob("*.txt")):
        out.extend(TOKEN_RE.findall(p) for p in path.read_text(encoding="utf-8").split("\n"))
    for name in ("conll2003-train.txt", "conll2003-dev.txt"):
        words: list[str] = []
        for line in (eval_dir / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("-DOCSTART-"):
                if words:
                    out.append(words)
                words = []
            else:
                words.append(line.split()[0])
        if words:
            out.append(words)
    return [s for s in out if s]


def build(
    sentences: list[list[str]], min_count: int, contexts: int, dims: int
) -> dict[str, tuple[int, ...]]:
    counts = Counter(w for s in sentences for w in s)
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    index = {w: i for i, w in enumerate(vocab)}
    lower = Counter(w.lower() for s in sentences for w in s)
    ctx = {w: i for i, (w, _) in enumerate(lower.most_common(contexts))}
    rows: list[int] = []
    cols: list[int] = []
    for s in sentences:
        low = [w.lower() for w in s]
        for i, w in enumerate(s):
            row = index.get(w)
            if row is None:
                continue
            for offset, base in ((-1, 0), (1, contexts), (-2, 2 * contexts), (2, 3 * contexts)):
                j = i + offset
                c = ctx.get(low[j]) if 0 <= j < len(s) else None
                if c is not None:
                    rows.append(row)
                    cols.append(base + c)
    data = np.ones(len(rows), dtype=np.float64)
    m = sparse.csr_matrix((data, (rows, cols)), shape=(len(vocab), 4 * contexts))
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al.)
    col_sum *= total / col_sum.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix(
        (pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape, dtype=np.float64
    )
    vectors = normalize(TruncatedSVD(n_components=dims, random_state=0).fit_transform(ppmi))
    labels = []
    for k in SIZES:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=4096)
        labels.append(km.fit_predict(vectors))
        print(f"  k={k} done", flush=True)
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--contexts", type=int, default=3000)
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--extra", type=Path, nargs="*", default=[], help="more text files, a paragraph a line"
    )
    args = parser.parse_args()
    sentences = _sentences(args.eval, args.extra)
    print(f"{len(sentences)} paragraphs, {sum(map(len, sentences))} tokens", flush=True)
    classes = build(sentences, args.min_count, args.contexts, args.dims)
    lines = ["\t".join((w, *map(str, c))) for w, c in sorted(classes.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
