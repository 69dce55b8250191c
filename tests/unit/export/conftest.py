"""Fixtures: the Siversk sample brief (see sample.py)."""

from __future__ import annotations

import pytest

from briefing.export.model import ArticleBrief, BriefDocument

from .sample import EXPORTED_AT, siversk_brief


@pytest.fixture
def sample_brief(siversk_text: str) -> ArticleBrief:
    return siversk_brief(siversk_text)


@pytest.fixture
def sample_doc(sample_brief: ArticleBrief) -> BriefDocument:
    return BriefDocument(
        title="Weekly brief: Donbas #1",
        articles=(sample_brief,),
        exported_at=EXPORTED_AT,
        tags=("ukraine", "war"),
    )
