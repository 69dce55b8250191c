"""The engine protocol, the registry, robustness and the analysis JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing.analysis import Engine, available_engines, get_engine, register_engine
from briefing.analysis.builtin import BuiltinEngine
from briefing.domain import (
    CLAIM_KINDS,
    ENTITY_LABELS,
    Analysis,
    AnalysisError,
    EngineInfo,
    text_sha256,
)


def _normalise(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _check_consistent(text: str, analysis: Analysis) -> None:
    assert analysis.text_sha256 == text_sha256(text)
    n = len(analysis.sentences)
    for span in analysis.sentences:
        assert 0 <= span.start < span.end <= len(text)
    for name in ("headline", "short", "brief"):
        idx = analysis.summaries[name]
        assert list(idx) == sorted(set(idx))
        assert all(0 <= i < n for i in idx)
    for entity in analysis.entities:
        assert entity.label in ENTITY_LABELS
        assert entity.mentions
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text)
    for claim in analysis.claims:
        assert claim.kind in CLAIM_KINDS
        assert 0.0 <= claim.score <= 1.0
        assert 0 <= claim.start < claim.end <= len(text)


def test_registry_caches_and_rejects_unknown_names() -> None:
    engine = get_engine()
    assert engine is get_engine("builtin")
    assert isinstance(engine, Engine)
    assert engine.info == EngineInfo("builtin", "2.3.0")
    assert "builtin" in available_engines()
    with pytest.raises(AnalysisError, match="no-such-engine"):
        get_engine("no-such-engine")


def test_register_engine_plugs_in_another_engine() -> None:
    class Echo:
        info = EngineInfo("echo-test", "0.1")

        def analyse(self, text: str) -> Analysis:
            return Analysis(engine=self.info, text_sha256=text_sha256(text))

    register_engine("echo-test", Echo)
    engine = get_engine("echo-test")
    assert isinstance(engine, Engine)
    assert engine.analyse("x").engine.name == "echo-test"
    assert "echo-test" in available_engines()


@pytest.mark.parametrize("text", ["", "Hello", "word.", "\n", "?!?!", "..."])
def test_empty_and_tiny_texts(text: str) -> None:
    analysis = get_engine().analyse(text)
    _check_consistent(text, analysis)
    if not text.strip():
        assert analysis.sentences == ()
        assert analysis.summaries == {"headline": (), "short": (), "brief": ()}


@pytest.mark.parametrize(
    "text",
    [
        "Президент Владимир Путин заявил во вторник, что войска продвинулись на 30 км.",
        "中华人民共和国国务院总理李强周二表示，经济增长约为5%。",
        "ÄÖÜ ß éè \u200b\u200d 🤖🤖🤖 ### $$$ %%% 1.2.3.4.5 ''' \"\"\" ... -- ——",
        "a" * 5000,
        "A. B. C. D. E. F. G. H. I. J. K.",
        "\x00\x01\x02 garbage \ufffd\ufffd Mr. . . U.S.. 's 's 's",
        "WORD " * 800,
    ],
)
def test_non_english_and_garbage_do_not_crash(text: str) -> None:
    _check_consistent(text, get_engine().analyse(text))


def test_long_text_is_linear_enough() -> None:
    sentence = (
        "Officials in Kyiv said Russian forces advanced about 3 kilometers near Pokrovsk, "
        "while President Volodymyr Zelensky met European leaders in Brussels on Tuesday."
    )
    paragraph = " ".join([sentence] * 10)
    text = "\n".join([paragraph] * 900)  # ~200,000 words
    assert len(text.split()) >= 200_000
    analysis = get_engine().analyse(text)
    assert len(analysis.sentences) == 9000
    assert len(analysis.summaries["brief"]) == 10
    assert len(analysis.summaries["short"]) == 3
    names = {e.name for e in analysis.entities}
    assert {"Kyiv", "Volodymyr Zelensky"} <= names


@pytest.mark.parametrize(
    "unit",
    ["GENERAL STAFF NEWS KYIV ", 'he said " “ Mr. U.S. A. ', "word, "],
)
def test_adversarial_long_lines_stay_linear(unit: str) -> None:
    text = (unit * 12_000).strip()  # one 36,000+ word line: quadratic code would hang here
    _check_consistent(text, get_engine().analyse(text))


def test_json_shape_round_trips() -> None:
    text = "Vladimir Putin said prices rose 5% in Moscow.\nPutin left on Monday."
    analysis = get_engine().analyse(text)
    data = json.loads(json.dumps(analysis.to_json()))
    assert set(data) == {
        "engine",
        "text_sha256",
        "sentences",
        "summaries",
        "entities",
        "claims",
        "claim_candidates",
        "language",
        "layers",
    }
    assert data["engine"] == {"name": "builtin", "version": "2.3.0"}
    assert data["language"] == "en"
    assert data["layers"] == {"entities": "en-only", "claims": "en-only"}
    assert data["sentences"][0] == {"start": 0, "end": 45}
    assert set(data["summaries"]) == {"headline", "short", "brief"}
    entity = data["entities"][0]
    assert set(entity) == {"id", "name", "label", "aliases", "mentions"}
    for claim in data["claims"]:
        assert set(claim) >= {"start", "end", "score", "kind", "speaker", "hedged"}
    assert Analysis.from_json(data) == analysis


def test_siversk_sample(siversk_text: str) -> None:
    text = _normalise(siversk_text)
    analysis = get_engine().analyse(text)
    _check_consistent(text, analysis)
    labels = {e.name: e.label for e in analysis.entities}
    for place in ("Siversk", "Sloviansk", "Kramatorsk", "Donetsk", "Donbas", "Pokrovsk", "Kyiv"):
        assert labels.get(place) == "LOC", place
    assert labels["Vladimir Putin"] == "PERSON"
    assert labels["Volodymyr Zelensky"] == "PERSON"
    assert labels["Ukrainian General Staff"] == "ORG"
    both = [*analysis.claims, *analysis.claim_candidates]
    statistic_claims = [text[c.start : c.end] for c in both if c.kind == "statistic"]
    assert any("about 75%" in s for s in statistic_claims)
    assert any("approximately 30 kilometers" in s for s in statistic_claims)
    speakers = {c.speaker for c in both}
    assert "Russian President Vladimir Putin" in speakers
    hedged = {h for c in both for h in c.hedges}
    assert {"about", "approximately"} <= hedged
    # shown by default: the strongest (this dense article has more than the usual quarter),
    # strongest first; weaker ones are candidates
    assert 0 < len(analysis.claims) <= 0.5 * len(analysis.sentences)
    assert analysis.claim_candidates
    scores = [c.score for c in analysis.claims]
    assert scores == sorted(scores, reverse=True)
    assert min(scores) > max(c.score for c in analysis.claim_candidates)
    assert len(analysis.summaries["short"]) == 3


def test_engine_is_safe_to_construct_twice() -> None:
    text = "Angela Merkel visited Paris."
    assert BuiltinEngine().analyse(text) == BuiltinEngine().analyse(text)


def test_import_is_cheap() -> None:
    code = (
        "import sys, briefing.analysis as a; "
        "print(sorted(m for m in ('pycrfsuite', 'briefing.analysis.builtin', "
        "'briefing.analysis.tagger') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
