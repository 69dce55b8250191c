"""Story clustering (the Stories view) over a whole library: pair scores only for articles
that share a named entity or a distinctive word (services.crossref_clusters) vs the old
all-pairs scoring through the postings of every word, timed in the same run.

The library is real news: the Reuters articles of CoNLL-2003 (train + dev, August 1996,
with their datelines as dates), the CNN/DailyMail dev articles and the development news
articles of ../shared/eval, shuffled. Past those (~1,300), article k is a shorter edition of
document k mod D (a third of its body sentences dropped, a bulletin line added), as a wire
copy or an update would be. Analyses are real builtin-engine analyses, stored beforehand.

Printed: time and number of scored pairs of both; the clusters each finds (same threshold,
same average linkage) and how many stories differ; the end-to-end clusters() call.

Run: .venv/bin/python bench/stories.py [N_ARTICLES]   (default 1,000: about 30 s)
     .venv/bin/python bench/stories.py --scale ...     (the stored clustering at 1k-100k:
     see bench/stories_scale.py)
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from news_corpus import NEWS, corpus_sentences

from briefing.analysis import Engine, get_engine
from briefing.domain import Article, text_sha256
from briefing.services import Library
from briefing.services import crossref_clusters as cc
from briefing.services.crossref_entities import LoadedArticle, load_articles, resolve_entities
from briefing.storage import analyses as analysis_store
from briefing.storage import articles as article_store

EVAL = NEWS.parent
NOW = "1996-09-01T00:00:00Z"
T = TypeVar("T")
Document = tuple[str, str, str | None]  # title, normalised text, published


def _detokenised(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,:;?!)%]|'s\b|n't\b)", r"\1", text)
    return re.sub(r"([($]) ", r"\1", text)


def _conll(path: Path) -> list[Document]:
    """CoNLL documents: headline, then sentences; a "CITY 1996-08-22" line gives the date."""
    documents: list[Document] = []
    sentences: list[list[str]] = [[]]

    def flush() -> None:
        lines = [_detokenised(s) for s in sentences if s]
        if len(lines) > 2:
            date = next((m.group() for line in lines[1:4]
                         if (m := re.search(r"\b1996-\d\d-\d\d\b", line))), None)
            documents.append((lines[0], "\n".join(lines[1:]), date))
        sentences[:] = [[]]

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
        elif not line.strip():
            sentences.append([])
        else:
            sentences[-1].append(line.split(" ", 1)[0])
    flush()
    return documents


def documents() -> list[Document]:
    found: list[Document] = []
    for name in ("conll2003-train.txt", "conll2003-dev.txt"):
        if (EVAL / name).is_file():
            found += _conll(EVAL / name)
    if (EVAL / "cnndm-dev.jsonl").is_file():
        for line in (EVAL / "cnndm-dev.jsonl").read_text(encoding="utf-8").splitlines():
            body = json.loads(line)["article"].strip()
            title, _, rest = body.partition(". ")
            found.append((title[:120], rest, None))
    for path in sorted(NEWS.glob("*.txt")):
        lines = [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
        if len(lines) > 1:
            found.append((lines[0][:120], "\n".join(lines[1:]), None))
    if not found:  # no shared corpus: stories of ten consecutive filler sentences
        pool = corpus_sentences()
        found = [(pool[i], "\n".join(pool[i + 1 : i + 10]), None)
                 for i in range(0, len(pool) - 10, 10)]
    random.Random(5).shuffle(found)
    return found


def build(lib: Library, count: int, engine: Engine, rng: random.Random) -> int:
    """Insert ``count`` articles with their analyses; return how many are editions."""
    source = documents()
    editions = 0
    conn = lib.conn
    conn.execute("BEGIN")
    for k in range(count):
        title, text, published = source[k % len(source)]
        if k >= len(source):
            editions += 1
            lines = text.split("\n")
            kept = sorted(rng.sample(range(len(lines)), max(1, len(lines) * 2 // 3)))
            text = "\n".join([*(lines[i] for i in kept), f"Bulletin number {k}."])
        article = article_store.insert(conn, Article(
            0, title, text, text_sha256(text), published=published, imported_at=NOW))
        analysis_store.put(conn, engine.analyse(article.text), NOW)
    conn.execute("COMMIT")
    return editions


# ------------------------------------------------- baseline: the all-pairs implementation


def old_pairwise_dots(vectors: Sequence[dict[str, float]]) -> dict[tuple[int, int], float]:
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for entries in postings.values():
        for n, (i, wi) in enumerate(entries):
            for j, wj in entries[n + 1 :]:
                dots[(i, j)] += wi * wj
    return dots


def old_pair_similarities(docs: Sequence[LoadedArticle]) -> dict[tuple[int, int], float]:
    from briefing.feeds.schedule import parse_stamp

    resolution = resolve_entities(docs)
    parts = [
        old_pairwise_dots(cc._entity_vectors(docs, resolution)),
        old_pairwise_dots(cc._tfidf([f"{d.article.title}\n{d.article.text}" for d in docs])),
        old_pairwise_dots(cc._tfidf([cc._lead(d) for d in docs])),
    ]
    subjects = cc._lead_entities(docs, resolution)
    scores: dict[tuple[int, int], float] = {}
    for pair in sorted(set().union(*parts)):
        i, j = pair
        weighted = zip(cc.WEIGHTS, parts, strict=True)
        score = sum(weight * part.get(pair, 0.0) for weight, part in weighted)
        if cc._different_subjects(subjects[i], subjects[j]):
            score *= cc.SUBJECT_PENALTY
        first, second = parse_stamp(docs[i].date), parse_stamp(docs[j].date)
        if first and second and abs((first - second).total_seconds()) / 86400 > cc.DATE_WINDOW_DAYS:
            score /= 2
        scores[pair] = min(score, 1.0)
    return scores


def old_clusters(
    docs: Sequence[LoadedArticle], scores: dict[tuple[int, int], float]
) -> list[cc.Cluster]:
    """The rest of the old clusters() on the all-pairs scores: the entities of each member
    of a story found by scanning every (article, entity) key of the library."""
    groups = cc._average_linkage(len(docs), scores, cc.CLUSTER_THRESHOLD)
    resolution = resolve_entities(docs)
    found = []
    for group in groups:
        if len(group) < 2:
            continue
        keys = {docs[i].article.id: resolution.article_keys(docs[i].article.id) for i in group}
        names = {entry.key: entry.name for entry in resolution.entries}
        mentions = {entry.key: entry.mention_count for entry in resolution.entries}
        found.append(cc._cluster(docs, group, scores, keys, names, mentions))
    return sorted(found, key=lambda c: (-len(c.article_ids), c.article_ids))


# ------------------------------------------------- measuring


def stories(scores: dict[tuple[int, int], float], size: int) -> set[frozenset[int]]:
    groups = cc._average_linkage(size, scores, cc.CLUSTER_THRESHOLD)
    return {frozenset(g) for g in groups if len(g) > 1}


def timed(run: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def main() -> None:
    if "--scale" in sys.argv[1:]:  # the stored clustering at 1k, 10k and 100k
        from stories_scale import main as scale

        scale([a for a in sys.argv[1:] if a != "--scale"])
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    engine = get_engine("builtin")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_DATA_DIR"] = tmp  # never the user's own library
        with Library.open() as lib:
            started = time.perf_counter()
            editions = build(lib, count, engine, random.Random(11))
            built = time.perf_counter() - started
            load_s, docs = timed(lambda: load_articles(lib))
            new_s, new = timed(lambda: cc.pair_similarities(docs))
            old_s, old = timed(lambda: old_pair_similarities(docs))
            new_all_s, new_clusters = timed(lambda: cc.clusters(lib))
            rest_s, old_found = timed(lambda: old_clusters(docs, old))
            old_all_s = load_s + old_s + rest_s
    size = len(docs)
    all_pairs = size * (size - 1) // 2
    skipped = old.keys() - new.keys()
    identical = all(new[p] == old[p] for p in new)
    worst = max((old[p] for p in skipped), default=0.0)
    old_stories, new_stories = stories(old, size), stories(new, size)
    caps = cc.distinctive_caps(size)
    print(f"library: {size} articles ({editions} shorter editions of others), "
          f"built and analysed in {built:.1f} s, loaded in {load_s:.1f} s; "
          f"distinctive: a word in at most {caps.words} articles, a named entity in at most "
          f"{caps.entities}")
    print(f"baseline all-pairs scores: {old_s:.2f} s, {len(old)} pairs scored "
          f"({len(old) / all_pairs:.0%} of {all_pairs})")
    print(f"candidate-pair scores:     {new_s:.2f} s, {len(new)} pairs scored "
          f"({len(new) / all_pairs:.0%}); every one identical to the baseline's: {identical}")
    print(f"ratio time new/baseline: {new_s / old_s:.3f}; pairs skipped {len(skipped)}, "
          f"their highest baseline score {worst:.3f} (threshold {cc.CLUSTER_THRESHOLD})")
    print(f"stories (2+ articles): baseline {len(old_stories)}, new {len(new_stories)}; "
          f"only in baseline {len(old_stories - new_stories)}, only in new "
          f"{len(new_stories - old_stories)}")
    before = {c.article_ids: c for c in old_found}
    after = {c.article_ids: c for c in new_clusters}
    same = before.keys() & after.keys()
    retold = sum(1 for ids in same if before[ids] != after[ids])
    print(f"clusters() end to end (load, score, link, describe): baseline {old_all_s:.2f} s, "
          f"new {new_all_s:.2f} s (ratio {new_all_s / old_all_s:.3f}); Cluster records: "
          f"{len(same)} with the same articles ({retold} of them with another title, entities "
          f"or cohesion), {len(before) - len(same)} only in baseline, "
          f"{len(after) - len(same)} only in new")
    sizes = Counter(len(c.article_ids) for c in new_clusters)
    print("story sizes (new): " + ", ".join(f"{n}: {sizes[n]}" for n in sorted(sizes)))


if __name__ == "__main__":
    main()
