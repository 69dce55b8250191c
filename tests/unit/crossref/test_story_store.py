"""Stored, incremental story clustering (services.story_store): the story set's stories as
the batch clustering finds them; stable when unrelated articles are added; the same placed
one by one or in bulk; repaired when an article is deleted; bounded work per new article."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest import IngestedDocument
from briefing.services import Library
from briefing.services import story_features as sf
from briefing.services import story_store as ss
from briefing.services.articles import delete_article, import_document
from briefing.services.crossref import clusters
from briefing.services.story_scoring import Scorer
from briefing.storage import stories as store
from tests.unit.crossref.conftest import SAMPLES, StorySet


def groups(found: list[ss.Cluster]) -> list[frozenset[int]]:
    return sorted((frozenset(c.article_ids) for c in found), key=sorted)


UNRELATED = (
    ("Village fete raises funds for new church roof",
     "Volunteers in Little Snoring sold cakes and ran a tombola on Saturday. The parish "
     "council said the roof repairs would begin in the autumn after the harvest festival."),
    ("Local chess club wins county championship",
     "The Harrogate chess club beat Ripon in the final round of the county league. Its "
     "captain praised the juniors, who won four of their six boards against older players."),
    ("Orchard owners expect record apple harvest",
     "Growers in Herefordshire say a warm spring and steady rain have produced heavy crops "
     "of cider apples. Pickers from across Europe are expected to arrive next month."),
)


def add_unrelated(lib: Library, published: str, edition: str) -> list[int]:
    return [import_document(lib, IngestedDocument(title=f"{title} ({edition})",
                                                  text=f"{text} {edition} edition.",
                                                  published=published)).article.id
            for title, text in UNRELATED]  # fmt: skip


def test_stored_stories_are_the_batch_ones(fresh: StorySet) -> None:
    assert ss.catch_up(fresh.lib) == 12
    stored = ss.stored_clusters(fresh.lib)
    assert groups(stored) == groups(clusters(fresh.lib))
    by_event = {fresh.event[c.article_ids[0]] for c in stored}
    assert by_event == {"siversk", "kyiv-blackout", "ecb-rates"}
    siversk = next(c for c in stored if fresh.event[c.article_ids[0]] == "siversk")
    assert {"Siversk", "Donetsk"} <= set(siversk.entities) and 0 < siversk.cohesion <= 1
    assert siversk.id == f"story-{min(siversk.article_ids)}"
    # listing again reads the stored stories: nothing left to place, the same records
    assert ss.catch_up(fresh.lib) == 0 and ss.stored_clusters(fresh.lib) == stored
    # what is left to do is queued by triggers (no scan of the library): nothing now
    queue = fresh.lib.conn.execute("SELECT COUNT(*) FROM story_queue").fetchone()[0]
    assert queue == 0
    singles = ss.stored_clusters(fresh.lib, min_size=1)
    assert sum(len(c.article_ids) for c in singles) == 12


def test_unrelated_articles_leave_the_stories_alone(fresh: StorySet) -> None:
    ss.catch_up(fresh.lib)
    before = groups(ss.stored_clusters(fresh.lib))
    # same days as the stories (the window), and a day in between
    added = add_unrelated(fresh.lib, "2026-11-20T10:00:00Z", "Morning")
    added += add_unrelated(fresh.lib, "2026-11-21T09:00:00Z", "Weekend")
    assert ss.catch_up(fresh.lib) == len(added)
    after = groups(ss.stored_clusters(fresh.lib))
    assert [g for g in after if not g & set(added)] == before
    # and from scratch, with the unrelated articles in the library from the start
    ss.rebuild(fresh.lib)
    assert [g for g in groups(ss.stored_clusters(fresh.lib)) if not g & set(added)] == before


def test_one_by_one_equals_bulk(fresh: StorySet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ss, "BULK", 10**9)  # every article through the SQL-seeded path
    ss.catch_up(fresh.lib)
    one_by_one = ss.stored_clusters(fresh.lib, min_size=1)
    monkeypatch.setattr(ss, "BULK", 1)
    ss.rebuild(fresh.lib)
    assert groups(ss.stored_clusters(fresh.lib, min_size=1)) == groups(one_by_one)


def test_deleted_and_changed_articles_are_placed_again(fresh: StorySet) -> None:
    ss.catch_up(fresh.lib)
    siversk = next(c for c in ss.stored_clusters(fresh.lib)
                   if fresh.event[c.article_ids[0]] == "siversk")  # fmt: skip
    gone = siversk.article_ids[0]
    delete_article(fresh.lib, gone)
    ss.catch_up(fresh.lib)
    now = next(c for c in ss.stored_clusters(fresh.lib)
               if set(c.article_ids) & set(siversk.article_ids))
    assert set(now.article_ids) == set(siversk.article_ids) - {gone}
    assert now.id == f"story-{min(now.article_ids)}"


def test_near_duplicate_headlines_are_one_stored_story(fresh: StorySet) -> None:
    ss.catch_up(fresh.lib)
    body = ("Detectives searched two homes overnight.", "A court date was set on Monday.")
    ids = [import_document(fresh.lib, IngestedDocument(
        title=title, text=text, published="2026-12-01T08:00:00Z")).article.id
        for title, text in zip(("UPDATE: Four charged over the Leeds bank raid",
                                "Four charged over the Leeds bank raid | BBC News"), body,
                               strict=True)]  # fmt: skip
    ss.catch_up(fresh.lib)
    assert frozenset(ids) in groups(ss.stored_clusters(fresh.lib))


def count_pairs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the article pairs scored from now on (in the returned list's one item)."""
    scored = [0]
    real = Scorer.similarities

    def counting(self: Scorer, article: sf.Features, others: Sequence[sf.Features],
                 rarity: sf.Rarity) -> list[float]:  # fmt: skip
        scored[0] += len(others)
        return real(self, article, others, rarity)

    monkeypatch.setattr(Scorer, "similarities", counting)
    return scored


def test_adding_one_article_compares_a_bounded_set(
    fresh: StorySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many articles of the same days sharing everyday words: the new article is scored
    against its story's few articles, never against the crowd."""
    lib = fresh.lib
    for n in range(ss.TERM_CAP + 20):
        import_document(lib, IngestedDocument(
            title=f"Council meeting number {n} discusses the budget",
            text=f"The council met on Tuesday to discuss the budget, item {n} of the agenda. "
                 "Councillors said the budget would be published soon.",
            published="2026-11-20T12:00:00Z"))  # fmt: skip
    ss.catch_up(lib)
    scored = count_pairs(monkeypatch)
    text = (SAMPLES / "siversk.txt").read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    new = import_document(lib, IngestedDocument(title=title + " (council budget)", text=body,
                                                published="2026-11-20T12:00:00Z")).article.id
    assert ss.catch_up(lib) == 1
    assert 0 < scored[0] <= 2 * ss.MEMBER_CAP
    story = next(c for c in ss.stored_clusters(lib) if new in c.article_ids)
    assert {fresh.event.get(a) for a in story.article_ids} == {"siversk", None}


def test_an_article_is_compared_with_at_most_story_cap_stories(
    fresh: StorySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many one-article stories share the new article's rarer words: only the ``STORY_CAP``
    sharing the most candidates are scored (one article each here), plus headline matches."""
    lib = fresh.lib
    for n in range(12):
        import_document(lib, IngestedDocument(
            title=f"Harbour pilots strike over pay, day {n}", text=f"Dockers in Grimsby and "
            f"Tilbury joined harbour pilots on strike, talks number {n} said the union.",
            published="2026-11-20T12:00:00Z"))  # fmt: skip
    monkeypatch.setattr(ss, "CLUSTER_THRESHOLD", 2.0)  # nothing merges: many stories stay
    monkeypatch.setattr(ss, "STORY_CAP", 3)
    ss.catch_up(lib)
    scored = count_pairs(monkeypatch)
    import_document(lib, IngestedDocument(
        title="Harbour pilots and dockers strike in Grimsby and Tilbury",
        text="Harbour pilots in Grimsby and Tilbury are on strike, the union said.",
        published="2026-11-20T12:00:00Z"))  # fmt: skip
    assert ss.catch_up(lib) == 1
    assert 0 < scored[0] <= 3
    monkeypatch.setattr(ss, "STORY_CAP", 100)
    scored[0] = 0
    import_document(lib, IngestedDocument(
        title="Grimsby and Tilbury harbour pilots strike continues",
        text="Harbour pilots in Grimsby and Tilbury stayed on strike, the dockers said.",
        published="2026-11-20T12:00:00Z"))  # fmt: skip
    assert ss.catch_up(lib) == 1
    assert scored[0] > 3  # the cap is what bounded the first one


def test_features_made_in_worker_processes_are_the_same(
    fresh: StorySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large first indexing makes features in spawned workers: stored features, index
    entries and stories are what the same articles indexed in-process give."""
    lib = fresh.lib
    monkeypatch.setattr(ss, "CHUNK", 4)  # three batches: the first made here, two in workers
    ss.catch_up(lib)
    serial = _stored(lib)
    with lib.transaction() as conn:
        for table in ("story_features", "story_df", "story_postings", "story_assignments",
                      "stories"):  # fmt: skip
            conn.execute(f"DELETE FROM {table}")
        conn.execute("INSERT INTO story_queue SELECT id FROM articles")
    monkeypatch.setattr(ss, "POOL_MIN", 1)
    made = []
    real = ss.story_prep.made
    real_make = ss.story_prep.make

    def spying(*args: object) -> Iterator[object]:
        made.append("pool")
        return real(*args)  # type: ignore[arg-type]

    def here(batch: list[object]) -> object:
        made.append(len(batch))
        return real_make(batch)  # type: ignore[arg-type]

    monkeypatch.setattr(ss.story_prep, "made", spying)
    monkeypatch.setattr(ss.story_prep, "make", here)  # spawned workers import their own
    ss.catch_up(lib)
    assert made == ["pool", 4]
    assert _stored(lib) == serial


def _stored(lib: Library) -> tuple[list[tuple[object, ...]], ...]:
    return tuple(lib.conn.execute(sql).fetchall() for sql in (
        "SELECT article_id, text_sha256, day, headline, vector FROM story_features "
        "ORDER BY article_id",
        "SELECT term, df FROM story_df ORDER BY term",
        "SELECT term, day, article_id FROM story_postings ORDER BY 1, 2, 3",
        "SELECT article_id, story_id FROM story_assignments ORDER BY article_id"))  # fmt: skip


def test_term_frequencies_add_up_across_runs(fresh: StorySet) -> None:
    """Frequencies kept in memory during a catch-up are stored: indexing in two runs gives
    the counts of indexing everything at once."""
    lib = fresh.lib
    ss.catch_up(lib)
    add_unrelated(lib, "2026-11-20T12:00:00Z", "late")
    ss.catch_up(lib)
    twice = _stored(lib)[1]
    with lib.transaction() as conn:
        for table in ("story_features", "story_df", "story_postings", "story_assignments",
                      "stories"):  # fmt: skip
            conn.execute(f"DELETE FROM {table}")
        conn.execute("INSERT INTO story_queue SELECT id FROM articles")
    ss.catch_up(lib)
    assert twice == _stored(lib)[1]
    assert dict(twice)[""] == lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def test_entity_counts_are_those_of_the_stored_features(fresh: StorySet) -> None:
    """A story summary's entities read by SQLite's json_extract are the stored features'
    (same counts in the same order, same names)."""
    lib = fresh.lib
    ss.catch_up(lib)
    rows = list(store.features(lib.conn))
    cut = {a: sf.Features.entities_only(a, e, n)
           for a, e, n in store.entity_counts(lib.conn, [r.article_id for r in rows])}  # fmt: skip
    assert cut.keys() == {r.article_id for r in rows}
    assert any(f.entities for f in cut.values())
    for row in rows:
        full = sf.Features.from_row(*row)
        assert list(cut[row.article_id].entities.items()) == list(full.entities.items())
        assert list(cut[row.article_id].names.items()) == list(full.names.items())


_names = st.text(min_size=1, max_size=6)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(_names, st.integers(1, 500), max_size=8),
       st.dictionaries(_names, _names, max_size=8))  # fmt: skip
def test_entity_counts_round_trip(entities: dict[str, int], names: dict[str, str]) -> None:
    """Any entity keys and names (quotes, escapes, non-ASCII) come back as written."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE story_features (article_id INTEGER PRIMARY KEY, vector TEXT)")
    vector = sf.Features(7, 0, None, entities, {"x": 1}, {}, {}, names).to_json()
    conn.execute("INSERT INTO story_features VALUES (7, ?)", (vector,))
    [(article, e, n)] = store.entity_counts(conn, [7])
    found = sf.Features.entities_only(article, e, n)
    assert list(found.entities.items()) == list(entities.items())
    assert list(found.names.items()) == list(names.items())


def _placed(lib: Library) -> tuple[list[tuple[object, ...]], ...]:
    return tuple(lib.conn.execute(sql).fetchall() for sql in (
        "SELECT article_id, story_id, centrality FROM story_assignments ORDER BY article_id",
        "SELECT id, size, first_day, last_day, score_sum, entities FROM stories ORDER BY id"))


def test_features_weighed_in_worker_processes_place_the_same(
    fresh: StorySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bulk placement over many stored features weighs them in spawned workers
    (story_prep): the same stories, centralities, linkage sums and shared entities (the
    exact floats) as weighing them in this process."""
    lib = fresh.lib
    monkeypatch.setattr(ss, "BULK", 1)
    ss.catch_up(lib)
    ss.rebuild(lib)
    here = _placed(lib)
    assert len({story for _, story, _ in here[0]}) < len(here[0])  # some stories to compare
    weighed = []
    real = ss.story_prep.weighing
    real_stored = ss.story_prep.stored

    def spying(*args: object) -> object:
        weighed.append("pool")
        return real(*args)  # type: ignore[arg-type]

    def stored_here(lib: Library, ids: list[int]) -> object:
        weighed.append(len(ids))
        return real_stored(lib, ids)

    monkeypatch.setattr(ss.story_prep, "weighing", spying)
    monkeypatch.setattr(ss.story_prep, "stored", stored_here)  # workers import their own
    monkeypatch.setattr(ss, "POOL_MIN", 1)
    monkeypatch.setattr(ss, "WEIGH_BATCH", 5)  # the first batch weighed here, the rest in workers
    ss.rebuild(lib)
    assert weighed == ["pool", 5]
    assert _placed(lib) == here
