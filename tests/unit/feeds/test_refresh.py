"""Refreshing feeds against a real local HTTP server: states, de-duplication, full text."""

from __future__ import annotations

from briefing.feeds.fetch import new_client
from briefing.services import Library
from briefing.services.articles import get_article, list_articles
from briefing.services.feeds import add_feed, get_feed, refresh_all, refresh_feed
from tests.unit.feeds.conftest import FeedServer, Reply

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml"
HTML = "text/html; charset=utf-8"


def _serve_gazette(server: FeedServer) -> str:
    server.serve_file("/pages/lighthouse.html", "lighthouse.html", HTML)
    return server.serve_file("/rss.xml", "rss2.xml", RSS)


def test_rss_items_are_imported_with_full_text_of_teasers(
    lib: Library, feed_server: FeedServer
) -> None:
    feed = add_feed(lib, _serve_gazette(feed_server))
    [result] = refresh_all(lib)
    assert result.ok and result.feed.state == "ok"
    assert result.feed.title == "Harbour Town Gazette"
    assert len(result.new_article_ids) == 3
    titles = {get_article(lib, i).title: get_article(lib, i) for i in result.new_article_ids}
    lighthouse = titles["Lighthouse museum to reopen after restoration"]
    # The feed only had a teaser: the linked page's article text was stored instead.
    assert "iron lantern room" in lighthouse.text
    assert "Read more on our site" not in lighthouse.text
    assert "all rights reserved" not in lighthouse.text
    assert lighthouse.source_url == feed_server.url("/pages/lighthouse.html")
    assert lighthouse.published == "2026-11-25T07:15:00Z"
    wall = titles["Harbour council approves new sea wall"]
    assert wall.text.startswith("The harbour council voted on Monday evening")
    assert "\n" in wall.text  # one paragraph per line
    assert feed_server.hits["/pages/lighthouse.html"] == 1
    assert get_feed(lib, feed.id).article_count == 3


def test_second_refresh_imports_nothing_again(lib: Library, feed_server: FeedServer) -> None:
    feed = add_feed(lib, _serve_gazette(feed_server))
    first = refresh_all(lib)
    assert len(first[0].new_article_ids) == 3
    again = refresh_all(lib)
    assert again[0].new_article_ids == () and again[0].feed.state == "ok"
    assert len(list_articles(lib)) == 3
    assert feed_server.hits["/pages/lighthouse.html"] == 1  # not fetched again
    assert get_feed(lib, feed.id).article_count == 3


def test_atom_feed(lib: Library, feed_server: FeedServer) -> None:
    add_feed(lib, feed_server.serve_file("/atom.xml", "atom.xml", ATOM))
    [result] = refresh_all(lib)
    assert result.ok and result.feed.title == "Valley Science Notes"
    articles = [get_article(lib, i) for i in result.new_article_ids]
    assert {a.author for a in articles} >= {"Ilse Varga"}
    orchid = next(a for a in articles if "orchid" in a.title)
    assert orchid.text.startswith("Botanists surveying") and "<p>" not in orchid.text
    assert result.feed.site_url == feed_server.url("/science/")


def test_etag_gives_not_modified_and_keeps_articles(lib: Library, feed_server: FeedServer) -> None:
    body = feed_server.fixture("atom.xml")

    def conditional(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(
            body=body,
            headers={
                "Content-Type": ATOM,
                "ETag": '"v1"',
                "Last-Modified": "Wed, 25 Nov 2026 10:00:00 GMT",
            },
        )

    feed = add_feed(lib, feed_server.serve("/atom.xml", conditional))
    with new_client(timeout=5) as client:
        first = refresh_feed(lib, feed.id, client=client)
        assert first.feed.state == "ok" and first.feed.etag == '"v1"'
        second = refresh_feed(lib, feed.id, client=client)
    assert second.ok and second.feed.state == "not-modified"
    assert second.new_article_ids == ()
    sent = feed_server.requests[-1][1]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Wed, 25 Nov 2026 10:00:00 GMT"
    assert second.feed.article_count == 2 and len(list_articles(lib)) == 2


def test_404_is_an_error_state_and_nothing_is_lost(lib: Library, feed_server: FeedServer) -> None:
    url = feed_server.serve_file("/atom.xml", "atom.xml", ATOM)
    feed = add_feed(lib, url)
    refresh_all(lib)
    assert len(list_articles(lib)) == 2
    del feed_server.routes["/atom.xml"]
    [failed] = refresh_all(lib)
    assert not failed.ok and failed.feed.state == "error"
    assert failed.error == f"{url}: the server answered 404 Not Found"
    assert failed.feed.last_error == failed.error and failed.feed.failures == 1
    [again] = refresh_all(lib)
    assert again.feed.failures == 2
    assert len(list_articles(lib)) == 2 and get_feed(lib, feed.id).article_count == 2
    feed_server.serve_file("/atom.xml", "atom.xml", ATOM)
    [back] = refresh_all(lib)
    assert back.ok and back.feed.failures == 0 and back.feed.last_error is None


def test_malformed_xml_is_read_with_a_warning(lib: Library, feed_server: FeedServer) -> None:
    add_feed(lib, feed_server.serve_file("/broken.xml", "malformed.xml", RSS))
    [result] = refresh_all(lib)
    assert result.ok and result.feed.state == "ok"
    assert result.feed.warning and "malformed" in result.feed.warning
    [article] = [get_article(lib, i) for i in result.new_article_ids]
    assert article.title == "Market square fountain repaired & running again"


def test_garbage_is_an_error(lib: Library, feed_server: FeedServer) -> None:
    url = feed_server.serve(
        "/junk",
        Reply(body=b"\x00\x01 not xml {", headers={"Content-Type": "application/octet-stream"}),
    )
    add_feed(lib, url)
    [result] = refresh_all(lib)
    assert result.feed.state == "error" and result.error is not None
    assert result.error.startswith(f"{url}: not a valid RSS or Atom feed")
    page = feed_server.serve_file("/page.html", "lighthouse.html", HTML)
    add_feed(lib, page)
    results = refresh_all(lib)
    assert results[1].error == f"{page}: this is a web page, not an RSS or Atom feed"


def test_wrong_declared_encoding_still_reads_the_text(
    lib: Library, feed_server: FeedServer
) -> None:
    text = feed_server.fixture("rss2.xml").decode("utf-8")
    text = text.replace("Harbour Town Gazette", "Gazette du Café Müller")
    text = text.replace("fish market", "fish market near the Café Müller")
    # Declared UTF-8 (XML declaration and HTTP header) but written in Latin-1.
    url = feed_server.serve(
        "/latin.xml", Reply(body=text.encode("latin-1"), headers={"Content-Type": RSS})
    )
    feed_server.serve_file("/pages/lighthouse.html", "lighthouse.html", HTML)
    add_feed(lib, url)
    [result] = refresh_all(lib)
    assert result.ok and result.feed.title == "Gazette du Café Müller"
    texts = " ".join(get_article(lib, i).text for i in result.new_article_ids)
    assert "Café Müller" in texts


def test_huge_feed_is_refused(lib: Library, feed_server: FeedServer) -> None:
    big = b"<rss version='2.0'><channel>" + b"<!-- padding -->" * 400_000 + b"</channel></rss>"
    declared = feed_server.serve("/huge.xml", Reply(body=big, headers={"Content-Type": RSS}))
    # No Content-Length: the size is only known while reading the stream.
    streamed = feed_server.serve(
        "/stream.xml", Reply(body=big, headers={"Content-Type": RSS, "Content-Length": ""})
    )
    add_feed(lib, declared)
    add_feed(lib, streamed)
    results = refresh_all(lib)
    assert [r.error for r in results] == [
        f"{declared}: the feed is larger than the 5 MB limit",
        f"{streamed}: the feed is larger than the 5 MB limit",
    ]
    assert all(r.feed.state == "error" for r in results)


def test_redirects_are_followed_and_permanent_ones_move_the_feed(
    lib: Library, feed_server: FeedServer
) -> None:
    target = feed_server.serve_file("/new/atom.xml", "atom.xml", ATOM)
    old = feed_server.serve("/old.xml", Reply(301, headers={"Location": "/new/atom.xml"}))
    temp = feed_server.serve("/temp.xml", Reply(302, headers={"Location": target}))
    loop = feed_server.serve("/loop.xml", Reply(302, headers={"Location": "/loop.xml"}))
    bad = feed_server.serve("/bad.xml", Reply(302, headers={"Location": "ftp://example.org/x"}))
    moved, kept, looping, refused = (add_feed(lib, u) for u in (old, temp, loop, bad))
    results = {r.feed.id: r for r in refresh_all(lib)}
    assert results[moved.id].ok and results[moved.id].feed.url == target
    assert results[kept.id].ok and results[kept.id].feed.url == temp
    assert results[kept.id].new_article_ids == ()  # same items: already in the library
    assert results[looping.id].error == f"{loop}: too many redirects (more than 5)"
    assert results[refused.id].error is not None
    assert "not an http(s) address" in results[refused.id].error


def test_teaser_whose_page_fails_is_kept_and_retried(lib: Library, feed_server: FeedServer) -> None:
    url = feed_server.serve_file("/rss.xml", "rss2.xml", RSS)  # the page is not served yet
    add_feed(lib, url)
    [first] = refresh_all(lib)
    assert first.ok and len(first.new_article_ids) == 3
    assert first.feed.warning and "full text not available" in first.feed.warning
    teaser = next(
        get_article(lib, i)
        for i in first.new_article_ids
        if get_article(lib, i).title.startswith("Lighthouse")
    )
    assert teaser.text.startswith("The lighthouse museum reopens on Saturday")
    feed_server.serve_file("/pages/lighthouse.html", "lighthouse.html", HTML)
    [second] = refresh_all(lib)
    assert second.new_article_ids == () and second.updated_article_ids == (teaser.id,)
    full = get_article(lib, teaser.id)
    assert "iron lantern room" in full.text and full.revision == 2
    [third] = refresh_all(lib)
    assert third.updated_article_ids == () and feed_server.hits["/pages/lighthouse.html"] == 2


def test_same_link_in_two_feeds_is_stored_once(lib: Library, feed_server: FeedServer) -> None:
    _serve_gazette(feed_server)
    feed_server.serve(
        "/mirror.xml",
        Reply(
            body=feed_server.fixture("rss2.xml").replace(b"gazette-10", b"mirror-10"),
            headers={"Content-Type": RSS},
        ),
    )
    a = add_feed(lib, feed_server.url("/rss.xml"))
    b = add_feed(lib, feed_server.url("/mirror.xml"))
    results = refresh_all(lib)
    assert len(results[0].new_article_ids) == 3 and results[1].new_article_ids == ()
    assert len(list_articles(lib)) == 3
    assert get_feed(lib, a.id).article_count == 3 and get_feed(lib, b.id).article_count == 3


def test_slow_server_times_out(feed_server: FeedServer) -> None:
    import time

    import pytest

    from briefing.domain.errors import IngestError
    from briefing.feeds.fetch import fetch_feed

    def slow(headers: dict[str, str]) -> Reply:
        time.sleep(1.0)
        return Reply(body=b"<rss/>")

    url = feed_server.serve("/slow.xml", slow)
    with new_client(timeout=0.2) as client, pytest.raises(IngestError) as caught:
        fetch_feed(url, client=client, timeout=0.2)
    assert str(caught.value) == f"{url}: timed out after 0.2 s"


def test_due_feeds_and_removal_keep_articles(lib: Library, feed_server: FeedServer) -> None:
    from datetime import UTC, datetime, timedelta

    from briefing.services.feeds import due_feeds, list_feeds, remove_feed

    url = feed_server.serve_file("/atom.xml", "atom.xml", ATOM)
    feed = add_feed(lib, url)
    assert [f.id for f in due_feeds(lib)] == [feed.id]  # never checked
    now = datetime.now(UTC)
    refresh_all(lib, now=now)
    assert due_feeds(lib, now + timedelta(minutes=10)) == []
    assert [f.id for f in due_feeds(lib, now + timedelta(minutes=61))] == [feed.id]
    results = refresh_all(lib, only_due=True, now=now + timedelta(minutes=10))
    assert results == []
    remove_feed(lib, feed.id)
    assert list_feeds(lib) == [] and len(list_articles(lib)) == 2


def test_new_articles_are_analysed_in_the_analysis_child(
    lib: Library, feed_server: FeedServer, monkeypatch
) -> None:
    import os

    from briefing.analysis import get_engine
    from briefing.services.analysis_process import ENV_SWITCH, AnalysisProcess
    from briefing.services.articles import cached_analysis, compute_analyses_with

    monkeypatch.setenv(ENV_SWITCH, "1")
    child = AnalysisProcess()
    pids: list[int | None] = []

    def compute(engine: str, text: str):  # the reader's hook: the child's analysis, pid noted
        pids.append(child.child_pid())
        return child.analyse(engine, text)

    feed = add_feed(lib, _serve_gazette(feed_server))
    compute_analyses_with(compute)
    try:
        with new_client() as client:
            result = refresh_feed(lib, feed.id, client=client)
    finally:
        compute_analyses_with(None)
        child.close()
    assert len(result.new_article_ids) == 3 and len(pids) == 3
    assert None not in pids and os.getpid() not in pids
    for article_id in result.new_article_ids:
        article = get_article(lib, article_id)
        stored = cached_analysis(lib, article)
        assert stored is not None and stored == get_engine("builtin").analyse(article.text)
