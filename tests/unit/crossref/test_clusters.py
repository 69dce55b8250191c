"""Story clusters on the multi-source set: pairwise precision/recall, determinism, briefs."""

from __future__ import annotations

from itertools import combinations

from briefing.services.crossref import brief_from_cluster, clusters
from briefing.storage import briefs as brief_store
from tests.unit.crossref.conftest import StorySet


def pairwise_scores(found: list[tuple[int, ...]], event: dict[int, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the ground-truth events."""
    predicted = {frozenset(p) for group in found for p in combinations(group, 2)}
    truth = {frozenset((a, b)) for a, b in combinations(sorted(event), 2) if event[a] == event[b]}
    precision = len(predicted & truth) / len(predicted) if predicted else 0.0
    recall = len(predicted & truth) / len(truth) if truth else 0.0
    return precision, recall


def test_pairwise_precision_and_recall(stories: StorySet) -> None:
    found = clusters(stories.lib)
    precision, recall = pairwise_scores([c.article_ids for c in found], stories.event)
    print(f"clustering: pairwise precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9
    by_event = {stories.event[c.article_ids[0]]: c for c in found}
    assert set(by_event) == {"siversk", "kyiv-blackout", "ecb-rates"}
    siversk = by_event["siversk"]
    assert len(siversk.article_ids) == 4
    assert stories.file["samples:siversk.txt"] in siversk.article_ids
    assert stories.file["samples:siversk-revised.txt"] in siversk.article_ids
    assert {"Siversk", "Donetsk"} <= set(siversk.entities)
    assert 0 < siversk.cohesion <= 1


def test_unrelated_stories_stay_alone(stories: StorySet) -> None:
    clustered = {i for c in clusters(stories.lib) for i in c.article_ids}
    # pokrovsk.txt is the hard one: same region and people, a different event.
    for name in ("wildfire.txt", "football.txt", "chipmaker.txt", "pokrovsk.txt"):
        assert stories.file[name] not in clustered
    singles = clusters(stories.lib, min_size=1)
    assert len(singles) == 7 and sum(len(c.article_ids) for c in singles) == 12


def test_clusters_are_deterministic_and_restrictable(stories: StorySet) -> None:
    everything = clusters(stories.lib)
    assert clusters(stories.lib) == everything
    # Restricted to three articles, the terms' weights come from those three alone. (The ECB
    # pair fell to 0.28 there once the tagger stopped reading a sentence-opening "Eurostat"
    # as a name; in the whole library it is still one story, see above.)
    subset = [stories.file[n]
              for n in ("kyiv-blackout-b.txt", "wildfire.txt", "kyiv-blackout-a.txt")]
    [only] = clusters(stories.lib, subset)
    assert set(only.article_ids) == {subset[0], subset[2]}
    # A strict threshold splits every story up, but for near-duplicate headlines (the
    # Siversk report and its "(updated)" edition), which are always one story.
    strict = clusters(stories.lib, threshold=0.99)
    assert [set(c.article_ids) for c in strict] == [
        {stories.file["samples:siversk.txt"], stories.file["samples:siversk-revised.txt"]}]


def test_brief_from_cluster(stories: StorySet) -> None:
    cluster = clusters(stories.lib)[0]
    brief_id = brief_from_cluster(stories.lib, cluster)
    brief = brief_store.get(stories.lib.conn, brief_id)
    assert brief is not None
    assert brief.title == cluster.title and brief.article_ids == cluster.article_ids
    named = brief_from_cluster(stories.lib, cluster, title="Siversk: four versions")
    assert brief_store.get(stories.lib.conn, named).title == "Siversk: four versions"  # type: ignore[union-attr]


def test_near_duplicate_headlines_are_always_one_story(tmp_path) -> None:
    from briefing.services import Library
    from briefing.services.articles import import_source
    from briefing.services.crossref_clusters import headline_key

    assert headline_key("UPDATE: Four charged over the Leeds bank raid") == headline_key(
        "Four charged over the Leeds bank raid | BBC News")
    assert headline_key("Live updates") is None
    bodies = (
        "Police in West Yorkshire said the men would appear before magistrates on Monday.",
        "A court date was set after detectives searched two homes in Harehills overnight.",
        "The cathedral choir will tour Norway in the spring, its director announced.",
    )
    titles = ("UPDATE: Four charged over the Leeds bank raid",
              "Four charged over the Leeds bank raid | BBC News", "Choir plans spring tour")
    with Library.open() as lib:
        ids = []
        for n, (title, body) in enumerate(zip(titles, bodies, strict=True)):
            path = tmp_path / f"a{n}.txt"
            path.write_text(body + "\n", encoding="utf-8")
            ids.append(import_source(lib, str(path), title=title).article.id)
        found = [set(c.article_ids) for c in clusters(lib)]
    assert {ids[0], ids[1]} in found and all(ids[2] not in c for c in found)
