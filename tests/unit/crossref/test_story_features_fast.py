"""The story features made fast stay the same features: words counted per distinct word,
terms weighed per family and ranked with one sort give what the plain per-word loop and the
sort over every weighted term gave (property tests against those reference versions)."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.tokens import STOPWORDS, stem
from briefing.services import story_features as sf

_WORDS = ("Putin", "Kyiv", "the", "rates", "rate", "bank's", "Bank’s", "a", "I", "power",
          "powers", "x-ray", "R&D", "don't", "ECB", "2026", "élan", "über", "of", "Siversk")


def reference_words(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for word in sf._WORD.findall(text):
        if word[-2:] in ("'s", "’s"):
            word = word[:-2]
        if len(word) > 1 and word.lower() not in STOPWORDS:
            found[stem(word)] += 1
    return found


texts = st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=60).map(" ".join)
counts = st.dictionaries(st.sampled_from([w.lower() for w in _WORDS]) | st.text(min_size=1,
                         max_size=5), st.integers(1, 80), max_size=70)  # fmt: skip


@given(texts)
def test_words_are_the_per_word_loop(text: str) -> None:
    found = sf.words(text)
    assert found == reference_words(text)
    assert list(found) == list(reference_words(text))  # same order: stored JSON unchanged


def _rarity(total: int = 1000) -> sf.Rarity:
    return sf.Rarity(lambda term: (sum(map(ord, term)) % 97) + 1, total)


def _reference_weight(count: int, term: str, rarity: sf.Rarity) -> float:
    return (1 + math.log(count)) * rarity(term) + 1e-9


@settings(max_examples=60)
@given(counts, counts, counts)
def test_capped_and_index_terms_are_the_full_sorts(entities: dict[str, int],
                                                   text: dict[str, int],
                                                   lead: dict[str, int]) -> None:  # fmt: skip
    features = sf.Features(1, 0, None, entities, text, lead, {}, {})
    rarity = _rarity()
    kept = sf.capped(features, rarity)
    for family, prefix, cap in ((entities, "e:", sf.ENTITY_TERMS), (text, "t:", sf.TEXT_TERMS),
                                (lead, "l:", sf.LEAD_TERMS)):  # fmt: skip
        ranked = sorted(family, key=lambda t: (-_reference_weight(family[t], prefix + t,
                                                                   rarity), t))  # fmt: skip
        wanted = family if len(family) <= cap else {t: family[t] for t in ranked[:cap]}
        got = {"e:": kept.entities, "t:": kept.text, "l:": kept.lead}[prefix]
        assert list(got.items()) == list(wanted.items())
    weighted = [(_reference_weight(n, prefix + t, rarity) * boost, prefix + t)
                for prefix, boost, family in (("e:", 1.5, entities), ("l:", 1.2, lead),
                                              ("t:", 1.0, text))
                for t, n in family.items()]  # fmt: skip
    weighted.sort(key=lambda wt: (-wt[0], wt[1]))
    assert sf.index_terms(features, rarity) == [t for _, t in weighted[: sf.INDEX_TERMS]]
    for vector, family, prefix in zip(sf.vectors(features, rarity), (entities, text, lead),
                                      ("e:", "t:", "l:"), strict=True):  # fmt: skip
        raw = {t: _reference_weight(n, prefix + t, rarity) for t, n in family.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        assert vector == {t: v / norm for t, v in raw.items()}


@settings(max_examples=60)
@given(counts, counts, counts, st.integers(0, 3))
def test_capped_and_indexed_is_capped_then_index_terms(entities: dict[str, int],
                                                       text: dict[str, int],
                                                       lead: dict[str, int],
                                                       warm: int) -> None:  # fmt: skip
    """The index terms made from the capping's weights are those ranked apart over the kept
    terms; a rarity already knowing some terms (from earlier articles) weighs the same."""
    features = sf.Features(1, 0, None, entities, text, lead, {k: 2 for k in list(entities)[::2]},
                           {k: k.upper() for k in entities})  # fmt: skip
    rarity = _rarity()
    if warm:
        rarity.weighed("t:", dict(list(text.items())[: len(text) // warm]))
    kept, terms = sf.capped_and_indexed(features, rarity)
    fresh = _rarity()
    assert kept == sf.capped(features, fresh)
    assert terms == sf.index_terms(kept, fresh)
    assert set(kept.subjects) <= set(kept.entities) and set(kept.names) == set(kept.entities)


@settings(max_examples=60)
@given(counts, counts, counts)
def test_vectors_and_index_terms_are_each_apart(entities: dict[str, int], text: dict[str, int],
                                                lead: dict[str, int]) -> None:  # fmt: skip
    """Index terms and vectors made from one weighing are those made apart."""
    subjects = {k: 1 for k in list(entities)[:2]}
    features = sf.Features(1, 0, None, entities, text, lead, subjects, {})
    apart = sf.Features(1, 0, None, entities, text, lead, subjects, {})
    assert sf.vectors_and_index_terms(features, _rarity()) == sf.index_terms(apart, _rarity())
    assert features.vectors == sf.vectors(apart, _rarity())
    assert [list(v) for v in features.vectors or ()] == [list(v) for v in apart.vectors or ()]
    assert features.topic == apart.topic


@given(st.dictionaries(st.sampled_from(["e:", "t:", "l:"]).flatmap(
    lambda prefix: st.text(min_size=1, max_size=5).map(prefix.__add__)), st.integers(0, 50)),
    st.integers(1, 5000))  # fmt: skip
def test_primed_rarities_are_the_looked_up_ones(df: dict[str, int], total: int) -> None:
    """Rarities primed for a batch's terms at once are those computed term by term."""
    primed = sf.Rarity(lambda term: 10**6, total)  # never asked: every term is primed
    primed.prime(df, df)
    looked_up = sf.Rarity(lambda term: df.get(term) or 1, total)
    for term in df:
        assert primed(term) == looked_up(term)
    for prefix in ("e:", "t:", "l:"):
        family = {t[2:]: 1 for t in df if t.startswith(prefix)}
        assert primed.weighed(prefix, family) == looked_up.weighed(prefix, family)


def test_rarity_of_a_term_is_its_family_weight() -> None:
    rarity = _rarity(50)
    assert rarity("t:power") == math.log(51 / (1 + (sum(map(ord, "t:power")) % 97) + 1))
    assert rarity.weighed("t:", {"power": 1})[0][1] == "power"


@given(st.sampled_from(_WORDS) | st.text(max_size=8), texts, st.integers(0, 400))
def test_lead_and_text_are_the_two_word_counts(title: str, text: str, end: int) -> None:
    """The lead read once: whole-text and lead words are what counting each apart gives
    (also when ``end`` falls inside a word)."""
    lead = f"{title}\n{text[:end]}"
    whole, opening = sf.lead_and_text(lead, text, end)
    assert whole == sf.words(f"{title}\n{text}")
    assert opening == sf.words(lead)
    assert list(whole) == list(sf.words(f"{title}\n{text}"))
