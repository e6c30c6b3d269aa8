"""Queries for delegations and visits."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.events.queries import event_list
from partnership.partners.queries import cities_named
from partnership.search.fulltext import index_ids, one_of
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
        in_city = Delegation.origin_city_id.in_(cities_named(text))
        query = query.where(
            one_of(
                Delegation.id,
                (
                    index_ids("delegation", Delegation.id, Delegation.search_text, text),
                    Delegation.matches(text),
                ),
                (select(Delegation.id).where(in_city), in_city),
            )
        )
    return query
