"""Sentences, summaries and the English-only notice for other languages and scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.analysis import get_engine
from briefing.analysis.language import detect_language
from briefing.analysis.sentences import split_sentences
from briefing.cli import main

DATA = Path(__file__).resolve().parents[2] / "data" / "languages"


def _split(text: str, language: str = "") -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Президент заявил об этом в среду. А. С. Пушкин родился в Москве.",
            "ru",
            ["Президент заявил об этом в среду.", "А. С. Пушкин родился в Москве."],
        ),
        (
            "Уряд заявив про це. Міністр погодився!",
            "uk",
            ["Уряд заявив про це.", "Міністр погодився!"],
        ),
        (
            "قال الرئيس إن الحكومة ستعمل. وأضاف أن الوضع صعب؟ نعم.",
            "ar",
            ["قال الرئيس إن الحكومة ستعمل.", "وأضاف أن الوضع صعب؟", "نعم."],
        ),
        ("הממשלה הודיעה היום. השר הסכים.", "he", ["הממשלה הודיעה היום.", "השר הסכים."]),
        (
            "Er sagte: „Wir schaffen das.“ „Nein“, sagte sie am 15. Dezember. Ende.",
            "de",
            ["Er sagte: „Wir schaffen das.“", "„Nein“, sagte sie am 15. Dezember.", "Ende."],
        ),
        (
            "Il a dit : « Non. » Puis il est parti. « Oui », a-t-elle répondu.",
            "fr",
            ["Il a dit : « Non. »", "Puis il est parti.", "« Oui », a-t-elle répondu."],
        ),
        (
            "¿Qué pasa? ¡Nada! El gobierno habló.",
            "es",
            ["¿Qué pasa?", "¡Nada!", "El gobierno habló."],
        ),
        (
            "政府は発表した。首相は同意した！本当か？",
            "ja",
            ["政府は発表した。", "首相は同意した！", "本当か？"],
        ),
        ("The toll rose to 15. Rescuers left.", "en", ["The toll rose to 15.", "Rescuers left."]),
    ],
)
def test_sentences_in_every_script_and_quote_style(
    text: str, language: str, expected: list[str]
) -> None:
    assert _split(text, language) == expected


def test_a_table_row_is_one_sentence_and_a_line_break_always_ends_one() -> None:
    text = "Name\tVotes. Share\nA line. Another"
    assert _split(text) == ["Name\tVotes. Share", "A line.", "Another"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Der Bundestag hat am Donnerstag das neue Gesetz beschlossen.", "de"),
        ("Президент заявив, що уряд ухвалив рішення.", "uk"),
        ("The government said on Thursday that it would act.", "en"),
        ("12 345", ""),
    ],
)
def test_language_is_detected_as_iso_639_1(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("language", ["de", "ru", "ar"])
def test_articles_in_other_languages_get_sentences_summaries_and_the_notice(
    language: str,
) -> None:
    text = (DATA / f"{language}.txt").read_text(encoding="utf-8").strip()
    analysis = get_engine().analyse(text)
    sentences = [text[s.start : s.end] for s in analysis.sentences]
    lines = [line for line in text.splitlines() if line.strip()]
    assert analysis.language == language
    assert analysis.layers == {"entities": "en-only", "claims": "en-only"}
    assert analysis.entities == () and analysis.claims == () and analysis.claim_candidates == ()
    # every sentence ends with end punctuation except the title line, and none crosses a line
    assert sentences[0] == lines[0]
    assert all(s[-1] in ".!?؟“»" for s in sentences[1:]), sentences
    assert all("\n" not in s for s in sentences)
    assert len(sentences) >= 2 * len(lines) - 2
    # summaries: the title (no full stop) is never chosen; whole sentences of the article
    summaries = analysis.summaries
    assert len(summaries["headline"]) == 1 and len(summaries["short"]) == 3
    assert len(summaries["brief"]) == 5
    assert all(0 < i < len(sentences) for ids in summaries.values() for i in ids)
    assert summaries["short"][0] in (1, 2)


def test_analyze_json_says_which_layers_are_english_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["analyze", str(DATA / "ru.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "ru"
    assert data["layers"] == {"entities": "en-only", "claims": "en-only"}
    assert data["entities"] == [] and data["claims"] == [] and data["claim_candidates"] == []
    assert len(data["summaries"]["short"]) == 3


def test_exports_say_entities_and_claims_are_english_only() -> None:
    from briefing.domain import Article, text_sha256
    from briefing.export.model import ArticleBrief
    from briefing.export.places import Paragraphs
    from briefing.export.sections import claims_section, entities_section

    text = (DATA / "de.txt").read_text(encoding="utf-8").strip()
    article = Article(id=1, title="Bahn", text=text, text_sha256=text_sha256(text))
    brief = ArticleBrief(article, get_engine().analyse(text), ())
    for section in (entities_section(brief), claims_section(brief, Paragraphs(text))):
        assert "*Entities and claims: English only (this text: de).*" in section
    english = "Officials said 40 people died in the flood on Monday."
    article = Article(id=2, title="Flood", text=english, text_sha256=text_sha256(english))
    brief = ArticleBrief(article, get_engine().analyse(english), ())
    assert "English only" not in entities_section(brief)
