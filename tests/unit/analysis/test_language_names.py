"""Language identification is not fooled by names: foreign club names in an English results
table, English names in a German article."""

from __future__ import annotations

from briefing.analysis import get_engine
from briefing.analysis.language import detect_language

POLISH_TABLE = """SOCCER - POLISH FIRST DIVISION RESULTS .
WARSAW 1996-08-24
Results of Polish first division soccer matches on Saturday :
Amica Wronki 3 Hutnik Krakow 0
Sokol Tychy 5 Lech Poznan 3
Rakow Czestochowa 1 Stomil Olsztyn 4
Wisla Krakow 1 Gornik Zabrze 0
Slask Wroclaw 1 Odra Wodzislaw 1
GKS Katowice 1 Polonia Warszawa 0
Zaglebie Lubin 2 LKS Lodz 1
Legia Warszawa 3 Pogon Szczecin 0
"""

GERMAN_WITH_ENGLISH_NAMES = (
    "Microsoft-Chef Satya Nadella und Apple-Chef Tim Cook haben am Donnerstag in New York "
    "über die Zukunft der künstlichen Intelligenz gesprochen. Die Unternehmen wollen enger "
    "zusammenarbeiten, sagte ein Sprecher von Google in San Francisco."
)


def test_a_results_table_of_foreign_clubs_with_an_english_introduction_is_english() -> None:
    assert detect_language(POLISH_TABLE) == "en"
    analysis = get_engine("builtin").analyse(POLISH_TABLE)
    names = {e.name for e in analysis.entities}
    assert {"Lech Poznan", "Legia Warszawa"} <= names


def test_english_names_in_a_german_article_leave_it_german() -> None:
    assert detect_language(GERMAN_WITH_ENGLISH_NAMES) == "de"


def test_a_text_of_names_only_is_judged_on_all_its_words() -> None:
    assert detect_language("Vladimir Putin Moscow Kremlin") != ""
