"""The CLI's progress lines for the analyses a command computes first (cli.progress)."""

from __future__ import annotations

import io

from briefing.cli.progress import EVERY, MIN_TOTAL, AnalysisProgress


def test_small_steps_say_nothing() -> None:
    out = io.StringIO()
    report = AnalysisProgress(out, clock=lambda: 0.0)
    for done in range(1, MIN_TOTAL):
        report("builtin 2.3.0", done, MIN_TOTAL - 1)
    assert out.getvalue() == ""


def test_a_start_line_a_line_every_few_seconds_and_an_end_line() -> None:
    now = [0.0]
    out = io.StringIO()
    report = AnalysisProgress(out, clock=lambda: now[0])
    for done in range(40, 1001, 40):
        now[0] += EVERY / 4  # a batch every quarter of the interval
        report("builtin 2.3.0", done, 1000)
    lines = out.getvalue().splitlines()
    assert lines[0] == ("briefing: analysing 1,000 articles that have no analysis by engine "
                        "builtin 2.3.0 yet (after an update: every article, once)…")
    assert lines[1:4] == ["briefing: … 200 of 1,000 analysed", "briefing: … 360 of 1,000 "
                          "analysed", "briefing: … 520 of 1,000 analysed"]
    assert lines[-1] == "briefing: analysed 1,000 articles"
    assert len(lines) == 7  # the start, five on the way (every 4 batches), the end
