"""The promise of analysis.builtin_info.SAME_ENTITIES: the current engine makes the sentences,
summaries, entities and language of each listed older version, the same for the same text
(the entity index, filters and stories read those versions' analyses as its own).

The fingerprints were made by each listed version itself, on ../shared/eval/news. A change to
any of those layers must empty SAME_ENTITIES (the test then has nothing to hold)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing.analysis import builtin_info, get_engine
from tests.conftest import SHARED

NEWS = SHARED / "eval" / "news"
FINGERPRINTS = {
    "2.2.0": "b86be3d188ca432956b37b803fa02f6526cb051cca03ce4f62698bed2375a599",
}
"""sha256 over the 25 news/*.txt analyses (sorted by name) of repr((sentences, sorted
summaries, entities, language)), by the version named."""


def _fingerprint(texts: list[Path]) -> str:
    engine = get_engine()
    digest = hashlib.sha256()
    for path in texts:
        a = engine.analyse(path.read_text(encoding="utf-8"))
        digest.update(repr((a.sentences, sorted(a.summaries.items()), a.entities,
                            a.language)).encode())  # fmt: skip
    return digest.hexdigest()


@pytest.mark.parametrize("version", builtin_info.SAME_ENTITIES)
def test_the_engine_still_makes_the_listed_versions_entities(version: str) -> None:
    texts = sorted(NEWS.glob("*.txt"))
    if len(texts) != 25:
        pytest.skip("../shared/eval/news is not beside the repository")
    assert version in FINGERPRINTS, f"no fingerprint made by {version}"
    assert _fingerprint(texts) == FINGERPRINTS[version], (
        f"sentences, summaries, entities or language differ from {version}'s: empty "
        "SAME_ENTITIES in briefing/analysis/builtin_info.py"
    )
