"""Queries for press articles."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.press.models import PressArticle
from partnership.records.paging import COUNTED_BY
from partnership.search.fulltext import Found, on_sqlite, widest
from partnership.text import search_key


def article_list(text: str) -> Select:
    query = (
        select(PressArticle)
        .options(selectinload(PressArticle.events))
        .order_by(PressArticle.published_on.desc(), PressArticle.id.desc())
    )
    if not text:
        return query
    query = query.where(PressArticle.matches(text))
    key = search_key(text)
    if not key or not on_sqlite():
        return query
    found = Found("press_article", PressArticle.id, PressArticle.search_text, key, widest(key))
    if not found.is_dense():
        return query
    # A word in many articles: SQLite walks the list's order to a page of matches (met soon),
    # but counting a thousand with the same LIKE scanned the article table. The index's
    # matches are counted instead, each article looked up by id (archived ones left out),
    # stopping at the cap; with `id IN (...)` SQLite read every match of the index first.
    matched = found.index_ids().subquery()
    counted = select(PressArticle.id).join(matched, matched.c.rowid == PressArticle.id)
    return query.execution_options(**{COUNTED_BY: counted})
