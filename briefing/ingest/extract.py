"""Finding the article in a sanitised page: several trafilatura strategies, one measurable rule.

1. ``precise`` (favor_precision) gives the cleanest text; ``balanced`` (trafilatura's
   defaults, which include its readability/jusText fallbacks) is what plain
   ``trafilatura.extract()`` returns. Precise wins unless it keeps less than
   :data:`PRECISE_SHARE` of the balanced text's article words.
2. When the winner still holds less than :data:`THIN_SHARE` of the page's visible words and
   fewer than :data:`THIN_WORDS` words, ``recall`` (favor_recall) is tried and kept when it
   finds at least twice as many article words.
   Words are counted as the reader counts them (Chinese and Japanese by character).
3. Notice paragraphs (reprint and paywall boilerplate) do not count as article words and
   are dropped unless nothing else is left.
4. What still looks wrong is kept with a warning naming the problem (short body, mostly a
   notice) instead of being refused; only a page where no strategy finds any text at all is
   refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura

from briefing.domain.article import count_words
from briefing.ingest.structure import StructuredText, add_children

PRECISE_SHARE = 0.9
THIN_SHARE = 0.2
THIN_WORDS = 150
SHORT_WORDS = 60
# Never article text, even when trafilatura falls back to taking the whole body.
PRUNE_XPATH = [
    "//nav",
    "//footer",
    "//aside",
    "//*[contains(@class, 'cookie') or contains(@id, 'cookie')]",
    "//*[contains(@class, 'consent') or contains(@id, 'consent')]",
]
_NOTICE_RE = re.compile(
    r"for your personal,? non-?commercial use only|presentation-ready copies|djreprints"
    r"|subscribe (?:now )?to (?:continue|keep) reading"
    r"|you have reached your (?:free )?article limit"
    r"|this (?:article|content) is (?:only )?(?:available|reserved) (?:to|for) (?:paying )?"
    r"subscribers|please enable javascript|already a subscriber\?|sign in to continue reading",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """One strategy's result: its structured lines and how many article words it holds."""

    strategy: str
    document: Any
    lines: StructuredText
    words: int = 0
    notice_words: int = 0
    notices: list[str] = field(default_factory=list)


def is_notice(line: str) -> bool:
    return bool(_NOTICE_RE.search(line))


def _candidate(strategy: str, document: Any) -> Candidate | None:
    if document is None or document.body is None:
        return None
    lines = StructuredText()
    add_children(lines, document.body)
    if not lines.lines:
        return None
    candidate = Candidate(strategy, document, lines)
    for text in lines.texts():
        count = count_words(text)
        if is_notice(text):
            candidate.notice_words += count
            candidate.notices.append(text)
        else:
            candidate.words += count
    return candidate


def visible_words(tree: Any) -> int:
    body = tree.find(".//body")
    root = body if body is not None else tree
    return count_words(" ".join(root.itertext()))


Runner = Callable[[str, dict[str, Any]], Any]


def _runner(tree: Any, url: str | None) -> Runner:
    # trafilatura parses the serialised page more reliably than a tree handed over (its own
    # parser settings), and every strategy then starts from the same untouched page.
    page = lxml.html.tostring(tree, encoding="unicode")

    def run(strategy: str, options: dict[str, Any]) -> Any:
        return trafilatura.bare_extraction(
            page,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            prune_xpath=PRUNE_XPATH,
            **options,
        )

    return run


def choose(tree: Any, url: str | None) -> tuple[Candidate | None, list[str]]:
    """The best candidate for the page (None when no strategy finds text) and warnings."""
    run = _runner(tree, url)
    precise = _candidate("precise", run("precise", {"favor_precision": True}))
    balanced = _candidate("balanced", run("balanced", {}))
    chosen = precise
    if balanced is not None and (
        precise is None or precise.words < PRECISE_SHARE * balanced.words
    ):
        chosen = balanced
    page_words = visible_words(tree)
    if chosen is None or (chosen.words < THIN_WORDS and chosen.words < THIN_SHARE * page_words):
        recall = _candidate("recall", run("recall", {"favor_recall": True}))
        if recall is not None and (chosen is None or recall.words >= 2 * max(chosen.words, 1)):
            chosen = recall
    if chosen is None:
        return None, []
    return chosen, _warnings(chosen, page_words)


def _warnings(chosen: Candidate, page_words: int) -> list[str]:
    warnings: list[str] = []
    if chosen.notice_words and chosen.notice_words >= chosen.words:
        notice = " ".join(chosen.notices[0].split()[:12])
        warnings.append(
            f"the text found is mostly a notice (\u201c{notice}\u2026\u201d), "
            "probably not the article"
        )
    elif chosen.words < SHORT_WORDS and page_words > 4 * max(chosen.words, 1):
        warnings.append(
            f"short body: only {chosen.words} words kept of about {page_words} on the page; "
            "the article may be missing"
        )
    return warnings


def drop_notices(candidate: Candidate) -> None:
    """Remove notice lines when article lines remain."""
    if candidate.words and candidate.notice_words:
        candidate.lines.lines = [line for line in candidate.lines.lines if not is_notice(line[2])]
