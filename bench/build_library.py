"""Builds a realistic library for benchmarks and scale tests, fast, with bulk SQL.

Texts are real news from ../shared/eval (news/*.txt, cnndm-gpt4ref-dev.jsonl,
cnndm-dev.jsonl; a small built-in set of filler sentences when it is missing). Every text is
analysed once by the real engine. The library is made of story groups: an event (one real
text) is reported by 1-5 sources within a few days, each copy a near-duplicate (a variant
title, a dateline and a source line appended after the body). Events are spread over a
year. A near-duplicate's analysis is the analysis of its real text copied row for row (its
spans stay valid because the body comes first, unchanged): the output says how many
analyses were computed and how many copied. About 3% of the articles get annotations:
highlights, notes, tags (some `to-check`) and verdicts on claims the engine found.

Run: .venv/bin/python bench/build_library.py --articles 100000 --data-dir out/lib100k
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.analysis import get_engine  # noqa: E402
from briefing.domain import text_sha256  # noqa: E402
from briefing.domain.span import Selector  # noqa: E402
from briefing.ingest.normalise import normalise_text  # noqa: E402
from briefing.paths import AppPaths  # noqa: E402
from briefing.services import Library  # noqa: E402
from briefing.storage import analyses as analysis_store  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
START = datetime(2025, 12, 1, tzinfo=UTC)
SOURCES = ("Reuters", "AP", "BBC News", "The Guardian", "CNN", "Daily Mail", "Bloomberg",
           "Al Jazeera", "NPR", "The Independent", "Sky News", "ABC News")
TITLE_FORMS = ("{t}", "{t} | {s}", "{s}: {t}", "UPDATE: {t}", "{t} (report)")
TAGS = ("to-check", "important", "follow-up", "economy", "politics")
VERDICTS = ("supported", "disputed", "false", "unverified")
# the analysis tables keyed by analysis_id, with their other columns
_ANALYSIS_TABLES = {
    "analysis_sentences": 'idx, start, "end"',
    "analysis_summaries": "length, position, sentence_idx",
    "analysis_entities": "idx, entity_key, name, label",
    "analysis_entity_aliases": "entity_idx, position, alias",
    "analysis_mentions": 'entity_idx, position, start, "end"',
    "analysis_claims": 'idx, start, "end", score, kind, speaker, hedged',
    "analysis_claim_hedges": "claim_idx, position, word",
    "analysis_claim_candidates": 'idx, start, "end", score, kind, speaker, hedges',
    "entity_refs": "entity_idx, merge_key, name, label, mentions",  # the entity index (v15)
    "entity_ref_aliases": "entity_idx, alias, alias_key",
}


def real_texts(limit: int | None = None) -> list[tuple[str, str]]:
    """(title, text) for every real article of the shared eval data."""
    found: list[tuple[str, str]] = []
    for path in sorted((EVAL / "news").glob("*.txt")):
        found.append(_titled(path.read_text(encoding="utf-8")))
    for name in ("cnndm-gpt4ref-dev.jsonl", "cnndm-dev.jsonl"):
        path = EVAL / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                found.append(_titled(json.loads(line)["article"]))
    if not found:
        from news_corpus import corpus_sentences  # type: ignore[import-not-found]

        pool = corpus_sentences()
        found = [(pool[i][:100], " ".join(pool[i: i + 12])) for i in range(0, len(pool) - 12, 12)]
    found = [(title, text) for title, text in found if len(text.split()) > 40]
    return found[:limit] if limit else found


def _titled(raw: str) -> tuple[str, str]:
    text = normalise_text(raw)
    first = text.split(". ", 1)[0].split("\n", 1)[0]
    words = first.split()
    title = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return title[:1].upper() + title[1:], text


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Builder:
    """Writes the library in a few large transactions."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random) -> None:
        self.conn = conn
        self.rng = rng
        self.base_analysis: dict[int, int] = {}  # text index -> analysis id
        self.claims: dict[int, list[tuple[int, int]]] = {}  # text index -> claim spans
        self.computed = 0
        self.copied = 0
        self.annotations = 0
        self.verdicts = 0

    def analyse_texts(self, texts: list[tuple[str, str]]) -> None:
        engine = get_engine("builtin")
        info = engine.info
        created = stamp(START)
        self.conn.execute("BEGIN")
        for index, (_title, text) in enumerate(texts):
            analysis = engine.analyse(text)
            analysis_store.put(self.conn, analysis, created)
            self.base_analysis[index] = int(self.conn.execute(
                "SELECT id FROM analyses WHERE text_sha256 = ? AND engine_name = ? "
                "AND engine_version = ?", (analysis.text_sha256, info.name, info.version),
            ).fetchone()[0])
            self.claims[index] = [(c.start, c.end) for c in analysis.claims]
            self.computed += 1
        self.conn.execute("COMMIT")
        self.engine_name, self.engine_version = info.name, info.version

    def copy_analysis(self, index: int, sha: str) -> None:
        base = self.base_analysis[index]
        aid = self.conn.execute(
            "INSERT INTO analyses (text_sha256, engine_name, engine_version, created_at, "
            "language, layers) SELECT ?, engine_name, engine_version, created_at, language, "
            "layers FROM analyses WHERE id = ?",
            (sha, base),
        ).lastrowid
        for table, columns in _ANALYSIS_TABLES.items():
            self.conn.execute(
                f"INSERT INTO {table} (analysis_id, {columns}) "
                f"SELECT ?, {columns} FROM {table} WHERE analysis_id = ?", (aid, base)
            )
        self.copied += 1

    def add_article(self, index: int, title: str, text: str, source: str,
                    published: datetime, imported: datetime) -> None:
        sha = text_sha256(text)
        slug = "-".join(title.lower().split()[:6]).strip(".,'\"")
        url = f"https://{source.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/{slug}"
        cursor = self.conn.execute(
            "INSERT INTO articles (title, text, text_sha256, source_url, source_path, author, "
            "published, imported_at, revision, word_count) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, "
            "1, ?)",
            (title, text, sha, url, f"{source} staff", stamp(published), stamp(imported),
             len(text.split())),
        )
        article_id = int(cursor.lastrowid or 0)
        self.conn.execute(
            "INSERT INTO revisions (article_id, revision, text, text_sha256, created_at) "
            "VALUES (?, 1, ?, ?, ?)", (article_id, text, sha, stamp(imported)),
        )
        self.copy_analysis(index, sha)
        if self.rng.random() < 0.03:
            self.annotate(article_id, index, text, imported)

    def annotate(self, article_id: int, index: int, text: str, when: datetime) -> None:
        spans = self.claims.get(index) or [(0, min(len(text), 80))]
        for start, end in self.rng.sample(spans, min(len(spans), self.rng.randint(1, 3))):
            selector = Selector.from_text(text, start, end)
            roll = self.rng.random()
            verdict = self.rng.choice(VERDICTS) if roll < 0.3 else None
            color = None if verdict else self.rng.choice(("yellow", "green", "pink"))
            note = "Check the figure against the original source." if roll > 0.7 else ""
            annotation_id = f"urn:uuid:{uuid.UUID(int=self.rng.getrandbits(128))}"
            self.conn.execute(
                'INSERT INTO annotations (id, article_id, start, "end", exact, prefix, suffix, '
                "color, note, verdict, evidence, anchor, created, modified) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'exact', ?, ?)",
                (annotation_id, article_id, selector.start, selector.end, selector.exact,
                 selector.prefix, selector.suffix, color, note, verdict, stamp(when),
                 stamp(when)),
            )
            for tag in self.rng.sample(TAGS, self.rng.randint(0, 2)):
                self.conn.execute(
                    "INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)",
                    (annotation_id, tag),
                )
            self.annotations += 1
            self.verdicts += verdict is not None


def build(data_dir: Path, count: int, seed: int = 7, texts_limit: int | None = None) -> dict:
    """Build a library of ``count`` articles under ``data_dir``; return what was built."""
    rng = random.Random(seed)
    texts = real_texts(texts_limit)
    paths = AppPaths(data_dir / "data", data_dir / "config", data_dir / "cache",
                     data_dir / "logs")
    if paths.database.exists():
        raise SystemExit(f"{paths.database}: already exists; choose an empty --data-dir")
    started = time.perf_counter()
    with Library.open(paths) as lib:
        conn = lib.conn
        conn.execute("PRAGMA synchronous = OFF")
        builder = Builder(conn, rng)
        builder.analyse_texts(texts[: min(len(texts), count)])
        analysed_s = time.perf_counter() - started
        events = 0
        made = 0
        conn.execute("BEGIN")
        while made < count:
            index = rng.randrange(min(len(texts), count))
            title, text = texts[index]
            day = START + timedelta(days=rng.uniform(0, 365))
            size = min(count - made, rng.choice((1, 1, 2, 2, 3, 4, 5)))
            events += 1
            for member, source in enumerate(rng.sample(SOURCES, size)):
                published = day + timedelta(hours=rng.uniform(0, 60))
                imported = published + timedelta(minutes=rng.uniform(5, 600))
                form = TITLE_FORMS[0] if member == 0 else rng.choice(TITLE_FORMS)
                body = (f"{text}\n{source} · {published:%d %B %Y}. Reporting by {source} staff "
                        f"(edition {made + 1}).")
                builder.add_article(index, form.format(t=title, s=source), body, source,
                                    published, imported)
                made += 1
            if made % 5000 < size:
                conn.execute("COMMIT")
                print(f"  {made:,} articles…", file=sys.stderr, flush=True)
                conn.execute("BEGIN")
        conn.execute("COMMIT")
        # the analyses of the bare texts are not any article's: drop them
        conn.execute("BEGIN")
        conn.executemany("DELETE FROM analyses WHERE id = ?",
                         [(aid,) for aid in builder.base_analysis.values()])
        conn.execute("COMMIT")
        conn.execute("PRAGMA optimize")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    took = time.perf_counter() - started
    return {
        "articles": count, "real_texts": len(texts[:count]), "events": events,
        "analyses_computed": builder.computed, "analyses_copied": builder.copied,
        "annotations": builder.annotations, "verdicts": builder.verdicts,
        "annotated_share": builder.annotations and round(
            conn_count(paths.database, "SELECT count(DISTINCT article_id) FROM annotations")
            / count, 4),
        "analyse_s": round(analysed_s, 1), "total_s": round(took, 1),
        "database": str(paths.database),
        "database_mb": round(paths.database.stat().st_size / 1e6, 1),
    }


def conn_count(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as conn:
        return int(conn.execute(sql).fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--texts", type=int, default=None,
                        help="use only the first N real texts (quicker analysis)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    built = build(args.data_dir, args.articles, args.seed, args.texts)
    if args.json:
        print(json.dumps(built))
        return
    print(f"Built {built['articles']:,} articles in {built['total_s']} s at {built['database']} "
          f"({built['database_mb']} MB)")
    print(f"  {built['events']:,} events (story groups of 1-5 sources within ~2 days), "
          "dates spread over a year")
    print(f"  {built['real_texts']:,} real texts from ../shared/eval, analysed by the engine "
          f"({built['analyses_computed']:,} analyses computed in {built['analyse_s']} s)")
    print(f"  {built['analyses_copied']:,} article analyses are COPIES of their real text's "
          "analysis (near-duplicates: variant title, body unchanged, a source line appended)")
    print(f"  {built['annotations']:,} annotations ({built['verdicts']:,} verdicts, tags incl. "
          f"to-check) on {built['annotated_share']:.1%} of the articles")


if __name__ == "__main__":
    main()
