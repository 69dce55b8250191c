"""The command-line contract of shared/design/CONTRACTS.md: outputs and exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.paths import app_paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_html_and_txt_of_the_same_article_are_stored_once(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "import", str(samples / "siversk.html"))
    assert code == 0
    article_id = int(out.strip())
    code, out, err = run(capsys, "import", str(samples / "siversk.txt"))
    assert code == 0 and int(out.strip()) == article_id
    assert "already in the library" in err
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [article_id]
    assert rows[0]["title"] == "Russia takes Siversk as Ukraine withdraws"
    assert rows[0]["author"] == "Example Wire staff"
    target = tmp_path / "brief.md"
    code, out, _ = run(capsys, "export", str(article_id), "--format", "markdown", "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    brief = target.read_text(encoding="utf-8")
    assert "Russia takes Siversk as Ukraine withdraws" in brief
    for paragraph in (samples / "siversk.txt").read_text(encoding="utf-8").split("\n"):
        for sentence in paragraph.split(". ")[:1]:
            assert sentence.strip()[:60] in brief or not sentence.strip()


def test_analyze_json_shape(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    code, out, _ = run(capsys, "analyze", str(samples / "siversk.txt"), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["engine"]["name"] == "builtin"
    text = data["text"]
    assert set(data["summaries"]) == {"headline", "short", "brief"}
    assert len(data["summaries"]["headline"]) == 1 and len(data["summaries"]["short"]) == 3
    for sentence in data["sentences"]:
        assert 0 <= sentence["start"] < sentence["end"] <= len(text)
    for entity in data["entities"]:
        assert entity["label"] in {
            "PERSON", "ORG", "LOC", "MISC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"
        }
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] in entity["aliases"] + [entity["name"]]
    for claim in data["claims"]:
        assert 0.0 <= claim["score"] <= 1.0
        assert claim["kind"] in {
            "statistic", "quote", "attribution", "causal", "prediction", "comparison", "other"
        }


def test_analyze_a_stored_article_matches_the_file_analysis(
    capsys: pytest.CaptureFixture[str], samples: Path
) -> None:
    code, out, _ = run(capsys, "import", str(samples / "siversk.txt"))
    article_id = int(out.strip())
    code, out, _ = run(capsys, "analyze", "--article", str(article_id))
    assert code == 0
    stored = json.loads(out)
    code, out, _ = run(capsys, "analyze", str(samples / "siversk.txt"), "--json")
    from_file = json.loads(out)
    assert stored.pop("id") == article_id
    assert stored == from_file  # same text, same engine: the same claims in the same order
    code, _, err = run(capsys, "analyze", "--article", "999")
    assert code == 1 and "999" in err and err.count("\n") == 1


def test_analyze_jsonl_keeps_ids(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    items = [{"id": f"doc{i}", "text": f"Officials said {i} people were hurt in Kyiv."} for i in
             range(20)]
    batch.write_text("\n".join(json.dumps(x) for x in items) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "analyze", "--jsonl", str(batch))
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == [x["id"] for x in items]


def test_analyze_jsonl_bad_line_names_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": 1, "text": "ok"}\nnot json\n', encoding="utf-8")
    code, _, err = run(capsys, "analyze", "--jsonl", str(batch))
    assert code == 1 and f"{batch}:2" in err and "Traceback" not in err


def test_annotate_revise_and_w3c_round_trip(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "import", str(samples / "siversk.txt"))
    article_id = out.strip()
    ids = {}
    for quote in ("about 75%", "sustained attacks aim to degrade", "small assault groups"):
        code, out, _ = run(capsys, "annotate", article_id, "--quote", quote, "--note", "n",
                           "--tag", "to-check")
        assert code == 0 and out.startswith("urn:uuid:")
        ids[quote] = out.strip()
    export = tmp_path / "notes.json"
    assert run(capsys, "export", article_id, "--format", "w3c", "-o", str(export))[0] == 0
    code, out, _ = run(capsys, "revise", article_id, str(samples / "siversk-revised.txt"))
    assert code == 0
    states = dict(line.split() for line in out.splitlines())
    assert states[ids["small assault groups"]] in {"exact", "moved"}
    assert states[ids["about 75%"]] in {"changed", "orphaned"}
    assert states[ids["sustained attacks aim to degrade"]] == "orphaned"
    code, out, _ = run(capsys, "import-annotations", str(export))
    assert code == 0 and out.strip() == "3"
    conn = sqlite3.connect(app_paths().database)
    assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 3
    conn.close()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00" * 100, "binary"),
        (b"<html><body><nav>Home</nav></body></html>", "no article"),
    ],
)
def test_bad_files_exit_1_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / ("bad.html" if b"html" in content else "bad.txt")
    path.write_bytes(content)
    code, out, err = run(capsys, "import", str(path))
    assert code == 1 and out == ""
    assert str(path) in err and problem in err.lower()
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_path_and_unknown_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "/nonexistent/article.txt")
    assert code == 1 and "/nonexistent/article.txt" in err
    code, _, err = run(capsys, "annotate", "999", "--quote", "x")
    assert code == 1 and "999" in err
    code, _, err = run(capsys, "export", "999")
    assert code == 1 and "999" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2


def test_database_that_is_not_sqlite(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    db = app_paths().database
    db.parent.mkdir(parents=True)
    db.write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "list")
    assert code == 1 and "not a SQLite database" in err and "moved aside" in err
    moved = list(db.parent.glob("library.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"garbage" * 1000
    assert run(capsys, "list")[0] == 0  # a new library starts on the next run


def test_newer_database_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    db = app_paths().database
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = db.read_bytes()
    code, _, err = run(capsys, "list")
    assert code == 1 and "newer Briefing" in err
    assert db.read_bytes() == before


def test_read_only_data_dir(tmp_path: Path, samples: Path) -> None:
    """Run as an unprivileged user (root ignores permissions) against a read-only folder."""
    data = app_paths().data
    data.mkdir(parents=True)
    data.chmod(0o555)
    as_root = os.geteuid() == 0
    for parent in (data, *data.parents) if as_root else ():
        if parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o005)  # the unprivileged user must reach it
    article = tmp_path / "a.txt"
    article.write_text("Officials said 40 people left.", encoding="utf-8")
    article.chmod(0o644)
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if as_root else []
    if prefix:
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import briefing.cli"],
            capture_output=True, text=True, check=False, env=os.environ.copy(),
        )
        if probe.returncode != 0:
            pytest.skip(
                "uid 65534 cannot run this Python or import Briefing from this checkout "
                f"(a parent folder it cannot enter?): {probe.stderr.strip()[-200:]}"
            )
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "briefing", "import", str(article)],
        capture_output=True, text=True, check=False, env=os.environ.copy(),
    )
    assert result.returncode == 1, result.stderr
    assert str(data) in result.stderr and "read-only" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert list(data.iterdir()) == [], result.stderr


def test_full_disk_keeps_what_was_stored(samples: Path) -> None:
    from briefing.domain import StorageError
    from briefing.services import Library
    from briefing.services.articles import import_source, list_articles

    with Library.open() as lib:
        import_source(lib, str(samples / "siversk.txt"))
        pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.conn.execute(f"PRAGMA max_page_count = {pages}")
        big = "\n".join(f"Paragraph {i} says {i} things happened." for i in range(5000))
        from briefing.ingest import read_plain

        with pytest.raises(StorageError, match="disk is full"):
            from briefing.services.articles import import_document

            import_document(lib, read_plain(big, title="Big"))
        assert len(list_articles(lib)) == 1
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_python_dash_m_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--version"], capture_output=True, text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("briefing ")


def test_stdin_import(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Pasted headline\nOfficials said 40 left."))
    code, _out, _ = run(capsys, "import", "-", "--title", "Pasted")
    assert code == 0
    _, listing, _ = run(capsys, "list", "--json")
    assert json.loads(listing)[0]["title"] == "Pasted"


def test_brief_commands_and_export_by_brief(
    capsys: pytest.CaptureFixture[str], samples: Path
) -> None:
    _, out, _ = run(capsys, "import", str(samples / "siversk.txt"))
    article_id = out.strip()
    code, out, _ = run(capsys, "brief", "create", "Morning: Donbas", article_id)
    assert code == 0
    brief_id = out.strip()
    _, out, _ = run(capsys, "brief", "list", "--json")
    assert json.loads(out)[0]["articles"] == [int(article_id)]
    code, out, _ = run(capsys, "export", "--brief", brief_id)
    assert code == 0 and 'title: "Morning: Donbas"' in out
    code, _, err = run(capsys, "brief", "add", "99", article_id)
    assert code == 1 and "no brief with id 99" in err


def test_user_template_from_the_settings_and_the_command_line(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "import", str(samples / "siversk.txt"))
    article_id = out.strip()
    code, packaged, _ = run(capsys, "template")
    assert code == 0 and "${articles}" in packaged
    mine = tmp_path / "my-brief.md.tmpl"
    mine.write_text(packaged.replace("${articles}", "MY HOUSE STYLE\n\n${articles}"), "utf-8")
    assert run(capsys, "template", "--use", str(mine))[0] == 0
    _, brief, _ = run(capsys, "export", article_id)
    assert "MY HOUSE STYLE" in brief
    _, current, _ = run(capsys, "template", "--current")
    assert "MY HOUSE STYLE" in current
    other = tmp_path / "other.tmpl"
    other.write_text("ONE-OFF\n${articles}", "utf-8")
    _, brief, _ = run(capsys, "export", article_id, "--template", str(other))
    assert "ONE-OFF" in brief and "MY HOUSE STYLE" not in brief
    mine.unlink()
    code, _, err = run(capsys, "export", article_id)
    assert code == 1 and str(mine) in err and "does not exist" in err
    assert run(capsys, "template", "--use")[0] == 0  # back to the packaged template
    _, brief, _ = run(capsys, "export", article_id)
    assert "MY HOUSE STYLE" not in brief
    code, _, err = run(capsys, "template", "--use", str(tmp_path / "missing.tmpl"))
    assert code == 1 and "missing.tmpl" in err
