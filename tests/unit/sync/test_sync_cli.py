"""``briefing sync …`` and ``briefing verdict`` as CONTRACTS.md describes them, between two
libraries whose sync folders are copied both ways."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import copy_folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sync_and_verdict_commands_between_two_libraries(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    samples: Path,
) -> None:
    def use(name: str) -> None:
        monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / name))

    use("ana")
    code, _, err = run(capsys, "sync", "run")
    assert code == 1 and "no sync folder" in err
    assert run(capsys, "sync", "folder", str(tmp_path / "sync-ana"))[1].strip() == str(
        (tmp_path / "sync-ana").resolve())
    code, out, _ = run(capsys, "sync", "whoami", "--name", "Ana")
    device, name = out.strip().split("\t")
    assert re.fullmatch(r"[0-9a-f]{32}", device) and name == "Ana"
    assert run(capsys, "sync", "whoami")[1].strip() == f"{device}\tAna"
    article = run(capsys, "import", str(samples / "siversk.txt"))[1].strip()
    claims = json.loads(run(capsys, "analyze", "--article", article, "--json")[1])["claims"]
    code, _, err = run(capsys, "verdict", article, "--claim", str(len(claims) + 1), "false")
    assert code == 1 and f"has {len(claims)} claims" in err
    code, out, _ = run(capsys, "verdict", article, "--claim", "1", "supported", "--note", "ok")
    assert code == 0 and out.startswith("urn:uuid:")
    assert run(capsys, "sync", "run")[1].strip() == "sent 2, received 0, conflicts 0"

    use("bo")
    run(capsys, "sync", "folder", str(tmp_path / "sync-bo"))
    run(capsys, "sync", "whoami", "--name", "Bo")
    copy_folder(tmp_path / "sync-ana", tmp_path / "sync-bo")
    assert run(capsys, "sync", "run")[1].strip() == "sent 0, received 2, conflicts 0"
    bo_article = json.loads(run(capsys, "list", "--json")[1])[0]["id"]
    assert run(capsys, "verdict", str(bo_article), "--claim", "1", "false")[0] == 0
    assert run(capsys, "sync", "run")[1].strip() == "sent 1, received 0, conflicts 0"

    use("ana")
    copy_folder(tmp_path / "sync-bo", tmp_path / "sync-ana")
    assert run(capsys, "sync", "run")[1].strip() == "sent 0, received 1, conflicts 0"
    items = json.loads(run(capsys, "review", "--json", "--all")[1])
    first = claims[0]
    [item] = [i for i in items if i["id"] == f"claim:{article}:{first['start']}:{first['end']}"]
    assert [(v["reviewer"], v["verdict"], v["note"]) for v in item["verdicts"]] == [
        ("Ana", "supported", "ok"), ("Bo", "false", "")]
    assert all(set(v) == {"reviewer", "verdict", "note", "decided_at"} for v in item["verdicts"])
    assert all(i["verdicts"] == [] for i in items if i is not item and i["kind"] == "claim")
    assert run(capsys, "sync", "run")[1].strip() == "sent 0, received 0, conflicts 0"
    assert run(capsys, "sync", "folder", "--off")[1].strip() == "sync is off"
    assert run(capsys, "sync", "folder")[1].strip() == "sync is off"
