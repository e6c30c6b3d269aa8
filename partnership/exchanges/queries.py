"""Planned exchanges still to come, and those whose date passed without news."""

from datetime import date, timedelta

from sqlalchemy import Select, func, select

from partnership.events.models import Event, EventKind
from partnership.events.queries import chronological, db_scalars, newest_first, with_event_details
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
    """
    ids = _open_exchange_ids().where(
        Event.date_end >= today, Event.date_sort >= today - RUNNING_LONGEST
    )
    return _in_order(db.session.scalars(ids.order_by(*chronological()).limit(limit)).all())


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
