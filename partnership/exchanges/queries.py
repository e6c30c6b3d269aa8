"""Planned exchanges still to come, and those whose date passed without news."""

from datetime import date, timedelta

from sqlalchemy import Select, func, select, union_all

from partnership.events.models import Event, EventKind
from partnership.events.queries import db_scalars, newest_first, with_event_details
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db

# An exchange in one of these states may still happen; realised and cancelled ones are settled.
OPEN_STATUSES = (ExchangeStatus.IDEA, ExchangeStatus.PLANNED, ExchangeStatus.CONFIRMED)
# The next exchanges include those running today that began at most this long ago.
RUNNING_LONGEST = timedelta(days=366)


def is_open(exchange: PlannedExchange) -> bool:
    return exchange.status in OPEN_STATUSES


def is_overdue(exchange: PlannedExchange, today: date) -> bool:
    """Tell whether the exchange's whole expected period is over and nobody said what became
    of it (taken place as a visit, or cancelled)."""
    return is_open(exchange) and exchange.date_end is not None and exchange.date_end < today


def upcoming(today: date, limit: int) -> list[PlannedExchange]:
    """Return open exchanges whose period is not over yet, soonest first.

    One that began over RUNNING_LONGEST ago and still runs is left out: it is no longer
    "next", and the bound keeps the search a short range of the exchanges' date index.
    Two walks of that index, each stopping at `limit`: the exchanges begun in that time that
    still run, and those sorting from today on (an event's end is never before its sort
    date, so these have not ended). One walk with the end tested made PostgreSQL take the
    end's index of every future event and hash every open exchange against it.
    """
    running = _soonest_open(
        limit,
        Event.date_sort >= today - RUNNING_LONGEST,
        Event.date_sort < today,
        # Through coalesce (the same value: a dated event has an end), so that PostgreSQL
        # reads the year of exchanges rather than the end's index of every future event.
        func.coalesce(Event.date_end, Event.date_sort) >= today,
    )
    coming = _soonest_open(limit, Event.date_sort >= today)
    both = union_all(select(running), select(coming)).subquery()
    ids = select(both.c.id).order_by(both.c.date_sort, both.c.date_precision, both.c.id)
    return _in_order(db.session.scalars(ids.limit(limit)).all())


def _soonest_open(limit: int, *dated):
    """The first `limit` open exchanges meeting `dated` (conditions that bound the date, so
    none is undated), in date order: the exchanges' range of `ix_event_kind_timeline`
    walked upwards, each one's status looked up by its key. Undated first in the order asked,
    as that index has them walked this way on PostgreSQL (there are none here)."""
    exchange = PlannedExchange.__table__
    return (
        select(Event.id, Event.date_sort, Event.date_precision)
        .join(exchange, exchange.c.id == Event.id)
        .where(Event.kind == EventKind.EXCHANGE, exchange.c.status.in_(OPEN_STATUSES), *dated)
        .order_by(Event.date_sort.asc().nulls_first(), Event.date_precision, Event.id)
        .limit(limit)
        .subquery()
    )


def overdue_condition(today: date):
    return PlannedExchange.status.in_(OPEN_STATUSES) & (PlannedExchange.date_end < today)


def overdue_query(today: date) -> Select:
    """Open exchanges whose expected period ended before `today`, the latest first."""
    # Ordered by the event table's own columns, kind and start bounded (an exchange starts
    # before it ends): the newest are read from the date index of the exchanges backwards,
    # instead of sorting every exchange.
    query = select(PlannedExchange).where(
        overdue_condition(today), Event.kind == EventKind.EXCHANGE, Event.date_sort < today
    )
    return with_event_details(query, PlannedExchange).order_by(*newest_first(Event))


def overdue(today: date, limit: int) -> tuple[list[PlannedExchange], int]:
    """Return the latest `limit` overdue exchanges and how many there are in all."""
    ids = _open_exchange_ids().where(Event.date_end < today, Event.date_sort < today)
    shown = _in_order(db.session.scalars(ids.order_by(*newest_first()).limit(limit)).all())
    count = select(func.count()).select_from(ids.subquery())
    return shown, db.session.scalar(count)


def _open_exchange_ids() -> Select:
    """Ids of the open exchanges, asked of the event table by kind (the index
    `ix_event_kind_timeline`) and their status looked up by key, row by row."""
    exchange = PlannedExchange.__table__
    still_open = (
        select(exchange.c.id)
        .where(exchange.c.id == Event.id, exchange.c.status.in_(OPEN_STATUSES))
        .exists()
    )
    return select(Event.id).where(Event.kind == EventKind.EXCHANGE, still_open)


def _in_order(ids: list[int]) -> list[PlannedExchange]:
    """Load the exchanges of `ids` with what lists show of them, in the order of `ids`."""
    if not ids:
        return []
    query = select(PlannedExchange).where(PlannedExchange.id.in_(ids))
    found = db_scalars(with_event_details(query, PlannedExchange))
    position = {exchange_id: number for number, exchange_id in enumerate(ids)}
    return sorted(found, key=lambda exchange: position[exchange.id])
