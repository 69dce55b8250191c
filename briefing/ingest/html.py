"""Web pages -> IngestedDocument: sanitise with nh3, remove furniture, extract the article.

Sanitising first means nothing executable or remote (scripts, styles, frames, images,
``on*`` handlers, ``javascript:`` links) reaches the extractor, so none of it can surface in
the text or the metadata. Containers such as ``<form>`` are unwrapped (their content stays:
ASP.NET pages wrap the whole body in one) and tables are kept. Hover-cards and other
furniture go (:mod:`briefing.ingest.pagejunk`); :mod:`briefing.ingest.extract` picks the
article among trafilatura's strategies; :mod:`briefing.ingest.pagemeta` the title, author
and date. The text keeps the page's structure as blocks (headings, list items, table rows).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import htmldate
import lxml.html
import nh3
import trafilatura
from lxml import etree

from briefing.domain.errors import IngestError
from briefing.ingest.document import IngestedDocument
from briefing.ingest.extract import Candidate, choose, drop_notices
from briefing.ingest.jsonld import linked_data_scripts, read_linked_metadata
from briefing.ingest.pagejunk import remove_junk, unwrap_forms, unwrap_layout_tables
from briefing.ingest.pagemeta import page_metadata
from briefing.ingest.structure import StructuredText
from briefing.ingest.titles import fallback_title

# Content that must vanish together with its tag.
_DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "noscript",
        "template",
        "svg",
        "math",
        "object",
        "embed",
        "applet",
        "canvas",
        "video",
        "audio",
        "select",
        "button",
        "textarea",
    }
)
# Kept for the extractor: structure, metadata tags and the class/id hints trafilatura uses
# to spot boilerplate (cookie banners, bylines, related lists). Images are not kept.
# ``form`` stays for pagejunk to judge: a page-wide ASP.NET form is unwrapped, a login or
# comment form dropped.
_EXTRA_TAGS = frozenset({"title", "meta", "main", "section", "time", "address", "form"})
_MAX_BYLINE_WORDS = 20
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BYLINE_RE = re.compile(r"^(by|von|par|por|door|di)[\s:]", re.IGNORECASE)


@cache
def _sanitiser_options() -> dict[str, Any]:
    tags = (set(nh3.ALLOWED_TAGS) | _EXTRA_TAGS) - {"img", "map", "area"}
    attributes: dict[str, set[str]] = {
        "*": {"class", "id", "lang", "dir", "itemprop"},
        "a": {"href", "hreflang"},
        "meta": {"name", "property", "content", "charset", "itemprop"},
        "time": {"datetime"},
        "td": {"colspan", "rowspan"},
        "th": {"colspan", "rowspan", "scope"},
    }
    return {
        "tags": tags - _DROP_WITH_CONTENT,
        "clean_content_tags": set(_DROP_WITH_CONTENT),
        "attributes": attributes,
        "url_schemes": {"http", "https", "mailto"},
        "link_rel": None,
        "strip_comments": True,
    }


_HEAD_TAG_RE = re.compile(r'<title>[^<]*</title>|<meta(?:\s+[\w:.-]+(?:="[^"]*")?)*\s*/?>')


def sanitise_html(html: str) -> str:
    """Return ``html`` without anything executable, embedded or remote-loading.

    nh3 cleans a fragment and drops the ``<head>``/``<body>`` wrapper; the document is
    rebuilt with ``<title>`` and ``<meta>`` moved back into the head, where metadata
    extractors look for them.
    """
    fragment = nh3.clean(html, **_sanitiser_options())
    head = "".join(_HEAD_TAG_RE.findall(fragment))
    body = _HEAD_TAG_RE.sub("", fragment)
    return f"<!DOCTYPE html>\n<html><head>{head}</head><body>{body}</body></html>"


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _is_byline(paragraph: str, author: str | None) -> bool:
    """A short line such as "By Jane Roe · 23 December 2025" (not a sentence)."""
    if len(paragraph.split()) > _MAX_BYLINE_WORDS or paragraph.endswith((".", "!", "?")):
        return False
    if _BYLINE_RE.match(paragraph):
        return True
    return bool(author) and paragraph.casefold().startswith((author or "").casefold())


def _trim_head(lines: StructuredText, title: str, author: str | None) -> None:
    """Drop a repeated headline and the byline under it from the first lines."""
    texts = lines.texts()
    if texts and title and _same_words(texts[0], title):
        lines.drop_first()
        texts = texts[1:]
    # A byline sits just under the headline: look only at the first two lines.
    for index in range(min(2, len(texts))):
        if lines.lines[index][0] in ("paragraph", "heading") and _is_byline(texts[index], author):
            del lines.lines[index]
            break


def _parse(clean_html: str, name: str) -> Any:
    try:
        return lxml.html.document_fromstring(clean_html)
    except (etree.ParserError, ValueError) as error:
        detail = " ".join(str(error).split()) or type(error).__name__
        raise IngestError(f"{name}: could not parse this HTML page ({detail})") from None


def _choose(tree: Any, url: str | None, name: str) -> tuple[Candidate | None, list[str]]:
    try:
        return choose(tree, url)
    except (ValueError, etree.LxmlError) as error:
        detail = " ".join(str(error).split()) or type(error).__name__
        raise IngestError(f"{name}: could not parse this HTML page ({detail})") from None


def _page_date(html: str, url: str | None) -> str | None:
    """The publication date htmldate finds in the original page (its markup, scripts'
    data and text): only a YYYY-MM-DD string comes back, nothing else of the page."""
    try:
        found = htmldate.find_date(html, original_date=True, url=url)
    except (ValueError, etree.LxmlError):
        return None
    return found if found and _DATE_RE.match(found) else None


def _page_metadata(html: str, url: str | None, name: str) -> dict[str, Any]:
    """trafilatura's reading of the page's metadata (JSON-LD, meta tags, bylines, dates in
    the text)."""
    try:
        found = trafilatura.extract_metadata(html, default_url=url)
    except (ValueError, etree.LxmlError) as error:
        detail = " ".join(str(error).split()) or type(error).__name__
        raise IngestError(f"{name}: could not parse this HTML page ({detail})") from None
    return found.as_dict() if found is not None else {}


def read_html(
    html: str, *, url: str | None = None, source_path: str | None = None
) -> IngestedDocument:
    """Extract the article of a web page (already decoded to str)."""
    name = url or source_path or "the HTML text"
    clean = sanitise_html(html)
    tree = _parse(clean, name)
    unwrap_forms(tree)
    remove_junk(tree)
    unwrap_layout_tables(tree)
    chosen, warnings = _choose(tree, url, name)
    if chosen is None:
        # The cleaning took too much: the sanitised page as it is, forms unwrapped.
        tree = _parse(clean.replace("<form", "<div").replace("</form", "</div"), name)
        chosen, warnings = _choose(tree, url, name)
    if chosen is None:
        raise IngestError(f"{name}: no article text found in this HTML page")
    drop_notices(chosen)
    # Metadata from the sanitised page plus its JSON-LD data: nothing hidden or executable
    # (an unclosed <script> swallowing the page) can become a title or an author.
    with_linked = clean.replace("<head>", "<head>" + linked_data_scripts(html), 1)
    extracted = _page_metadata(with_linked, url, name)
    extracted["date"] = _page_date(html, url) or extracted.get("date")
    hostname = extracted.get("hostname") or (urlsplit(url).hostname if url else None)
    meta = page_metadata(extracted, read_linked_metadata(html), tree, hostname)
    untrimmed = chosen.lines.build()
    _trim_head(chosen.lines, meta.title or "", meta.author)
    text, blocks = chosen.lines.build()
    if not text:  # nothing but the headline and byline: keep them rather than refuse
        text, blocks = untrimmed
    if not text:
        raise IngestError(f"{name}: no article text found in this HTML page")
    sources = dict(meta.sources)
    sources["text"] = chosen.strategy
    if not meta.title:
        sources["title"] = "text"
    return IngestedDocument(
        title=meta.title or fallback_title(text, source_path),
        text=text,
        author=meta.author,
        published=meta.published,
        source_url=url,
        source_path=source_path,
        blocks=blocks,
        warnings=tuple(warnings),
        meta_source=tuple(sorted(sources.items())),
    )
