"""The debate loader of the check-worthiness training (scripts/analysis/claim_debates.py):
CLEF-2020 gold lines cut into debates by the raw files, and the CLEF-2019 test exclusion."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.analysis.claim_debates import (
    align_clef20,
    drop_excluded,
    load_debates,
    read_exclusion,
    text_key,
)


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def clef20(tmp_path: Path) -> Path:
    folder = tmp_path / "clef20"
    _write(
        folder / "raw" / "20180101_a.tsv",
        ["1\tHOST\tGood evening.", "2\tSMITH\tTaxes rose by 12% last year.", "3\tHOST\tThank you."],
    )
    _write(
        folder / "raw" / "20190101_b.tsv",
        ["1\tJONES\tWe built 400 miles of wall.", '2\tJONES\t"It\'s great," he said.'],
    )
    _write(  # b comes first; the gold text has curly quotes where b has straight ones
        folder / "test-gold.tsv",
        [
            "text\tlabel",
            "We built 400 miles of wall.\t1",
            "“It’s great,” he said.\t0",
            "Good evening.\t0",
            "Taxes rose by 12% last year.\t1",
            "Thank you.\t0",
        ],
    )
    return folder


def test_gold_lines_are_cut_into_the_raw_debates_in_gold_order(clef20: Path) -> None:
    debates, exact = align_clef20(clef20 / "test-gold.tsv", clef20 / "raw")
    assert [d.name for d in debates] == ["clef20/20190101_b", "clef20/20180101_a"]
    assert debates[0].labels == [1, 0] and debates[1].labels == [0, 1, 0]
    assert debates[1].speakers == ["HOST", "SMITH", "HOST"]
    assert debates[0].texts[1] == "“It’s great,” he said."  # the gold text is kept
    assert exact == 4  # all but the line whose quotes differ


def test_a_gold_line_no_raw_file_continues_is_reported(clef20: Path) -> None:
    gold = clef20 / "test-gold.tsv"
    gold.write_text(gold.read_text(encoding="utf-8").replace("Thank you.", "Thanks."), "utf-8")
    with pytest.raises(ValueError, match=r"test-gold\.tsv:4: no file"):
        align_clef20(gold, clef20 / "raw")


def test_sentences_of_the_clef19_test_file_are_dropped(tmp_path: Path, clef20: Path) -> None:
    exclusion = tmp_path / "CT19-T1-Test.csv"
    exclusion.write_text(
        "line_number,speaker,text,label,file_name\n"
        '1,HOST,"THANK   you.",0,x.tsv\n'
        '2,HOST,"Taxes rose by 12% last year",1,x.tsv\n',  # no full stop: a different text
        encoding="utf-8",
    )
    assert read_exclusion(exclusion) == {text_key("Thank you."), "taxes rose by 12% last year"}
    clef19 = tmp_path / "clef19"
    _write(clef19 / "20160101_c.tsv", ["1\tA\tThank you.\t0", "2\tA\tCrime is up 20%.\t1"])
    _write(clef19 / "20160102_d.tsv", ["1\tB\tThank  you.\t0"])
    debates, counts = load_debates(clef19, clef20, exclusion)
    assert [d.name for d in debates] == [
        "clef19/20160101_c",
        "clef20/20190101_b",
        "clef20/20180101_a",
    ]  # d held nothing else: dropped
    assert counts["clef19_removed"] == 2 and counts["clef20_removed"] == 1
    assert counts["clef19_removed_positives"] == 0 and counts["clef20_sentences"] == 5
    assert all(text_key(t) != "thank you." for d in debates for t in d.texts)
    assert debates[2].texts == ["Good evening.", "Taxes rose by 12% last year."]
    kept, removed = drop_excluded(debates, {text_key("Good evening.")})
    assert removed == 1 and kept[2].labels == [1]


def test_an_exclusion_file_without_a_text_column_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("line,sentence\n1,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'text' column"):
        read_exclusion(bad)
