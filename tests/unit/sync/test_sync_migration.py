"""The per-reviewer verdicts migration: the verdicts a library already has become its own
reader's, and keep working as before."""

from __future__ import annotations

from pathlib import Path

from briefing.domain import Span
from briefing.paths import AppPaths
from briefing.services import Library
from briefing.services.annotating import annotations_for, set_claim_verdict
from briefing.services.articles import get_article
from briefing.services.syncing import claim_verdicts, set_name
from briefing.storage.migrations import migration_scripts
from scripts.make_schema_fixtures import make_database


def test_existing_verdicts_become_the_local_readers(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    paths = AppPaths(root / "data", root / "config", root / "cache", root / "logs")
    paths.data.mkdir(parents=True)
    [per_reviewer] = [v for v, sql in migration_scripts().items() if "claim_verdicts (" in sql
                      and "CREATE TABLE" in sql]
    make_database(paths.database, per_reviewer - 1)  # the version before per-reviewer
    with Library.open(paths) as lib:
        set_name(lib, "Ana")
        [decided] = [a for a in annotations_for(lib, 1) if a.verdict]
        span = decided.selector.span
        assert claim_verdicts(lib, 1, span) == [
            {"reviewer": "Ana", "verdict": "disputed", "note": "", "decided_at": "t"}]
        article = get_article(lib, 1)
        set_claim_verdict(lib, article, span, "supported", note="checked")
        [after] = claim_verdicts(lib, 1, span)
        assert (after["verdict"], after["note"]) == ("supported", "checked")
        set_claim_verdict(lib, article, span, None, note="", undecide=True)
        assert claim_verdicts(lib, 1, span) == []
        assert claim_verdicts(lib, 1, Span(0, 1)) == []
