"""Queries for funding programmes and grants."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.funding.models import Grant, Programme


def programme_list(text: str) -> Select:
    query = select(Programme).options(selectinload(Programme.funder)).order_by(Programme.name)
    return query.where(Programme.matches(text)) if text else query


def grant_list(text: str) -> Select:
    query = (
        select(Grant)
        .options(selectinload(Grant.funder), selectinload(Grant.programme))
        .order_by(Grant.period_start.desc(), Grant.reference)
    )
    if text:
        query = query.where(Grant.matches(text))
    return query
