"""Features of the CRF entity tagger: word classes of a word and its neighbours, nationality
and organisation words, features restricted to the model's, and the shipped lists."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.ner_features import FeatureExtractor
from briefing.analysis.resources import misc_words, org_words, word_clusters

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


def test_nationality_and_organisation_words_mark_the_word_and_its_neighbours() -> None:
    extractor = FeatureExtractor(
        frozenset(), misc_words=frozenset({"Iraqi"}), org_words=frozenset({"Bank", "FC"})
    )
    feats = extractor.sentence(["Bank", "of", "England", "and", "IRAQI", "Hull", "FC"])
    assert "org" in feats[0] and "-1org" in feats[1] and "-2org" in feats[2]
    assert "misc" in feats[4]  # an all-caps word is looked up capitalised
    assert {"-1misc", "+1org"} <= set(feats[5]) and "org" in feats[6]
    assert "+2org" in feats[4] and "+1misc" in feats[3]
    assert not [f for f in feats[3] if "org" in f]
    plain = FeatureExtractor(frozenset()).sentence(["Bank", "of", "England"])
    assert not [f for row in plain for f in row if "org" in f]


def test_restricting_to_known_features_drops_only_unknown_ones() -> None:
    extractor = FeatureExtractor(frozenset(), clusters=CLUSTERS)
    full = extractor.sentence(["Jones", "said", "Smith", "Pryce"])
    known = frozenset({"w=jones", "-1|0=jones|said", "+2c=175", "-2sh=sh=Xx", "BOS", "EOS"})
    extractor.restrict(known)
    kept = extractor.sentence(["Jones", "said", "Smith", "Pryce"])
    assert [[f for f in row if f in known] for row in full] == kept
    assert kept[0] == ["w=jones", "BOS", "+2c=175"] and kept[1] == ["-1|0=jones|said"]


def test_the_shipped_model_tags_alike_with_and_without_unknown_features(samples: Path) -> None:
    import pycrfsuite  # type: ignore[import-untyped]

    from briefing.analysis.ner_features import DocumentContext
    from briefing.analysis.resources import ner_model_path
    from briefing.analysis.tagger import CrfTagger, default_extractor
    from briefing.analysis.tokens import TOKEN_RE

    text = (samples / "siversk.txt").read_text(encoding="utf-8")
    sentences = [TOKEN_RE.findall(line) for line in text.splitlines() if line.strip()]
    restricted = CrfTagger()
    full = pycrfsuite.Tagger()
    full.open(str(ner_model_path()))
    extractor = default_extractor()
    doc = DocumentContext(sentences)
    tags = [full.tag(extractor.sentence(words, doc)) for words in sentences]
    assert any(t != "O" for row in tags for t in row)
    assert tags == [
        restricted._tagger.tag(restricted._features.sentence(words, doc)) for words in sentences
    ]


def test_the_shipped_type_word_lists() -> None:
    misc, org = misc_words(), org_words()
    assert {"German", "Germans", "Iraqi", "Kurdish", "Swahili", "Muslim"} <= misc
    assert not {"Germany", "Djibouti", "english"} & misc
    assert {"Inc", "Corp", "Ministry", "Party", "FC", "United"} <= org


def test_capitalised_runs_carry_their_head_word() -> None:
    extractor = FeatureExtractor(
        frozenset(), clusters=CLUSTERS, org_words=frozenset({"Bank", "Inc"}), runs=True
    )
    words = ["Jones", "said", "Bank", "of", "England", "and", "Smith", "Jones", "Inc", "agreed"]
    feats = extractor.sentence(words)
    runs = [sorted(f for f in row if f.startswith("r")) for row in feats]
    assert runs[2] == runs[3] == runs[4] == ["rhc=-", "rhorg", "rlen=3"]  # head: "Bank"
    assert runs[6] == runs[7] == runs[8] == ["rhc=-", "rhorg", "rlen=3"]
    assert runs[0] == runs[1] == runs[5] == runs[9] == []  # "Jones" alone is no run
    plain = FeatureExtractor(frozenset(), org_words=frozenset({"Bank"})).sentence(words)
    assert not [f for row in plain for f in row if f.startswith("rh")]


def test_shipped_attribute_list_is_the_models() -> None:
    """ner_attributes.txt (read instead of asking the model, which holds the GIL) lists
    exactly the attributes ner.crfsuite has weights for."""
    import pycrfsuite  # type: ignore[import-untyped]

    from briefing.analysis.resources import ner_attributes, ner_model_path
    from briefing.analysis.tagger import model_attributes

    tagger = pycrfsuite.Tagger()
    tagger.open(str(ner_model_path()))
    assert ner_attributes() == model_attributes(tagger)


def test_sentences_skipped_untagged_are_those_the_model_finds_nothing_in(samples: Path) -> None:
    """The tagger does not run the model on a sentence whose only capital opens it in a
    function word ("The", "He"): in the 25 development news articles, the model tags nothing
    there."""
    import pytest

    from briefing.analysis.ner_features import DocumentContext
    from briefing.analysis.sentences import split_sentences
    from briefing.analysis.tagger import CrfTagger, untaggable
    from briefing.analysis.tokens import TOKEN_RE

    tagger = CrfTagger()
    skipped = 0
    news = samples.parent / "eval" / "news"
    if not news.is_dir():
        pytest.skip("../shared/eval/news is not beside the repository")
    for path in sorted(news.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = [TOKEN_RE.findall(text, s.start, s.end) for s in split_sentences(text)]
        doc = DocumentContext(sentences)
        for words in sentences:
            if words and untaggable(words):
                skipped += 1
                tags = tagger._tagger.tag(tagger._features.sentence(words, doc))
                assert set(tags) == {"O"}, words
    assert skipped > 0


def test_what_is_never_skipped() -> None:
    from briefing.analysis.tagger import untaggable

    assert untaggable(["The", "army", "moved", "on"])
    assert untaggable(["he", "said", "so"])
    assert untaggable([])  # nothing to tag
    assert not untaggable(["The", "army", "of", "al-Abadi", "moved"])  # a capital inside a word
    assert not untaggable(["US", "troops", "moved"])  # an opening name
    assert not untaggable(["May", "said", "so"])  # not an opening function word
    assert not untaggable(["The", "troops", "met", "Putin"])


def test_pair_table_finds_pairs_whose_words_hold_the_separator() -> None:
    from briefing.analysis.ner_features import pair_table

    known = frozenset({"0|+1=a|b", "-1|0=a|b", "0|+1=||x", "-1|0=c|d", "w=a"})
    table = pair_table(known, "0|+1=", "-1|0=")
    assert table[("a", "b")] == (("0|+1=a|b",), ("-1|0=a|b",))
    assert table[("c", "d")] == ((), ("-1|0=c|d",))
    assert table[("|", "x")] == (("0|+1=||x",), ())  # "|" then "x"
    assert table[("", "|x")] == (("0|+1=||x",), ())  # only a + "|" + b is looked up
    assert ("a", "x") not in table


_WORDS = st.sampled_from(
    ["Jones", "said", "Smith", "|", "of", "Bank", "England", "JONES", "3", "the", "U.S."]
)


def _extractor() -> FeatureExtractor:
    return FeatureExtractor(
        frozenset({"Bank of England"}), clusters=CLUSTERS, org_words=frozenset({"Bank"}), runs=True
    )


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_WORDS, max_size=9), data=st.data())
def test_restricted_features_are_the_full_ones_filtered(
    words: list[str], data: st.DataObject
) -> None:
    """Whatever the model knows, a restricted extractor gives exactly the known features of
    the full extractor, in the same order (the tagger sums weights in that order)."""
    from briefing.analysis.ner_features import DocumentContext

    doc = DocumentContext([words, ["Smith", "met", "Jones", "and", "the", "Bank"]])
    full = _extractor().sentence(words, doc)
    every = sorted({f for row in full for f in row})
    drawn = data.draw(st.lists(st.sampled_from(every), unique=True)) if every else []
    # features never filtered: sentence bounds and kinds, gazetteer runs, document features
    document = {f for feats in doc.by_word.values() for f in feats}
    always = {"BOS", "EOS", "CAPS", "NUMS", "gazm"} | document | {"h" + f for f in document}
    known = frozenset(drawn) | always
    restricted = _extractor()
    restricted.restrict(known)
    expected = [[f for f in row if f in known] for row in full]
    assert restricted.sentence(words, doc) == expected
    encoded = [[f.encode() for f in row] for row in expected]
    assert restricted.encoded_sentence(words, doc) == encoded  # what the tagger gives crfsuite
    assert _extractor().encoded_sentence(words, doc) == [[f.encode() for f in r] for r in full]


def test_the_encoded_features_keep_one_cached_entry_per_word() -> None:
    """The tagger's path caches each word form once, encoded (not also as strings)."""
    from briefing.analysis.ner_features import DocumentContext

    extractor = _extractor()
    extractor.restrict(frozenset({"w=jones", "-1|0=jones|said", "BOS", "EOS"}))
    words = ["Jones", "said", "Jones", "left"]
    feats = extractor.encoded_sentence(words, DocumentContext([words]))
    assert feats[0][:2] == [b"w=jones", b"BOS"] and b"-1|0=jones|said" in feats[1]
    assert len(extractor._encoded_words) == 3 and not extractor._words
