"""Web-page extraction quality: our import against plain trafilatura, same pages, same run.

Usage: .venv/bin/python eval/webpages.py [--archive PATH] [--limit N] [--jobs N]
       [--details out/webpages-details.jsonl]

Unpacks ../shared/eval/webpages-trafilatura-eval.tar.gz under out/webpages (git-ignored),
reads each page file exactly as ``briefing import PATH`` does (``read_path``: decoding,
sanitising, extraction) and, as the baseline, runs ``trafilatura.extract()`` with its default
settings on the same decoded HTML. Scoring (../shared/eval/README.md, "Web pages"): per page
every ``with`` snippet found is a true positive, every one missing a false negative, every
``without`` snippet present a false positive; precision, recall and F1 over all pages. Texts
and snippets are compared with whitespace collapsed.

Metadata: evaldata.json also holds hand-checked ``title``, ``author`` and ``date`` per page
(trafilatura's annotators read them off the page). A field is scored only where that value
is non-empty: the title matches when both agree after case folding and collapsing
punctuation; the author when the sets of names agree the same way; the date when the day
(YYYY-MM-DD) agrees. The baseline is ``trafilatura.extract_metadata`` on the same page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "eval" / "webpages-trafilatura-eval.tar.gz"
UNPACKED = ROOT / "out" / "webpages"
# "Clearly less": the baseline finds at least this many more `with` snippets than we do.
CLEARLY_LESS = 1


def unpack(archive: Path) -> Path:
    if not (UNPACKED / "evaldata.json").exists():
        UNPACKED.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(UNPACKED, filter="data")
    return UNPACKED


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def key(text: str) -> str:
    return re.sub(r"\W+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def as_text(value: Any) -> str:
    """evaldata holds strings, lists of strings or nothing."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value or "")


def names(value: Any) -> set[str]:
    parts = re.split(r"\s*(?:;|,| and | und |&)\s*", as_text(value))
    return {key(part) for part in parts if key(part)}


def score_text(text: str | None, case: dict[str, Any]) -> tuple[int, int, int]:
    body = squash(text or "")
    tp = sum(1 for snippet in case["with"] if squash(snippet) in body)
    fn = len(case["with"]) - tp
    fp = sum(1 for snippet in case["without"] if squash(snippet) in body)
    return tp, fn, fp


def ours(path: Path) -> dict[str, Any]:
    from briefing.domain.errors import IngestError
    from briefing.ingest import read_path

    try:
        document = read_path(path)
    except IngestError as error:
        return {"text": None, "error": str(error)}
    return {
        "text": document.text,
        "title": document.title,
        "author": document.author,
        "date": document.published,
        "warnings": list(document.warnings),
        "meta_source": dict(document.meta_source),
    }


def baseline(path: Path) -> dict[str, Any]:
    import trafilatura

    from briefing.domain.errors import IngestError
    from briefing.ingest.decode import declared_html_charset, decode_with_charset

    data = path.read_bytes()
    try:
        html = decode_with_charset(data, str(path), declared_html_charset(data))
    except IngestError:  # what we refuse as binary, the baseline still gets to try
        html = data.decode("utf-8", errors="replace")
    text = trafilatura.extract(html)
    meta = trafilatura.extract_metadata(html)
    return {
        "text": text,
        "title": meta.title if meta else None,
        "author": meta.author if meta else None,
        "date": meta.date if meta else None,
    }


def run_page(item: tuple[str, dict[str, Any], str]) -> dict[str, Any]:
    url, case, path = item
    return {"url": url, "file": case["file"], "ours": ours(Path(path)),
            "base": baseline(Path(path))}  # fmt: skip


def metadata_hits(result: dict[str, Any], case: dict[str, Any]) -> dict[str, bool]:
    hits: dict[str, bool] = {}
    if case.get("title"):
        hits["title"] = key(result.get("title") or "") == key(as_text(case["title"]))
    if case.get("author"):
        hits["author"] = names(result.get("author")) == names(case["author"])
    if case.get("date"):
        hits["date"] = (result.get("date") or "")[:10] == as_text(case["date"])[:10]
    return hits


def prf(tp: int, fn: int, fp: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--details", type=Path, default=ROOT / "out" / "webpages-details.jsonl")
    args = parser.parse_args()
    folder = unpack(args.archive)
    cases = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    files = {unicodedata.normalize("NFC", p.name): p for p in (folder / "eval").iterdir()}
    items = [
        (url, case, str(files[unicodedata.normalize("NFC", case["file"])]))
        for url, case in cases.items()
        if unicodedata.normalize("NFC", case["file"]) in files
    ]
    if args.limit:
        items = items[: args.limit]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(run_page, items, chunksize=4))
    elapsed = time.perf_counter() - started
    totals = {"ours": [0, 0, 0], "base": [0, 0, 0]}
    meta = {side: {f: [0, 0] for f in ("title", "author", "date")} for side in totals}
    refused: list[str] = []
    worse: list[str] = []
    warned = 0
    strategies: Counter[str] = Counter()
    args.details.parent.mkdir(parents=True, exist_ok=True)
    with args.details.open("w", encoding="utf-8") as details:
        for (_url, case, _path), result in zip(items, results, strict=True):
            scores = {}
            for side in totals:
                scores[side] = score_text(result[side]["text"], case)
                for k in range(3):
                    totals[side][k] += scores[side][k]
                for field, hit in metadata_hits(result[side], case).items():
                    meta[side][field][0] += hit
                    meta[side][field][1] += 1
            if result["ours"]["text"] is None and result["base"]["text"]:
                refused.append(f"{case['file']}: {result['ours'].get('error')}")
            elif scores["base"][0] - scores["ours"][0] >= CLEARLY_LESS:
                worse.append(
                    f"{case['file']}: with-snippets found {scores['ours'][0]} "
                    f"vs baseline {scores['base'][0]} of {len(case['with'])}"
                )
            warned += bool(result["ours"].get("warnings"))
            strategies[(result["ours"].get("meta_source") or {}).get("text", "refused")] += 1
            result["scores"] = scores
            details.write(json.dumps(result, ensure_ascii=False) + "\n")
    print(f"\nWeb pages: {len(items)} pages of webpages-trafilatura-eval ({elapsed:.0f} s)")
    print(f"{'system':<22}{'precision':>10}{'recall':>8}{'F1':>8}{'TP':>6}{'FN':>6}{'FP':>6}")
    labels = {"ours": "briefing import", "base": "trafilatura.extract"}
    for side, (tp, fn, fp) in totals.items():
        p, r, f = prf(tp, fn, fp)
        print(f"{labels[side]:<22}{p:>10.3f}{r:>8.3f}{f:>8.3f}{tp:>6}{fn:>6}{fp:>6}")
    print("\nMetadata accuracy (pages whose evaldata value is non-empty)")
    print(f"{'system':<22}{'title':>14}{'author':>14}{'date':>14}")
    for side in totals:
        cells = [f"{m[0] / m[1]:.3f} ({m[1]})" if m[1] else "-" for m in meta[side].values()]
        print(f"{labels[side]:<22}" + "".join(f"{c:>14}" for c in cells))
    print("\nText strategy chosen: " + ", ".join(f"{k} {v}" for k, v in strategies.most_common()))
    print(f"Imported with a warning: {warned}")
    print(f"Refused although the baseline finds text: {len(refused)}")
    for line in refused:
        print(f"  {line}")
    print(f"Pages where we keep clearly less than the baseline: {len(worse)}")
    for line in worse:
        print(f"  {line}")
    print(f"Per-page details: {args.details}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
