"""OPML 1.0/2.0 subscription lists: read the feed outlines of a file, write our own.

Files declaring XML entities are refused and lxml runs with entity expansion and network
access disabled, so a hostile file cannot pull in other files or blow up in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from lxml import etree

from briefing.domain.errors import IngestError

MAX_OPML_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Outline:
    """One subscription of an OPML file."""

    url: str
    title: str = ""
    site_url: str | None = None


def read_opml(data: bytes, name: str) -> list[Outline]:
    """The feed outlines (``xmlUrl``) of an OPML document, nested folders included."""
    if len(data) > MAX_OPML_BYTES:
        raise IngestError(f"{name}: the OPML file is larger than the 5 MB limit")
    if b"<!entity" in data.lower():
        raise IngestError(f"{name}: refused: OPML files may not declare XML entities")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        detail = " ".join(str(error).split())
        raise IngestError(f"{name}: not a valid OPML file ({detail})") from None
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise IngestError(f"{name}: not an OPML file (no <opml> root element)")
    outlines: list[Outline] = []
    seen: set[str] = set()
    for node in root.iter("{*}outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            continue
        seen.add(url)
        title = node.get("title") or node.get("text") or ""
        site = (node.get("htmlUrl") or node.get("htmlurl") or "").strip() or None
        outlines.append(Outline(url=url, title=" ".join(title.split()), site_url=site))
    return outlines


def write_opml(outlines: Iterable[Outline], *, title: str = "Briefing subscriptions") -> str:
    """An OPML 2.0 document listing ``outlines`` as RSS subscriptions."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_text(title)}</title></head>",
        "  <body>",
    ]
    for outline in outlines:
        label = outline.title or outline.url
        attributes = [
            f"type={quoteattr('rss')}",
            f"text={quoteattr(label)}",
            f"title={quoteattr(label)}",
            f"xmlUrl={quoteattr(outline.url)}",
        ]
        if outline.site_url:
            attributes.append(f"htmlUrl={quoteattr(outline.site_url)}")
        lines.append(f"    <outline {' '.join(attributes)}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
