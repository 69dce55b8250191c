"""Issue 20 item 1: exports list claims above a minimum score and at most N per article,
strongest first; claims the user assessed are always listed; the choice is saved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.domain.claim_limits import ClaimLimits
from briefing.services import Library
from briefing.services.articles import analysis_for, import_source

CLAIM_HEAD = re.compile(r"^\*\*\d+\. [^*]+\*\* · score (\d\.\d\d)", re.MULTILINE)


def _scores(markdown: str) -> list[float]:
    return [float(s) for s in CLAIM_HEAD.findall(markdown)]


@pytest.fixture
def sample(samples: Path) -> tuple[int, list[float]]:
    with Library.open() as lib:
        article = import_source(lib, str(samples / "siversk.txt")).article
        analysis = analysis_for(lib, article)
        assert analysis is not None
        return article.id, sorted((c.score for c in analysis.claims), reverse=True)


def _export(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["export", *argv]) == 0
    return capsys.readouterr().out


def test_min_score_and_top_n_on_the_command_line(capsys, sample) -> None:
    article_id, scores = sample
    assert len(scores) >= 3
    everything = _export(capsys, str(article_id))
    assert len(_scores(everything)) == len(scores)
    top = _export(capsys, str(article_id), "--top", "2")
    assert sorted(_scores(top), reverse=True) == [round(s, 2) for s in scores[:2]]
    hidden = len(scores) - 2
    assert f"*{hidden} weaker claim{'s' if hidden > 1 else ''} not listed.*" in top
    cut = (scores[0] + scores[-1]) / 2
    above = _export(capsys, str(article_id), "--min-score", f"{cut:.4f}")
    assert _scores(above) and all(s >= round(cut, 2) - 0.005 for s in _scores(above))
    assert len(_scores(above)) == sum(1 for s in scores if s >= cut)


def test_bad_limits_are_refused_clearly(capsys, sample) -> None:
    article_id, _ = sample
    with pytest.raises(SystemExit):
        main(["export", str(article_id), "--min-score", "3"])
    assert "between 0 and 1" in capsys.readouterr().err


def test_saved_limits_apply_and_assessed_claims_stay(capsys, sample) -> None:
    from briefing.services.annotating import new_annotation, save_annotation
    from briefing.services.articles import get_article
    from briefing.settings_store import load_claim_limits, save_claim_limits

    article_id, scores = sample
    save_claim_limits(ClaimLimits(0.0, 1))
    assert load_claim_limits() == ClaimLimits(0.0, 1)
    assert len(_scores(_export(capsys, str(article_id)))) == 1
    with Library.open() as lib:  # a verdict on the weakest claim: it is listed anyway
        article = get_article(lib, article_id)
        analysis = analysis_for(lib, article)
        weakest = min(analysis.claims, key=lambda c: c.score)
        save_annotation(lib, new_annotation(article, weakest.start, weakest.end, color=None,
                                            verdict="disputed"))
    listed = _export(capsys, str(article_id))
    assert len(_scores(listed)) == 2
    assert "disputed" in listed.lower()
    assert len(_scores(_export(capsys, str(article_id), "--top", "0"))) == len(scores)


def test_template_states_the_limits(tmp_path: Path, capsys, sample) -> None:
    article_id, _ = sample
    template = tmp_path / "mine.md.tmpl"
    template.write_text("Listed: ${claim_limits}\n\n${articles}\n", encoding="utf-8")
    out = _export(capsys, str(article_id), "--template", str(template),
                  "--min-score", "0.6", "--top", "5")
    assert out.startswith("Listed: claims scoring at least 0.60, at most 5 per article")
