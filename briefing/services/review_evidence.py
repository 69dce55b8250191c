"""Offline evidence for review decisions: links to other library articles, and candidates
ranked by the entities and numbers they share with a review item."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from briefing.analysis import engine_info
from briefing.services.articles import DEFAULT_ENGINE
from briefing.services.library import Library
from briefing.storage import review as review_store

if TYPE_CHECKING:
    from briefing.services.review import ReviewItem

EVIDENCE_PREFIX = "briefing:article/"
ENTITY_LABELS_FOR_EVIDENCE: tuple[str, ...] = ("PERSON", "ORG", "LOC", "MISC")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def evidence_link(article_id: int) -> str:
    """The evidence value pointing to another article of the library."""
    return f"{EVIDENCE_PREFIX}{article_id}"


def evidence_article_id(evidence: str | None) -> int | None:
    """The article id of a ``briefing:article/<id>`` evidence link, else None."""
    if evidence and evidence.startswith(EVIDENCE_PREFIX):
        rest = evidence.removeprefix(EVIDENCE_PREFIX)
        return int(rest) if rest.isdigit() else None
    return None


def evidence_candidates(
    lib: Library, item: ReviewItem, limit: int = 10
) -> list[tuple[int, str, float]]:
    """Other articles that may support or refute ``item``: ``(id, title, score)``, best first.

    Score: each entity (person, organisation, place, other) of the item's article also found
    in the candidate counts 1, or 2 when the item's quote names it; each number of two or
    more digits in the quote also in the candidate's text counts 1.5.
    """
    info = engine_info(DEFAULT_ENGINE)
    names = review_store.entity_names(lib.conn, info, ENTITY_LABELS_FOR_EVIDENCE)
    quote = item.quote.casefold()
    scores: defaultdict[int, float] = defaultdict(float)
    flat = {article_id: set().union(*groups) for article_id, groups in names.items() if groups}
    for group in names.get(item.article_id, []):
        weight = 2.0 if any(_names_in(name, quote) for name in group) else 1.0
        for other, other_names in flat.items():
            if other != item.article_id and group & other_names:
                scores[other] += weight
    for number in sorted({n for n in _NUMBER.findall(item.quote) if sum(map(str.isdigit, n)) > 1}):
        for other in review_store.articles_with_phrase(lib.conn, number):
            if other != item.article_id:
                scores[other] += 1.5
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))[: max(limit, 0)]
    titles = review_store.article_titles(lib.conn, [i for i, _ in ranked])
    return [(i, titles[i], round(s, 3)) for i, s in ranked if i in titles]


def _names_in(name: str, quote: str) -> bool:
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", quote) is not None
