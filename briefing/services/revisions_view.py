"""Reading an article's stored revisions (editions), oldest first, for viewers."""

from __future__ import annotations

from briefing.domain import Revision
from briefing.services.articles import get_article
from briefing.services.library import Library
from briefing.storage import articles as article_store


def list_revisions(lib: Library, article_id: int) -> list[Revision]:
    """Every stored edition of article ``article_id`` (revision 1 is the first import)."""
    get_article(lib, article_id)  # raises BriefingError naming the id when it is unknown
    return article_store.revisions(lib.conn, article_id)
