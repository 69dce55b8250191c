"""Briefs: named, ordered collections of articles that are exported together."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.clock import utc_now
from briefing.domain import Brief, BriefingError
from briefing.services.articles import get_article
from briefing.services.library import Library
from briefing.storage import briefs as brief_store


def list_briefs(lib: Library) -> list[Brief]:
    return brief_store.all_briefs(lib.conn)


def get_brief(lib: Library, brief_id: int) -> Brief:
    brief = brief_store.get(lib.conn, brief_id)
    if brief is None:
        raise BriefingError(f"no brief with id {brief_id}")
    return brief


def create_brief(lib: Library, title: str, article_ids: Sequence[int] = ()) -> Brief:
    if not title.strip():
        raise BriefingError("a brief needs a title")
    for article_id in article_ids:
        get_article(lib, article_id)
    with lib.transaction() as conn:
        brief_id = brief_store.create(conn, title.strip(), utc_now())
        brief_store.set_articles(conn, brief_id, list(article_ids))
    return get_brief(lib, brief_id)


def set_brief_articles(lib: Library, brief_id: int, article_ids: Sequence[int]) -> Brief:
    """Replace the brief's articles with ``article_ids``, in that order."""
    get_brief(lib, brief_id)
    for article_id in article_ids:
        get_article(lib, article_id)
    with lib.transaction() as conn:
        brief_store.set_articles(conn, brief_id, list(article_ids))
    return get_brief(lib, brief_id)


def add_to_brief(lib: Library, brief_id: int, article_id: int) -> Brief:
    brief = get_brief(lib, brief_id)
    if article_id in brief.article_ids:
        return brief
    return set_brief_articles(lib, brief_id, [*brief.article_ids, article_id])


def remove_from_brief(lib: Library, brief_id: int, article_id: int) -> Brief:
    brief = get_brief(lib, brief_id)
    return set_brief_articles(lib, brief_id, [i for i in brief.article_ids if i != article_id])


def move_in_brief(lib: Library, brief_id: int, article_id: int, offset: int) -> Brief:
    """Move an article ``offset`` places up (negative) or down (positive) in the brief."""
    ids = list(get_brief(lib, brief_id).article_ids)
    if article_id not in ids:
        raise BriefingError(f"article {article_id} is not in brief {brief_id}")
    index = ids.index(article_id)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    return set_brief_articles(lib, brief_id, ids)


def rename_brief(lib: Library, brief_id: int, title: str) -> Brief:
    if not title.strip():
        raise BriefingError("a brief needs a title")
    get_brief(lib, brief_id)
    with lib.transaction() as conn:
        brief_store.rename(conn, brief_id, title.strip())
    return get_brief(lib, brief_id)


def delete_brief(lib: Library, brief_id: int) -> None:
    get_brief(lib, brief_id)
    with lib.transaction() as conn:
        brief_store.delete(conn, brief_id)
