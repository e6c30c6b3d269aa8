"""A city's events for its page (and its partnership's): the latest ones and the next ones.

A city's events are those it is the partner city of and the visits it hosted. The home city
hosts most visits (a fifth of all events): asking for "the events whose id is among the
city's" and sorting them read and sorted every one of them. Instead each half is asked for
its own latest (or next) events in the timeline's order, which an index gives a page at a
time, and the two short lists are merged.
"""

from datetime import date

from sqlalchemy import func, select, union

from partnership.events.models import Event, EventKind
from partnership.events.queries import (
    CITY_WINDOW,
    any_event,
    chronological,
    db_scalars,
    newest_first,
    with_event_details,
)
from partnership.extensions import db
from partnership.visits.models import Visit


def city_timeline(city_id: int, today: date, each: int = CITY_WINDOW) -> tuple[list[Event], int]:
    """Return the latest events of a city up to `today` and its next ones, in date order,
    and how many events the city has in all (its whole timeline is a filter of the timeline).
    """
    latest = _ids(city_id, each, (Event.date_sort < today,), newest_first)
    # The undated come after the dated ones, each asked apart: an OR of the two is no range
    # of the index, and PostgreSQL then walked every event from the first to find them.
    upcoming = _ids(
        city_id, each, (Event.date_sort >= today, Event.date_sort.is_(None)), chronological
    )
    ids = latest[::-1] + upcoming
    # Both loaded in one statement: over every kind's table, it costs more than its rows.
    event = any_event()
    query = with_event_details(select(event).where(event.id.in_(ids)), event)
    loaded = {record.id: record for record in db_scalars(query)} if ids else {}
    return [loaded[event_id] for event_id in ids if event_id in loaded], city_event_count(city_id)


def _ids(city_id: int, each: int, whens: tuple, order) -> list[int]:
    """The ids of the first `each` events of the city in `order` among those one of `whens`
    holds."""
    keys = (Event.id, Event.date_sort, Event.date_precision)
    # The visits are asked as visits (the kind is a column of the timeline's kind index).
    partner = select(*keys).where(Event.partner_city_id == city_id)
    visits = Visit.__table__.c
    hosted = (
        select(*keys)
        .join_from(Event, Visit.__table__, visits.id == Event.id)
        .where(Event.kind == EventKind.VISIT, visits.host_city_id == city_id)
    )
    parts = [
        select(
            part.where(Event.archived_at.is_(None), when)
            .order_by(*order(Event))
            .limit(each)
            .subquery()
        )
        for part in (partner, hosted)
        for when in whens
    ]
    both = union(*parts).subquery()
    return db.session.scalars(select(both.c.id).order_by(*order(both.c)).limit(each)).all()


def city_event_count(city_id: int) -> int:
    """How many events the city has, from the two indexes of ids (no event is read but the
    few archived ones and those the city is both partner city and host of, counted once)."""
    partner = select(func.count(Event.id)).where(
        Event.partner_city_id == city_id, Event.archived_at.is_(None)
    )
    # Over the tables themselves: the archive's filter must not hide the archived events
    # here, and a visit counted in its own index needs no event read.
    events, visits = Event.__table__.c, Visit.__table__.c
    hosted = select(func.count(visits.id)).where(visits.host_city_id == city_id)
    archived = select(events.id).where(events.archived_at.is_not(None))
    also_partner = select(events.id).where(events.partner_city_id == city_id)
    left_out = select(func.count(visits.id)).where(
        visits.host_city_id == city_id, visits.id.in_(archived.union(also_partner))
    )
    total = select(
        partner.scalar_subquery() + hosted.scalar_subquery() - left_out.scalar_subquery()
    )
    return db.session.scalar(total)
