"""``briefing feeds ...``: the CONTRACTS.md outputs and exit codes, against a local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from tests.unit.feeds.conftest import DATA, FeedServer

RSS = "application/rss+xml; charset=utf-8"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_refresh(capsys: pytest.CaptureFixture[str], feed_server: FeedServer) -> None:
    feed_server.serve_file("/pages/lighthouse.html", "lighthouse.html", "text/html")
    url = feed_server.serve_file("/rss.xml", "rss2.xml", RSS)
    code, out, err = run(capsys, "feeds", "add", url)
    assert code == 0 and err == ""
    feed_id = int(out.strip())
    code, out, err = run(capsys, "feeds", "add", url)
    assert code == 0 and int(out) == feed_id and "already subscribed" in err
    code, out, _ = run(capsys, "feeds", "list", "--json")
    [listed] = json.loads(out)
    assert listed["id"] == feed_id and listed["state"] == "new" and listed["url"] == url
    code, out, err = run(capsys, "feeds", "refresh")
    assert (code, out, err) == (0, "3 new articles\n", "")
    code, out, _ = run(capsys, "feeds", "refresh")
    assert (code, out) == (0, "0 new articles\n")
    code, out, _ = run(capsys, "feeds", "list")
    assert out.startswith(f"{feed_id}\tok\t{url}\tHarbour Town Gazette\t")
    code, out, _ = run(capsys, "feeds", "list", "--json")
    [listed] = json.loads(out)
    assert listed["articles"] == 3 and listed["last_error"] is None
    assert listed["title"] == "Harbour Town Gazette" and listed["failures"] == 0
    code, out, _ = run(capsys, "list", "--json")
    assert len(json.loads(out)) == 3


def test_refresh_reports_failed_feeds(
    capsys: pytest.CaptureFixture[str], feed_server: FeedServer
) -> None:
    good = feed_server.serve_file("/atom.xml", "atom.xml", "application/atom+xml")
    missing = feed_server.url("/gone.xml")
    run(capsys, "feeds", "add", good)
    run(capsys, "feeds", "add", missing)
    code, out, err = run(capsys, "feeds", "refresh")
    assert code == 1 and out == "2 new articles\n"
    assert err == f"briefing: {missing}: the server answered 404 Not Found\n"
    code, out, _ = run(capsys, "feeds", "list")
    line = out.splitlines()[1]
    assert line.split("\t")[:3] == ["2", "error", missing]
    assert line.endswith("the server answered 404 Not Found")


def test_user_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "feeds", "add", "file:///etc/passwd")
    assert code == 1 and out == ""
    assert err == "briefing: file:///etc/passwd: only http and https URLs are supported\n"
    code, _, err = run(capsys, "feeds", "remove", "42")
    assert code == 1 and err == "briefing: no feed with id 42\n"
    with pytest.raises(SystemExit) as usage:
        main(["feeds", "frobnicate"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as missing:
        main(["feeds", "add"])
    assert missing.value.code == 2


def test_opml_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "feeds", "import-opml", str(DATA / "subscriptions.opml"))
    assert code == 0 and len(out.split()) == 2
    code, out, _ = run(capsys, "feeds", "import-opml", str(DATA / "subscriptions.opml"))
    assert (code, out) == (0, "")  # nothing new
    target = tmp_path / "out.opml"
    code, out, _ = run(capsys, "feeds", "export-opml", "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    exported = target.read_text(encoding="utf-8")
    assert 'xmlUrl="http://127.0.0.1:9/rss.xml"' in exported
    assert 'text="Valley &amp; Science"' in exported
    code, out, _ = run(capsys, "feeds", "export-opml")
    assert out == exported
    code, _, err = run(capsys, "feeds", "import-opml", str(DATA / "rss2.xml"))
    assert code == 1 and "not an OPML file" in err and str(DATA / "rss2.xml") in err
    code, _, err = run(capsys, "feeds", "import-opml", str(tmp_path / "nope.opml"))
    assert code == 1 and "cannot read" in err
