"""Where the reader stopped in each article: remember it, and find it again on reopening,
also after the article was revised (its text replaced by a new edition)."""

from __future__ import annotations

import sqlite3

from briefing.clock import utc_now
from briefing.domain import Article, BriefingError
from briefing.services.articles import get_article
from briefing.services.library import Library
from briefing.storage import reading as reading_store

QUOTE_LENGTH = 32  # characters of text kept from the position, to re-find it in a revision


def remember_position(lib: Library, article: Article | int, position: int) -> None:
    """Store ``position`` (clamped to the article's text) as where the reader stopped.

    ``article`` is the article as shown (its text is used as is) or its id. Raises
    BriefingError when there is no such article.
    """
    if isinstance(article, Article):
        article_id, text = article.id, article.text
    else:
        article_id, text = article, get_article(lib, article).text
    offset = min(max(position, 0), len(text))
    try:
        with lib.transaction() as conn:
            reading_store.put(
                conn, article_id, offset, text[offset : offset + QUOTE_LENGTH], utc_now()
            )
    except sqlite3.IntegrityError:  # the article was deleted meanwhile
        raise BriefingError(f"no article with id {article_id} in the library") from None


def reading_position(lib: Library, article: Article | int) -> int:
    """The offset to reopen ``article`` (as shown, or its id) at: 0 when none was
    remembered.

    When the text at the stored offset no longer starts with the stored quote (the article
    was revised), the quote's nearest exact occurrence is used; when it is gone, the start
    of the line (paragraph) holding the stored offset, clamped to the text. Raises
    BriefingError when there is no such article.
    """
    if isinstance(article, Article):
        article_id, text = article.id, article.text
    else:
        article_id, text = article, get_article(lib, article).text
    stored = reading_store.get(lib.conn, article_id)
    if stored is None:
        return 0
    return relocate(text, stored.position, stored.quote)


def relocate(text: str, position: int, quote: str) -> int:
    """Where ``quote``, last seen at ``position``, is in ``text`` now (see reading_position)."""
    if 0 <= position <= len(text) and text.startswith(quote, position):
        return position
    if quote:
        found = _nearest(text, quote, position)
        if found is not None:
            return found
    offset = min(max(position, 0), len(text))
    return text.rfind("\n", 0, offset) + 1


def _nearest(text: str, quote: str, near: int) -> int | None:
    """The start of the occurrence of ``quote`` closest to ``near`` (the earlier on a tie)."""
    after = text.find(quote, near)
    before = text.rfind(quote, 0, near + len(quote) - 1)  # occurrences starting before near
    found = [i for i in (before, after) if i >= 0]
    return min(found, key=lambda i: (abs(i - near), i)) if found else None
