"""Briefs: create, order, add/remove/move, rename, delete; export in the user's order."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.domain import BriefingError
from briefing.ingest import read_plain
from briefing.services import Library
from briefing.services.articles import import_document
from briefing.services.briefs import (
    add_to_brief,
    create_brief,
    delete_brief,
    list_briefs,
    move_in_brief,
    remove_from_brief,
    rename_brief,
)
from briefing.services.exporting import export_brief


def _articles(lib: Library) -> list[int]:
    texts = [
        "Storm closes harbour\nOfficials said 12 ships were held in port.",
        "Grid under strain\nThe operator reported 40% of capacity was lost.",
        "Talks resume\nEnvoys met for three hours, a spokesman said.",
    ]
    return [import_document(lib, read_plain(t)).article.id for t in texts]


def test_brief_lifecycle_and_export_order(tmp_path: Path) -> None:
    with Library.open() as lib:
        a, b, c = _articles(lib)
        brief = create_brief(lib, "Morning", [b, a])
        assert brief.article_ids == (b, a)
        assert add_to_brief(lib, brief.id, c).article_ids == (b, a, c)
        assert add_to_brief(lib, brief.id, c).article_ids == (b, a, c)
        assert move_in_brief(lib, brief.id, c, -2).article_ids == (c, b, a)
        assert remove_from_brief(lib, brief.id, b).article_ids == (c, a)
        assert rename_brief(lib, brief.id, "Evening").title == "Evening"
        text, _ = export_brief(lib, list(list_briefs(lib)[0].article_ids), "markdown")
        assert text.index("Talks resume") < text.index("Storm closes harbour")
        delete_brief(lib, brief.id)
        assert list_briefs(lib) == []


def test_brief_errors_are_clear() -> None:
    with Library.open() as lib:
        with pytest.raises(BriefingError, match="title"):
            create_brief(lib, "  ")
        with pytest.raises(BriefingError, match="no article with id 42"):
            create_brief(lib, "x", [42])
        with pytest.raises(BriefingError, match="no brief with id 7"):
            add_to_brief(lib, 7, 1)
