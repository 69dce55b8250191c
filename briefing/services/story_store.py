"""Stored, incremental story clustering: each new article is compared only with a bounded
candidate set — articles within ``WINDOW_DAYS`` of its date that share one of its distinctive
terms in the stored index (at most ``TERM_CAP`` per term in the window) or its headline key —
and joins the story with the best average linkage (``CLUSTER_THRESHOLD``, as
:func:`briefing.services.crossref_clusters.clusters`), or starts its own. Two stories it links
are merged when their average linkage reaches the threshold. Same headline key within the
window: always one story. Assignments are stored, so adding articles never moves the
articles already placed, and listing the stories is one SQL read.

:func:`catch_up` places the articles not placed yet (oldest first); :func:`rebuild` places
every article again from the stored features; :func:`stored_clusters` lists the stories.
"""

from __future__ import annotations

import bisect
import gc
import json
import sqlite3
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter

from briefing.services import story_features as sf
from briefing.services import story_prep
from briefing.services.crossref_clusters import CLUSTER_THRESHOLD, DATE_WINDOW_DAYS, Cluster
from briefing.services.library import Library
from briefing.services.story_extract import Made, made_in_order
from briefing.services.story_scoring import Scorer
from briefing.storage import stories as store

WINDOW_DAYS = DATE_WINDOW_DAYS
"""Candidates are published at most this many days before or after the article."""
TERM_CAP = 40
"""A term found in more articles of the window is not distinctive there: not used."""
MEMBER_CAP = 40
"""A story is compared through at most this many of its articles in the window."""
STORY_CAP = 24
"""At most this many stories (those sharing the most candidates) are compared with an article,
besides those with its headline key."""
LINK_THRESHOLD: float | None = None
"""An article also joins a story (single link) when its similarity to one of the story's
articles in the window reaches this; None: average linkage only."""
POOL_MIN = 4_000
"""At least this many articles to index, or to read for a bulk placement: their features
are made, or weighed, in worker processes."""
BULK = 2_000
"""At least this many articles to place: load the whole index into memory once."""
GROUP = 5
"""Batches of features written in one transaction (their frequencies upserted once)."""
CHUNK = 1_000
"""Articles made into features in one batch."""
WEIGH_BATCH = 2_000
"""Stored features weighed in one batch for a bulk placement."""

Progress = Callable[[int, int], None]
_second = itemgetter(1)


@dataclass
class _State:
    """The part of the clustering in memory: features, index entries, assignments."""

    rarity: sf.Rarity
    total: int
    features: dict[int, sf.Features] = field(default_factory=dict)
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    headlines: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    story_of: dict[int, int] = field(default_factory=dict)
    centrality: dict[int, float] = field(default_factory=dict)
    members: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    sums: dict[int, float] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)
    dropped: set[int] = field(default_factory=set)
    scorer: Scorer = field(default_factory=Scorer)
    hollow: bool = False  # features without their counts (story_prep): entities read by SQL

    def add_posting(self, table: dict[str, list[tuple[int, int]]], key: str, day: int,
                    article_id: int) -> None:  # fmt: skip
        entries = table[key]
        entry = (day, article_id)
        at = bisect.bisect_left(entries, entry)
        if at == len(entries) or entries[at] != entry:
            entries.insert(at, entry)

    def drop_posting(self, table: dict[str, list[tuple[int, int]]], key: str, day: int,
                     article_id: int) -> None:  # fmt: skip
        entries = table.get(key)
        if entries is None:
            return
        at = bisect.bisect_left(entries, (day, article_id))
        if at < len(entries) and entries[at] == (day, article_id):
            del entries[at]
        if not entries:
            del table[key]

    def window(self, table: dict[str, list[tuple[int, int]]], key: str, day: int,
               cap: int | None = None) -> list[tuple[int, int]] | None:  # fmt: skip
        """The entries of ``key`` within the window around ``day``; None when there are
        more than ``cap`` (found by bisection: a common term's entries are not copied)."""
        entries = table.get(key, [])
        low = bisect.bisect_left(entries, (day - WINDOW_DAYS, -1))
        high = bisect.bisect_right(entries, (day + WINDOW_DAYS, 1 << 62))
        return None if cap is not None and high - low > cap else entries[low:high]

    def scores(self, article: int, others: Sequence[int]) -> dict[int, float]:
        """Similarity of ``article`` with each of ``others`` (one batch)."""
        found = self.scorer.similarities(self.features[article],
                                         [self.features[o] for o in others], self.rarity)
        return dict(zip(others, found, strict=True))

    def near_members(self, story: int, day: int) -> list[int]:
        """The story's articles in the window around ``day`` (the closest ``MEMBER_CAP``)."""
        near = [(abs(d - day), a) for d, a in self.members[story] if abs(d - day) <= WINDOW_DAYS]
        return [a for _, a in sorted(near)[:MEMBER_CAP]]

    def place(self, features: sf.Features, terms: Sequence[str]) -> None:
        """Assign one article (its features and index terms already in the state)."""
        article, day = features.article_id, features.day
        candidates: set[int] = set()
        for term in terms:
            found = self.window(self.postings, term, day, TERM_CAP)
            if found is not None:
                candidates.update(map(_second, found))
        forced: set[int] = set()
        if features.headline:
            for _, other in self.window(self.headlines, features.headline, day) or ():
                if other in self.story_of:
                    forced.add(self.story_of[other])
        candidates.discard(article)
        hits = Counter(self.story_of[c] for c in candidates if c in self.story_of)
        if len(hits) > STORY_CAP:  # the stories with the most candidates in common
            hits = Counter(dict(sorted(hits.items(), key=lambda sh: (-sh[1], sh[0]))[:STORY_CAP]))
        stories = set(hits) | forced
        scores: dict[int, dict[int, float]] = {}
        linkage: dict[int, float] = {}
        nears = {story: self.near_members(story, day) for story in sorted(stories)}
        every = self.scores(article, list(dict.fromkeys(m for n in nears.values() for m in n)))
        for story, near in nears.items():
            scores[story] = {m: every[m] for m in near}
            linkage[story] = sum(scores[story].values()) / max(1, len(near))
        link = LINK_THRESHOLD
        linked = set()
        if link is not None:
            mine = self.features[article]
            linked = {s for s, found in scores.items()
                      if any(c >= link for c in self.scorer.text_cosines(
                          mine, [self.features[m] for m in found], self.rarity))}  # fmt: skip
        joins = forced | linked | {s for s, mean in linkage.items() if mean >= CLUSTER_THRESHOLD}
        ranked = sorted(joins, key=lambda s: (s not in forced, -linkage[s], s))
        if not ranked:
            self._join(article, day, article, {})
            return
        best = ranked[0]
        self._join(article, day, best, scores[best])
        for other in ranked[1:]:
            best = self._maybe_merge(best, other, day, article, scores[other],
                                     forced=other in forced or other in linked)

    def _join(self, article: int, day: int, story: int, scores: dict[int, float]) -> None:
        self.story_of[article] = story
        self.members[story].append((day, article))
        self.centrality[article] = sum(scores.values())
        for member, score in scores.items():
            self.centrality[member] = self.centrality.get(member, 0.0) + score
        self.sums[story] = self.sums.get(story, 0.0) + sum(scores.values())
        self.touched.add(story)

    def _maybe_merge(self, story: int, other: int, day: int, article: int,
                     linked: dict[int, float], *, forced: bool) -> int:  # fmt: skip
        """Merge ``other`` into ``story`` (which ``article`` just joined) when their average
        linkage in the window reaches the threshold; the merged story's id."""
        theirs = self.near_members(other, day)
        cross: dict[tuple[int, int], float] = {}
        for x in self.near_members(story, day):
            if x == article:
                rest = [y for y in theirs if y not in linked]
                found = {**self.scores(x, rest), **{y: linked[y] for y in theirs if y in linked}}
            else:
                found = self.scores(x, theirs)
            for y in theirs:
                cross[(x, y)] = found[y]
        mean = sum(cross.values()) / max(1, len(cross))
        if not forced and mean < CLUSTER_THRESHOLD:
            return story
        keep, gone = min(story, other), max(story, other)
        for (x, y), score in cross.items():
            self.centrality[x] = self.centrality.get(x, 0.0) + score
            self.centrality[y] = self.centrality.get(y, 0.0) + score
        for d, a in self.members.pop(gone):
            self.story_of[a] = keep
            self.members[keep].append((d, a))
        self.sums[keep] = self.sums.get(keep, 0.0) + self.sums.pop(gone, 0.0) + sum(cross.values())
        self.touched.add(keep)
        self.touched.discard(gone)
        self.dropped.add(gone)
        return keep


def _lookup(df: dict[str, int], more: dict[str, int] | None = None) -> Callable[[str], int]:
    """Document frequency of a term from ``df`` (else ``more``; else 1)."""
    extra = more if more is not None else {}
    return lambda term: df.get(term) or extra.get(term, 1)


def _index_articles(lib: Library, ids: Sequence[int], progress: Progress | None) -> set[int]:
    """Make and store the features of ``ids`` (analysing them first where needed); the
    stories whose articles were re-indexed."""
    from briefing.analysis import engine_info
    from briefing.services.articles import DEFAULT_ENGINE
    from briefing.services.bulk_analysis import analyse_missing
    from briefing.storage import entity_rows

    info = engine_info(DEFAULT_ENGINE)
    engine = (info.name, info.version)
    missing = entity_rows.articles_without_analysis(lib.conn, info, ids)
    analyse_missing(lib, missing, DEFAULT_ENGINE)  # builds the engine only when some are
    with lib.transaction() as conn:
        touched = store.forget(conn, ids)
    chunk = CHUNK
    parts = [list(ids[start : start + chunk]) for start in range(0, len(ids), chunk)]
    bulk = len(ids) >= POOL_MIN
    if bulk:  # workers read their batches' articles themselves
        made = story_prep.made(lib, engine, parts)
    else:
        made = made_in_order((story_prep.sources_of(lib, engine, p) for p in parts), parallel=False)
    with _bulk_pass(bulk):
        _store_made(lib, made, len(ids), chunk, progress)
    return touched


def _store_made(lib: Library, batches: Iterator[Made], size: int, chunk: int,
                progress: Progress | None) -> None:  # fmt: skip
    """Store each batch's capped features, index entries and document frequencies, weighed
    with the frequencies of every batch made so far; written ``GROUP`` batches a transaction
    (features and the frequencies they add together), the weighing done outside it."""
    stored = 0
    df: dict[str, int] = {}  # the stored frequencies of the terms seen, kept up to date here
    total = store.featured_count(lib.conn)
    added: Counter[str] = Counter()
    rows: list[tuple[int, str, int, str | None, str]] = []
    postings: list[tuple[str, int, int]] = []
    for n, (made, counts) in enumerate(batches, 1):
        df.update(store.document_frequencies(lib.conn, set(counts).difference(df)))
        for term, count in counts.items():
            df[term] = df.get(term, 0) + count
        added.update(counts)
        added[store.FEATURED] += len(made)
        total += len(made)
        frequency = sf.Rarity(_lookup(df), total)
        frequency.prime(counts, df)  # every term of the batch's features, weighed at once
        for text_hash, features in made:
            kept, terms = sf.capped_and_indexed(features, frequency)
            rows.append((features.article_id, text_hash, features.day, features.headline,
                         kept.to_json()))  # fmt: skip
            postings.extend((term, features.day, features.article_id) for term in terms)
        stored = min(stored + chunk, size)
        if n % GROUP == 0 or stored == size:  # one batch of ``chunk`` ids each: the last one
            with lib.transaction() as conn:
                store.add_frequencies(conn, added)
                store.put_features(conn, rows, postings)
            added, rows, postings = Counter(), [], []
        if progress is not None:
            progress(stored, size)


@contextmanager
def _bulk_pass(bulk: bool) -> Iterator[None]:
    """For a pass over many articles: no cyclic garbage collection (only acyclic containers
    are made: collections would only cost time)."""
    collecting = bulk and gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def catch_up(lib: Library, progress: Progress | None = None) -> int:
    """Index the articles added or changed since the last catch-up (queued by triggers: the
    library is never scanned), mend the stories that lost an article, and place every
    queued article, oldest first; returns how many were placed."""
    queued = store.queued(lib.conn)
    touched = _index_articles(lib, queued, progress) if queued else set()
    broken = store.broken_stories(lib.conn) | touched
    if broken:  # articles deleted or changed: the others stay together, summaries made again
        _repair(lib, broken)
    waiting = store.waiting(lib.conn, queued) if queued else []
    if waiting:
        _place(lib, waiting, bulk=len(waiting) >= BULK)
    if queued or broken:
        with lib.transaction() as conn:
            store.dequeue(conn, queued)
            store.mended(conn, broken)
    return len(waiting)


def _repair(lib: Library, stories: set[int]) -> None:
    """Make the summaries of ``stories`` again from the articles they still have."""
    members = store.members(lib.conn, stories)
    ids = [a for entries in members.values() for _, a in entries]
    loaded = {r.article_id: sf.Features.from_row(*r) for r in store.features(lib.conn, ids)}
    terms = set().union(*(f.terms() for f in loaded.values())) if loaded else set()
    total = store.featured_count(lib.conn)
    state = _State(sf.Rarity(_lookup(store.document_frequencies(lib.conn, terms)), total),
                   total, features=loaded)
    for story, entries in members.items():
        entries.sort()
        state.members[story] = entries
        state.sums[story] = 0.0
        for n, (day, a) in enumerate(entries):
            state.story_of[a] = story
            state.centrality.setdefault(a, 0.0)
            later = []
            for other_day, b in entries[n + 1 :]:
                if other_day - day > WINDOW_DAYS:
                    break
                later.append(b)
            for b, score in state.scores(a, later).items():
                state.sums[story] += score
                state.centrality[a] += score
                state.centrality[b] = state.centrality.get(b, 0.0) + score
        state.touched.add(story)
    state.dropped = stories - members.keys()
    _save(lib, state)


def rebuild(lib: Library, progress: Progress | None = None) -> int:
    """Place every article again, from scratch (features are made only for queued ones)."""
    queued = store.queued(lib.conn)
    if queued:
        _index_articles(lib, queued, progress)
    with lib.transaction() as conn:
        store.clear_assignments(conn)
    waiting = store.unassigned(lib.conn)
    _place(lib, waiting, bulk=True)
    with lib.transaction() as conn:
        store.dequeue(conn, queued)
    return len(waiting)


def _place(lib: Library, waiting: list[tuple[int, int]], *, bulk: bool) -> None:
    conn = lib.conn
    total = store.featured_count(conn)
    if bulk:
        df: dict[str, int] = {}  # filled as features are read: only their terms' frequencies
        state = _State(sf.Rarity(_lookup(df), total), total)
        with _bulk_pass(True):
            _bulk(state, lib, waiting, df)
    else:
        state = _State(sf.Rarity(lambda t: 1, total), total)
        for _, article in waiting:
            _seed(state, conn, article)
            features = state.features[article]
            state.place(features, sf.index_terms(features, state.rarity))
    _save(lib, state)


def _bulk(state: _State, lib: Library, waiting: list[tuple[int, int]],
          df: dict[str, int]) -> None:  # fmt: skip
    """Place ``waiting`` (by day) reading the features once, in day order, keeping only the
    window's in memory (features, index entries and the document frequencies of the terms
    read; every assignment, which is small)."""
    conn = lib.conn
    for article, story, centrality, day in store.placed(conn):
        state.story_of[article] = story
        state.centrality[article] = centrality
        state.members[story].append((day, article))
    for story_id, row in store.stories(conn).items():
        state.sums[story_id] = row.score_sum
    placing = {article for _, article in waiting}
    prepared = _weighed_by_workers(state, lib, df) if state.total >= POOL_MIN \
        else _weighed_here(state, _read_features(conn, df), placing)
    pending = next(prepared, None)
    loaded: deque[tuple[int, int]] = deque()
    terms: dict[int, list[str]] = {}
    for day, article in waiting:
        while pending is not None and pending[0].day <= day + WINDOW_DAYS:
            features, found = pending
            state.features[features.article_id] = features
            terms[features.article_id] = found
            for term in found:
                state.add_posting(state.postings, term, features.day, features.article_id)
            if features.headline:
                state.add_posting(state.headlines, features.headline, features.day,
                                  features.article_id)  # fmt: skip
            loaded.append((features.day, features.article_id))
            pending = next(prepared, None)
        while loaded and loaded[0][0] < day - WINDOW_DAYS:
            gone_day, gone = loaded.popleft()
            features = state.features.pop(gone)
            for term in terms.pop(gone):
                state.drop_posting(state.postings, term, gone_day, gone)
            if features.headline:
                state.drop_posting(state.headlines, features.headline, gone_day, gone)
        state.place(state.features[article], terms[article])


def _weighed_here(state: _State, features: Iterator[sf.Features], placing: set[int]
                  ) -> Iterator[story_prep.Prepared]:  # fmt: skip
    """Each article with its index terms, weighed in this process (the vectors of those to
    place made from the same weights; the others' when first scored)."""
    for item in features:
        index = sf.vectors_and_index_terms if item.article_id in placing else sf.index_terms
        yield item, index(item, state.rarity)


def _weighed_by_workers(state: _State, lib: Library, df: dict[str, int]
                        ) -> Iterator[story_prep.Prepared]:  # fmt: skip
    """Each article with its index terms, weighed in worker processes (story_prep) with
    every term's stored frequency; the state scores with their term ids."""
    conn = lib.conn
    df.update(store.document_frequencies(conn))
    state.scorer = Scorer(df)
    state.hollow = True
    ids = iter([article for _, article in store.feature_keys(conn)])

    def here(part: list[int]) -> list[story_prep.Prepared]:
        made = [sf.Features.from_row(*row) for row in story_prep.stored(lib, part)]
        return [(f, sf.vectors_and_index_terms(f, state.rarity)) for f in made]

    for done in story_prep.weighing(lib, iter(lambda: list(islice(ids, WEIGH_BATCH)), []), df,
                                    state.total, here):  # fmt: skip
        yield from done


def _read_features(conn: sqlite3.Connection, df: dict[str, int], batch: int = 2_000
                   ) -> Iterator[sf.Features]:  # fmt: skip
    """Every article's stored features by day, reading the document frequencies of their
    terms into ``df`` first (a batch at a time)."""
    rows = store.features(conn)
    known: dict[str, set[str]] = {"e:": set(), "t:": set(), "l:": set()}  # df's, per family
    while made := [sf.Features.from_row(*r) for r in islice(rows, batch)]:
        fresh: list[str] = []
        for prefix, family in known.items():
            new = set().union(*(f.family(prefix) for f in made)).difference(family)
            family.update(new)
            fresh.extend(map(prefix.__add__, new))
        df.update(store.document_frequencies(conn, fresh))
        yield from made


def _seed(state: _State, conn: sqlite3.Connection, article: int) -> None:
    """Bring into ``state`` what placing ``article`` needs from SQL, and no more."""
    if article not in state.features:
        state.features.update({r.article_id: sf.Features.from_row(*r)
                               for r in store.features(conn, [article])})  # fmt: skip
    features = state.features[article]
    df = store.document_frequencies(conn, features.terms())
    known: dict[str, int] = {}
    state.rarity = sf.Rarity(_lookup(df, known), state.total)
    first, last = features.day - WINDOW_DAYS, features.day + WINDOW_DAYS
    found: set[int] = set()
    for term in sf.index_terms(features, state.rarity):
        for day, other in store.postings(conn, term, first, last, TERM_CAP + 1):
            state.add_posting(state.postings, term, day, other)
            found.add(other)
    if features.headline:
        for day, other in store.same_headline(conn, features.headline, first, last):
            state.add_posting(state.headlines, features.headline, day, other)
            found.add(other)
    for other, (story, centrality) in store.assignments(conn, found).items():
        if other not in state.story_of:
            state.story_of[other] = story
            state.centrality[other] = centrality
    stories = {state.story_of[o] for o in found if o in state.story_of}
    loaded = {s for s in stories if s in state.members}
    for story, entries in store.members(conn, stories - loaded).items():
        state.members[story] = sorted(entries)
        for _, other in entries:
            state.story_of.setdefault(other, story)
    for story_id, row in store.stories(conn, stories - loaded).items():
        state.sums.setdefault(story_id, row.score_sum)
    needed = {a for s in stories for a in state.near_members(s, features.day)}
    missing = needed - state.features.keys()
    state.features.update({r.article_id: sf.Features.from_row(*r)
                           for r in store.features(conn, missing)})  # fmt: skip
    for other in needed:
        if other not in state.centrality:
            state.centrality[other] = store.assignments(conn, [other]).get(other, (0, 0.0))[1]
    terms = set().union(*(state.features[a].terms() for a in needed)) if needed else set()
    known.update(store.document_frequencies(conn, terms))
    for other in needed:  # weights with the current frequencies
        state.features[other].vectors = None
    features.vectors = None
    state.story_of.pop(article, None)


def _save(lib: Library, state: _State, batch: int = 500) -> None:
    """Store the touched stories' assignments and summaries; the features a summary needs
    and the state does not hold are read a batch of stories at a time."""
    stories = sorted(state.touched - state.dropped)
    with lib.transaction() as conn:
        rows = []
        for start in range(0, len(stories), batch):
            recent = {s: sorted(state.members[s])[-MEMBER_CAP:]
                      for s in stories[start : start + batch]}  # fmt: skip
            known = {} if state.hollow else state.features  # hollow: no entity counts
            missing = {a for entries in recent.values() if len(entries) > 1
                       for _, a in entries if a not in known}  # fmt: skip
            read = {a: sf.Features.entities_only(a, e, n)
                    for a, e, n in store.entity_counts(conn, missing)}  # fmt: skip
            for story, entries in recent.items():
                shared = sf.shared_entities(known.get(a) or read[a] for _, a in entries) \
                    if len(entries) > 1 else []
                rows.append(store.StoryRow(
                    story, len(state.members[story]), min(state.members[story])[0],
                    entries[-1][0], state.sums.get(story, 0.0), shared))  # fmt: skip
        placed = [(a, state.story_of[a], state.centrality.get(a, 0.0))
                  for s in stories for _, a in state.members[s]]  # fmt: skip
        store.save(conn, placed, rows, state.dropped)


def stored_clusters(lib: Library, *, min_size: int = 2) -> list[Cluster]:
    """The stored stories of at least ``min_size`` articles, biggest first (as
    :func:`briefing.services.crossref_clusters.clusters` lists them)."""
    grouped: dict[int, list[tuple[str, int, float, str]]] = defaultdict(list)
    meta: dict[int, tuple[str, float]] = {}
    for story, entities, score_sum, article, centrality, title, date in store.listing(
        lib.conn, min_size
    ):
        grouped[story].append((date, article, centrality, title))
        meta[story] = (entities, score_sum)

    found = []
    for story, rows in grouped.items():
        rows.sort()
        ids = tuple(article for _, article, _, _ in rows)
        central = max(rows, key=lambda r: (r[2], -r[1]))
        pairs = len(ids) * (len(ids) - 1) / 2
        entities, score_sum = meta[story]
        found.append(Cluster(
            id=f"story-{min(ids)}", title=central[3], article_ids=ids,
            entities=tuple(json.loads(entities)),
            cohesion=round(score_sum / pairs, 4) if pairs else 1.0))  # fmt: skip
    return sorted(found, key=lambda c: (-len(c.article_ids), c.article_ids))
