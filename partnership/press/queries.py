"""Queries for press articles."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.press.models import PressArticle


def article_list(text: str) -> Select:
    query = (
        select(PressArticle)
        .options(selectinload(PressArticle.events))
        .order_by(PressArticle.published_on.desc(), PressArticle.id.desc())
    )
    if text:
        query = query.where(PressArticle.matches(text))
    return query
