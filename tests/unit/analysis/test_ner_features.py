"""Features of the CRF entity tagger: word classes of a word and its neighbours, and the
shipped word-class list."""

from __future__ import annotations

from briefing.analysis.ner_features import FeatureExtractor
from briefing.analysis.resources import word_clusters

CLUSTERS = {"Jones": ("8", "175", "409"), "Smith": ("8", "175", "409"), "said": ("31", "78", "2")}


def test_a_word_and_its_neighbours_carry_their_classes() -> None:
    extractor = FeatureExtractor(frozenset(), clusters=CLUSTERS)
    feats = extractor.sentence(["Jones", "said", "Pryce", "JONES"])
    assert {"c0=8", "c1=175", "c2=409", "+1c1=78", "+1c2=2"} <= set(feats[0])
    assert {"-1c1=175", "-1c2=409"} <= set(feats[1]) and "-1c0=8" not in feats[1]
    assert not [f for f in feats[1] if f.startswith("+1c")]  # "Pryce": never seen
    assert not [f for f in feats[2] if f.startswith("c")]  # never seen: no class
    assert "c2=409" in feats[3]  # an all-caps headline word borrows its capitalised form


def test_class_bigrams_and_classes_two_words_away() -> None:
    extractor = FeatureExtractor(frozenset(), clusters=CLUSTERS)
    feats = extractor.sentence(["Jones", "said", "Smith", "Pryce"])
    assert {"0|+1c=175|78", "+2c=175"} <= set(feats[0])
    assert {"-1|0c=175|78", "0|+1c=78|175", "+2c=-"} <= set(feats[1])
    assert {"-2c=175", "-1|0c=78|175", "0|+1c=175|-"} <= set(feats[2])
    assert "-2c=78" in feats[3]  # "Pryce": never seen, class "-"


def test_surnames_share_classes_only_with_clusters() -> None:
    plain = FeatureExtractor(frozenset())
    assert not [f for f in plain.sentence(["Jones"])[0] if f.startswith("c")]
    with_classes = FeatureExtractor(frozenset(), clusters=CLUSTERS).sentence(["Jones", "Smith"])
    jones = {f for f in with_classes[0] if f.startswith("c")}
    assert jones == {f for f in with_classes[1] if f.startswith("c")} and jones


def test_the_shipped_word_classes_group_alike_words() -> None:
    classes = word_clusters()
    assert len(classes) > 10_000
    assert all(len(c) == 3 for c in classes.values())
    assert classes["Monday"][2] == classes["Tuesday"][2]
    assert classes["Monday"][2] != classes["Jones"][2]
