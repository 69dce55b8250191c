"""Issue 20 item 1 in the GUI: the Claims tab lists the analysis's claims strongest first,
candidates only on request; the preview's claim limits are saved and applied."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefing.domain.analysis import Claim


def test_claims_tab_lists_claims_and_all_candidates_on_request(qtbot, shown_sample) -> None:
    win = shown_sample
    analysis = win.session.analysis
    claims = (Claim(0, 20, 0.55, "other"), Claim(30, 60, 0.92, "statistic"))
    candidates = tuple(Claim(100 + 10 * i, 105 + 10 * i, 0.3 + i / 100, "other")
                       for i in range(3))
    win.session.set_analysis(win.session.article_id,
                             replace(analysis, claims=claims, claim_candidates=candidates))
    panel = win.claims
    win.show_tab(2)
    qtbot.wait(50)
    model = panel.model
    assert [c.score for c in model.claims()] == [0.92, 0.55]  # the claims, strongest first
    box = panel.all_candidates
    assert box.isVisible() and box.isEnabled() and "+3" in box.text()
    box.setChecked(True)
    assert len(model.claims()) == 5
    assert [c.score for c in model.claims()] == sorted((c.score for c in model.claims()),
                                                       reverse=True)
    box.setChecked(False)
    assert len(model.claims()) == 2
    marks = [m for m in win.view.marks if m.layer == "claims"]
    assert len(marks) == 2  # only claims are tinted in the text, never the candidates


def test_preview_claim_limits_are_saved_and_applied(qtbot, shown_sample, tmp_path: Path):
    from briefing.gui.briefs import PreviewDialog
    from briefing.settings_store import load_claim_limits

    win = shown_sample
    total = len(win.session.analysis.claims)
    assert total >= 2
    dialog = PreviewDialog([win.session.article_id], "Brief", win)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=20000):
        dialog.show()
    assert "weaker claim" not in dialog.browser.toPlainText()
    with qtbot.waitSignal(dialog.rendered, timeout=20000):
        dialog.claim_limits.top.setValue(1)
    qtbot.waitUntil(lambda: not dialog.jobs.is_busy())
    assert load_claim_limits().top_n == 1
    text = dialog.browser.toPlainText()
    assert f"{total - 1} weaker claim" in text
    again = PreviewDialog([win.session.article_id], "Brief", win)
    qtbot.addWidget(again)
    assert again.claim_limits.top.value() == 1  # remembered
    qtbot.waitUntil(lambda: not again.jobs.is_busy(), timeout=20000)
    again.close()
    dialog.close()
