"""Queries for delegations and visits."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.events.queries import event_list
from partnership.extensions import db
from partnership.partners.queries import cities_named
from partnership.records.paging import text_held
from partnership.search.fulltext import DENSE, Found, index_ids, on_sqlite, one_of, widest
from partnership.text import search_key
from partnership.visits.models import Delegation, Visit

visit_list = event_list(Visit)


def delegation_list(text: str) -> Select:
    query = (
        select(Delegation)
        .options(
            # Its "From" column names the city, or else the organisation.
            selectinload(Delegation.origin_city),
            selectinload(Delegation.origin_organisation),
            selectinload(Delegation.head),
            selectinload(Delegation.members),
        )
        .order_by(Delegation.name)
    )
    if text and not on_sqlite() and (key := search_key(text)):
        return query.where(_found_on_postgresql(text, key))
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


def _found_on_postgresql(text: str, key: str):
    """The delegations whose folded text holds `key`, or whose city of origin is named so.

    The cities are read first (few, or none): asked inside the statement, their subquery made
    the planner expect half the delegations to match and walk the whole list by name, reading
    every delegation for a word only two held; with their ids, the trigram index serves.
    """
    cities = db.session.scalars(cities_named(text).limit(DENSE + 1)).all()
    found = text_held(Found("delegation", Delegation.id, Delegation.search_text, key, widest(key)))
    if not cities:
        return found
    in_city = cities if len(cities) <= DENSE else cities_named(text)
    return or_(found, Delegation.origin_city_id.in_(in_city))
