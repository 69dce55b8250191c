"""Hostile and malformed input for ingest: no crash, no hang, IngestError or an article,
and the library unchanged when an import fails."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.domain import BriefingError
from briefing.ingest import IngestedDocument, normalise_text, read_html, read_path
from briefing.services import Library
from briefing.services.articles import import_document, list_articles

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

TAGS = ["p", "div", "article", "script", "style", "iframe", "img", "a", "nav", "h1", "table",
        "svg", "math", "template", "object", "embed", "form", "noscript", "!--", "![CDATA["]
ATTRS = ['href="javascript:alert(1)"', 'src="https://evil.invalid/x"', 'onerror="alert(1)"',
         'style="background:url(https://evil.invalid)"', 'srcset="https://evil.invalid/a 1x"',
         'data="https://evil.invalid/o"', "", 'class="content"']
WORDS = st.sampled_from(
    ["Officials", "said", "40", "drones", "struck", "Kyiv", "on", "Tuesday.", "é", "\u200b",
     "\U0001f600", "&amp;", "&#0;", "<", ">", "\x00", "\r\n", "\t", "about", "75%"]
)


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        attr = draw(st.sampled_from(ATTRS))
        body = " ".join(draw(st.lists(WORDS, max_size=30)))
        closing = draw(st.booleans())
        parts.append(f"<{tag} {attr}>{body}" + (f"</{tag}>" if closing else ""))
    return "<html><head><title>" + draw(st.text(max_size=20)) + "</title></head><body>" + (
        "".join(parts)
    )


@FUZZ
@given(html_documents())
def test_html_never_crashes_and_never_keeps_active_content(html: str) -> None:
    try:
        doc = read_html(html, source_path="fuzz.html")
    except BriefingError as exc:
        assert "fuzz.html" in str(exc) and "\n" not in str(exc)
        return
    assert isinstance(doc, IngestedDocument)
    blob = (doc.text + doc.title + (doc.author or "")).lower()
    for bad in ("<script", "javascript:", "onerror=", "evil.invalid", "\x00"):
        assert bad not in blob
    assert normalise_text(doc.text) == doc.text


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from([".txt", ".md", ".html", ".dat", ""]))
def test_any_bytes_in_any_file_give_an_article_or_one_clear_error(
    data: bytes, suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            doc = read_path(path)
        except BriefingError as exc:
            message = str(exc)
            assert str(path) in message and "\n" not in message and "Traceback" not in message
            return
    assert doc.text == normalise_text(doc.text)
    assert doc.title.strip()


@FUZZ
@given(st.text(max_size=3000))
def test_normalisation_is_idempotent_on_any_text(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    once.encode("utf-8")  # always hashable as UTF-8 (no lone surrogates)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=400))
def test_failed_imports_leave_the_library_unchanged(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        from briefing.paths import AppPaths

        root = Path(tmp)
        paths = AppPaths(root / "d", root / "c", root / "k", root / "l")
        with Library.open(paths) as lib:
            import_document(
                lib, IngestedDocument(title="Kept", text="Officials said 40 left Kyiv.")
            )
            before = [(r.id, r.title) for r in list_articles(lib)]
            try:
                import_document(lib, IngestedDocument(title="x", text=normalise_text(text)))
            except BriefingError:
                assert [(r.id, r.title) for r in list_articles(lib)] == before
