"""A whole session on the sample (import, analyse, annotate, revise, export) makes no
outbound network attempt, and hostile HTML comes in with nothing remote left active."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.services import Library
from briefing.services.annotating import annotate_quote
from briefing.services.articles import analysis_for, get_article, import_source
from briefing.services.exporting import export_brief
from briefing.services.revising import revise_from_source
from tests.netguard import no_network

HOSTILE = """<html><head><title>Hostile page</title>
<link rel="stylesheet" href="https://cdn.example.invalid/x.css">
<script src="https://tracker.example.invalid/t.js"></script></head>
<body onload="fetch('https://tracker.example.invalid/p')">
<article><h1>Hostile page</h1>
<p>Officials reported that 40 drones <img src="https://img.example.invalid/a.png"
onerror="alert(1)"> struck the city overnight, according to the regional governor.</p>
<iframe src="https://ads.example.invalid/frame"></iframe>
<p>The mayor said repairs would take about three weeks. <a href="javascript:alert('x')">Share</a>
<a href="https://example.invalid/more">Read more</a></p>
<object data="https://example.invalid/x.swf"></object>
<p>Residents were told to stay indoors while engineers inspected the damaged substation.</p>
</article></body></html>"""


def test_session_makes_no_outbound_connection(
    monkeypatch: pytest.MonkeyPatch, samples: Path, tmp_path: Path
) -> None:
    with no_network(monkeypatch) as attempts, Library.open() as lib:
        article = import_source(lib, str(samples / "siversk.html")).article
        analysis = analysis_for(lib, article)
        assert analysis.entities and analysis.claims
        annotate_quote(lib, article.id, "about 75%", note="check", tags=["to-check"])
        revise_from_source(lib, article.id, str(samples / "siversk-revised.txt"))
        for fmt in ("markdown", "html", "w3c"):
            export_brief(lib, [article.id], fmt, tmp_path / f"brief.{fmt}")
    assert attempts == []


def test_hostile_html_keeps_nothing_active(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE, encoding="utf-8")
    with no_network(monkeypatch) as attempts, Library.open() as lib:
        article = get_article(lib, import_source(lib, str(page)).article.id)
        html, _ = export_brief(lib, [article.id], "html")
        w3c, _ = export_brief(lib, [article.id], "w3c")
    assert attempts == []
    stored = article.text + article.title + json.dumps([article.author, article.published])
    for bad in ("<script", "javascript:", "onerror", "onload", "<iframe", "<img", "alert(",
                "tracker.example", "img.example", "ads.example"):
        assert bad not in stored.lower()
        assert bad not in html.lower()
    assert "40 drones" in article.text
    assert "<script" not in html.lower() and "src=\"http" not in html.lower()
    assert "Content-Security-Policy" in html
    assert w3c


def test_the_guard_catches_an_outbound_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard used above is not a no-op: a real client's attempt is refused and listed."""
    import httpx

    from briefing.domain import IngestError
    from briefing.ingest import fetch_url

    with no_network(monkeypatch) as attempts:
        with pytest.raises((httpx.HTTPError, OSError, IngestError)):
            fetch_url("http://203.0.113.9/article", timeout=2)
        assert attempts
