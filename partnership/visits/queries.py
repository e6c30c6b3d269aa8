"""Queries for delegations and visits."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.events.queries import event_list
from partnership.partners.queries import cities_named
from partnership.visits.models import Delegation, Visit

visit_list = event_list(Visit)


def delegation_list(text: str) -> Select:
    query = (
        select(Delegation)
        .options(
            selectinload(Delegation.origin_city),
            selectinload(Delegation.head),
            selectinload(Delegation.members),
        )
        .order_by(Delegation.name)
    )
    if text:
        query = query.where(
            or_(
                Delegation.matches(text),
                Delegation.origin_city_id.in_(cities_named(text)),
            )
        )
    return query
