"""Feed parsing, OPML and the refresh schedule, without a network."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from briefing.domain.errors import IngestError
from briefing.feeds.model import Feed
from briefing.feeds.opml import Outline, read_opml, write_opml
from briefing.feeds.parse import html_to_text, parse_feed
from briefing.feeds.schedule import due, is_due, next_check, retry_delay
from tests.unit.feeds.conftest import DATA


def _fixture(name: str) -> bytes:
    return (DATA / name).read_text(encoding="utf-8").replace("{base}", "http://x.test").encode()


def test_rss_entries() -> None:
    feed = parse_feed(_fixture("rss2.xml"), url="http://x.test/rss.xml")
    assert feed.title == "Harbour Town Gazette" and feed.warning is None
    first, _, teaser = feed.entries
    assert first.key == "gazette-1001" and first.link == "http://x.test/news/sea-wall"
    assert first.published == "2026-11-23T08:00:00Z"
    assert first.word_count >= 80 and first.text.count("\n") == 1
    assert teaser.word_count < 80


def test_duplicates_and_keys() -> None:
    xml = b"""<rss version="2.0"><channel><title>T</title>
    <item><title>A</title><link>http://x.test/a</link><description>one</description></item>
    <item><title>A again</title><link>http://x.test/a</link><description>two</description></item>
    <item><title>No link</title><description>three</description></item>
    <item><title>Bad link</title><link>javascript:alert(1)</link><description>x</description></item>
    </channel></rss>"""
    feed = parse_feed(xml, url="http://x.test/f")
    keys = [e.key for e in feed.entries]
    assert keys[0] == "http://x.test/a" and len(keys) == 3
    assert keys[1].startswith("sha256:")
    assert feed.entries[2].link is None


def test_not_a_feed() -> None:
    with pytest.raises(IngestError, match=r"^http://x.test/f: not a valid RSS or Atom feed"):
        parse_feed(b"hello world", url="http://x.test/f")
    with pytest.raises(IngestError, match="this is a web page"):
        parse_feed(b"<!DOCTYPE html><html><body>hi</body></html>", url="http://x.test/f")


def test_html_to_text_keeps_paragraphs() -> None:
    html = "<p>One &amp; two.</p><script>evil()</script><ul><li>three</li></ul>"
    assert html_to_text(html) == "One & two.\nthree"


def test_opml_reading_ignores_non_web_and_duplicates() -> None:
    outlines = read_opml((DATA / "subscriptions.opml").read_bytes(), "subs.opml")
    assert outlines == [
        Outline("http://127.0.0.1:9/rss.xml", "Harbour Town Gazette", "http://127.0.0.1:9/"),
        Outline("http://127.0.0.1:9/atom.xml", "Valley & Science", None),
    ]
    again = read_opml(write_opml(outlines).encode(), "ours.opml")
    assert again == outlines


def test_opml_refuses_entities_and_junk() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <opml><body><outline xmlUrl="http://x.test/&b;"/></body></opml>"""
    with pytest.raises(IngestError, match=r"bomb\.opml: refused: .* may not declare XML entities"):
        read_opml(bomb, "bomb.opml")
    with pytest.raises(IngestError, match=r"junk\.opml: not a valid OPML file"):
        read_opml(b"<opml><body>", "junk.opml")


def test_schedule_backs_off_after_failures() -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    fresh = Feed(id=1, url="http://x.test/a")
    checked = Feed(id=2, url="http://x.test/b", last_checked="2026-11-26T11:30:00Z")
    stale = Feed(id=3, url="http://x.test/c", last_checked="2026-11-26T10:00:00Z")
    failing = Feed(id=4, url="http://x.test/d", last_checked="2026-11-26T10:00:00Z", failures=2)
    assert next_check(fresh) is None and is_due(fresh, now)
    assert not is_due(checked, now) and is_due(stale, now)
    assert retry_delay(failing) == timedelta(hours=4) and not is_due(failing, now)
    assert retry_delay(Feed(id=5, url="u", failures=30)) == timedelta(hours=24)
    assert [f.id for f in due([failing, stale, checked, fresh], now)] == [1, 3]


def test_valid_utf8_wins_over_a_wrong_legacy_header() -> None:
    xml = (
        "<rss version='2.0'><channel><title>Café Müller</title><item><title>Crème</title>"
        "<description>x</description></item></channel></rss>"
    ).encode()
    feed = parse_feed(xml, url="http://x.test/f", content_type="text/xml; charset=iso-8859-1")
    assert feed.title == "Café Müller" and feed.entries[0].title == "Crème"
    latin = xml.decode().encode("latin-1")
    feed = parse_feed(latin, url="http://x.test/f", content_type="text/xml; charset=iso-8859-1")
    assert feed.title == "Café Müller"
