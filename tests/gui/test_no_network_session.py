"""A whole reader session on the sample (open, analyse, annotate, preview, export) with every
outbound connection refused: the reader must not even try one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.gui.briefs import PreviewDialog
from briefing.services.annotating import annotations_for
from tests.netguard import no_network


@pytest.fixture
def net_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    with no_network(monkeypatch) as attempts:
        yield attempts


def test_reader_session_makes_no_outbound_connection(
    qtbot, net_attempts: list[Any], window, samples: Path, tmp_path: Path, monkeypatch
) -> None:
    win = window
    with qtbot.waitSignal(win.analysis_shown, timeout=30000):
        win.importer.start([str(samples / "siversk.html")])  # remote img/script/iframe inside
    article = win.session.article
    assert article is not None and win.session.analysis.entities
    start = article.text.index("about 75%")
    win.view.select_span(start, start + len("about 75%"))
    assert win.annotator.highlight("yellow") is not None
    assert [a.selector.exact for a in annotations_for(win.lib, article.id)] == ["about 75%"]
    claim = win.session.analysis.claims[0]
    win.reveal(claim.start, claim.end)

    win.acts["preview_brief"].trigger()
    preview = win.findChild(PreviewDialog)
    assert preview is not None
    qtbot.waitUntil(lambda: article.title in preview.browser.toPlainText(), timeout=20000)
    assert preview.browser.remote_requests() == []
    preview.close()

    for fmt in ("markdown", "html", "w3c"):
        out = tmp_path / f"brief.{fmt}"
        monkeypatch.setattr(win, "ask_save_path", lambda _f, _s, out=out: str(out))
        assert win.export(fmt) == out and out.stat().st_size > 0
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "example.invalid" not in html and "<script" not in html.lower()
    assert net_attempts == []
