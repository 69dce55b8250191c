"""Three realistic news articles (German, Russian, Arabic): exact sentences, summaries, notice.

Written for these tests (not taken from any publication). Each holds the hard cases of its
language: German „…“ quotes spanning two sentences, "Dr.", "u. a.", ordinals ("am 12.
September"), thousands with a full stop; Russian «…» with a dash, initials ("А. В."), "т. е.",
"2011 г.,"; Arabic ، ؛ ؟ ! and «…», Arabic-Indic digits. A title line without a full stop opens
each article, as imported articles often do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.analysis import get_engine
from briefing.analysis.sentences import split_sentences
from briefing.analysis.summary_features import is_fragment
from briefing.cli import main

ARTICLES: dict[str, list[list[str]]] = {
    "de": [
        [
            "Hochwasser an der Elbe: Dresden ruft den Katastrophenfall aus",
        ],
        [
            (
                "Dresden hat am Mittwochabend wegen des steigenden Elbpegels den Katastrophenfall "
                "ausgerufen."
            ),
            (
                "Der Pegel lag am 12. September um 18 Uhr bei 6,80 Metern und damit fast vier "
                "Meter über dem Normalwert."
            ),
            "Nach Angaben des Umweltamts könnte er bis Freitag auf über sieben Meter steigen.",
        ],
        [
            (
                "„Wir nehmen die Lage sehr ernst“, sagte Oberbürgermeister Dr. Martin Kühn am "
                "Abend vor Journalisten."
            ),
            "„Niemand muss in Panik verfallen.",
            "Aber wer in den gefährdeten Gebieten wohnt, sollte sich vorbereiten.“",
            (
                "Rund 4.000 Anwohner der Stadtteile Laubegast und Kleinzschachwitz wurden "
                "aufgefordert, ihre Wohnungen bis Donnerstagmittag zu verlassen."
            ),
        ],
        [
            "Die Feuerwehr baute entlang des Terrassenufers mobile Schutzwände auf.",
            (
                "Auch Soldaten der Bundeswehr helfen beim Befüllen von Sandsäcken, u. a. in Pirna "
                "und Meißen."
            ),
            "Der Straßenbahnverkehr über die Albertbrücke ist eingestellt.",
        ],
        [
            (
                "Meteorologen des Deutschen Wetterdienstes (DWD) rechnen in Tschechien mit "
                "weiteren Regenfällen."
            ),
            (
                "Das Wasser aus dem Einzugsgebiet der Moldau erreicht Dresden meist mit zwei "
                "Tagen Verspätung."
            ),
            "Ist das Schlimmste also noch nicht überstanden?",
            "Das hängt nach Einschätzung der Experten vor allem vom Wochenende ab.",
        ],
        [
            (
                "Beim Jahrhunderthochwasser 2002 hatte die Elbe in Dresden einen Rekordstand von "
                "9,40 Metern erreicht."
            ),
            "Damals entstanden Schäden in Milliardenhöhe.",
        ],
    ],
    "ru": [
        [
            "В Петербурге из-за шторма закрыли дамбу и отменили часть рейсов",
        ],
        [
            (
                "Власти Санкт-Петербурга в ночь на вторник закрыли затворы защитной дамбы из-за "
                "сильного шторма на Балтике."
            ),
            "Порывы ветра в Кронштадте достигали 28 м/с.",
            "Уровень воды в Неве поднялся на 1,6 метра выше ординара.",
        ],
        [
            (
                "«Дамба отработала штатно, угрозы подтопления города нет», — сообщил журналистам "
                "глава комплекса защитных сооружений А. В. Смирнов."
            ),
            "По его словам, судоходный проход откроют, как только ветер стихнет.",
            "Это может произойти уже в среду утром.",
        ],
        [
            "В аэропорту Пулково задержали или отменили более 40 рейсов.",
            "Пассажиров просят заранее уточнять статус вылета на сайте аэропорта.",
            (
                "На дорогах города упали около 300 деревьев, т. е. почти вдвое больше, чем во "
                "время октябрьского шторма."
            ),
        ],
        [
            "Синоптики называют нынешний циклон одним из самых сильных за последние десять лет.",
            "Почему он оказался таким мощным?",
            (
                "Как объяснили в Гидрометцентре, над Балтикой столкнулись две воздушные массы с "
                "очень разной температурой."
            ),
        ],
        [
            "Дамбу построили в 2011 г., и с тех пор её затворы закрывали более 30 раз.",
        ],
    ],
    "ar": [
        [
            "أمطار غزيرة تغلق الطرق في الإسكندرية وتعطل الدراسة",
        ],
        [
            (
                "أغلقت السلطات المصرية يوم الأحد عدداً من الطرق الرئيسية في مدينة الإسكندرية بعد "
                "أمطار غزيرة استمرت أكثر من عشر ساعات."
            ),
            "وقالت محافظة الإسكندرية إن فرق الطوارئ تعمل على سحب المياه من الشوارع والأنفاق.",
            "كما قررت المحافظة تعطيل الدراسة في المدارس يوم الاثنين.",
        ],
        [
            (
                "وقال المتحدث باسم المحافظة في تصريح صحفي: «الوضع تحت السيطرة، ولا توجد إصابات "
                "حتى الآن»."
            ),
            (
                "وأضاف أن أكثر من ١٢٠ سيارة شفط مياه انتشرت في الأحياء المتضررة؛ وأن العمل سيستمر "
                "طوال الليل."
            ),
        ],
        [
            "وتسببت الأمطار في انقطاع الكهرباء عن بعض المناطق، منها سموحة وسيدي بشر.",
            "هل كانت المدينة مستعدة لهذه العاصفة؟",
            "يقول سكان إن شبكة الصرف لم تُحدَّث منذ سنوات!",
        ],
        [
            (
                "وتوقعت هيئة الأرصاد الجوية استمرار سقوط الأمطار حتى مساء الثلاثاء، مع رياح قوية "
                "على السواحل الشمالية."
            ),
            "ونصحت الهيئة المواطنين بعدم الخروج إلا للضرورة.",
        ],
    ],
}


def _text(language: str) -> str:
    return "\n".join(" ".join(paragraph) for paragraph in ARTICLES[language])


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_every_sentence_is_found_exactly(language: str) -> None:
    text = _text(language)
    expected = [s for paragraph in ARTICLES[language] for s in paragraph]
    assert [text[s.start : s.end] for s in split_sentences(text, language)] == expected


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_language_summaries_and_english_only_layers(language: str) -> None:
    text = _text(language)
    analysis = get_engine().analyse(text)
    sentences = [text[s.start : s.end] for s in analysis.sentences]
    assert analysis.language == language
    assert analysis.layers == {"entities": "en-only", "claims": "en-only"}
    assert analysis.entities == () and analysis.claims == ()
    summaries = analysis.summaries
    assert [len(summaries[k]) for k in ("headline", "short", "brief")] == [1, 3, 5]
    for ids in summaries.values():
        assert 0 not in ids  # the title line is not a sentence of the summary
        assert not any(is_fragment(sentences[i], len(sentences[i].split())) for i in ids)
    # the lede heads every length; at most one lead sentence is swapped for a later one
    assert all(ids[0] == 1 for ids in summaries.values())
    assert len(set(summaries["short"]) & {1, 2, 3}) >= 2
    assert len(set(summaries["brief"]) & {1, 2, 3, 4, 5}) >= 4


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_analyze_json_names_the_language_and_the_english_only_layers(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{language}.txt"
    path.write_text(_text(language), encoding="utf-8")
    assert main(["analyze", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == language
    assert data["layers"] == {"entities": "en-only", "claims": "en-only"}
    assert data["entities"] == [] and data["claims"] == []
    assert len(data["summaries"]["short"]) == 3
