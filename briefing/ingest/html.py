"""Web pages -> IngestedDocument: sanitise with nh3, then extract the article with trafilatura.

Sanitising first means nothing executable or remote (scripts, styles, frames, images,
``on*`` handlers, ``javascript:`` links) reaches the extractor, so none of it can surface in
the text or the metadata. trafilatura then finds the main text, title, author and date.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import nh3
import trafilatura
from lxml import etree

from briefing.domain.errors import IngestError
from briefing.ingest.document import IngestedDocument
from briefing.ingest.jsonld import read_linked_metadata
from briefing.ingest.normalise import normalise_text
from briefing.ingest.titles import fallback_title, strip_site_suffix

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
        "form",
        "select",
        "button",
        "textarea",
    }
)
# Kept for the extractor: structure, metadata tags and the class/id hints trafilatura uses
# to spot boilerplate (cookie banners, bylines, related lists). Images are not kept.
_EXTRA_TAGS = frozenset({"title", "meta", "main", "section", "time", "address"})
# Never article text, even when trafilatura falls back to taking the whole body.
_PRUNE_XPATH = [
    "//nav",
    "//footer",
    "//aside",
    "//*[contains(@class, 'cookie') or contains(@id, 'cookie')]",
    "//*[contains(@class, 'consent') or contains(@id, 'consent')]",
]
# Fewer words than this is a menu or a stub, not an article.
MIN_ARTICLE_WORDS = 10
_MAX_BYLINE_WORDS = 20
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


def _og_title(clean_html: str) -> str | None:
    """The og:title (or twitter:title) meta value, if the page has one."""
    try:
        tree = lxml.html.fromstring(clean_html)
    except (etree.ParserError, ValueError):
        return None
    for key in ("og:title", "twitter:title"):
        for meta in tree.iter("meta"):
            if key in (meta.get("property"), meta.get("name")):
                value = " ".join((meta.get("content") or "").split())
                if value:
                    return value
    return None


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _is_byline(paragraph: str, author: str | None) -> bool:
    """A short line such as "By Jane Roe · 23 December 2025" (not a sentence)."""
    if len(paragraph.split()) > _MAX_BYLINE_WORDS or paragraph.endswith((".", "!", "?")):
        return False
    if _BYLINE_RE.match(paragraph):
        return True
    return bool(author) and paragraph.casefold().startswith((author or "").casefold())


def _article_paragraphs(text: str, title: str, author: str | None) -> list[str]:
    """Paragraphs of the extracted text without a repeated headline or the byline."""
    paragraphs = normalise_text("\n\n".join(text.splitlines())).split("\n")
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    # A byline sits just under the headline: look only at the first two paragraphs.
    for index in range(min(2, len(paragraphs))):
        if _is_byline(paragraphs[index], author):
            del paragraphs[index]
            break
    return paragraphs


def _choose_title(
    og_title: str | None, extracted: str | None, hostname: str | None, sitename: str | None
) -> str | None:
    if og_title:
        return og_title
    if extracted:
        cleaned = " ".join(extracted.split())
        return strip_site_suffix(cleaned, sitename=sitename, hostname=hostname) or None
    return None


def read_html(
    html: str, *, url: str | None = None, source_path: str | None = None
) -> IngestedDocument:
    """Extract the article of a web page (already decoded to str)."""
    name = url or source_path or "the HTML text"
    clean = sanitise_html(html)
    try:
        extracted = trafilatura.bare_extraction(
            clean,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
            prune_xpath=_PRUNE_XPATH,
        )
    except (ValueError, etree.LxmlError) as error:
        detail = " ".join(str(error).split()) or type(error).__name__
        raise IngestError(f"{name}: could not parse this HTML page ({detail})") from None
    if extracted is None:
        raise IngestError(f"{name}: no article text found in this HTML page")
    meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    linked = read_linked_metadata(html)
    hostname = meta.get("hostname") or (urlsplit(url).hostname if url else None)
    title = _choose_title(
        _og_title(clean) or linked.headline, meta.get("title"), hostname, meta.get("sitename")
    )
    author = " ".join((meta.get("author") or "").split()) or linked.author
    paragraphs = _article_paragraphs(meta.get("text") or "", title or "", author)
    if sum(len(paragraph.split()) for paragraph in paragraphs) < MIN_ARTICLE_WORDS:
        raise IngestError(f"{name}: no article text found in this HTML page")
    text = "\n".join(paragraphs)
    return IngestedDocument(
        title=title or fallback_title(text, source_path),
        text=text,
        author=author,
        published=meta.get("date") or linked.published,
        source_url=url,
        source_path=source_path,
    )
