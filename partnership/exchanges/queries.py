"""Planned exchanges still to come, and those whose date passed without news."""

from datetime import date

from sqlalchemy import Select, func, select

from partnership.events.queries import chronological, db_scalars, newest_first, with_event_details
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db

# An exchange in one of these states may still happen; realised and cancelled ones are settled.
OPEN_STATUSES = (ExchangeStatus.IDEA, ExchangeStatus.PLANNED, ExchangeStatus.CONFIRMED)


def is_open(exchange: PlannedExchange) -> bool:
    return exchange.status in OPEN_STATUSES


def is_overdue(exchange: PlannedExchange, today: date) -> bool:
    """Tell whether the exchange's whole expected period is over and nobody said what became
    of it (taken place as a visit, or cancelled)."""
    return is_open(exchange) and exchange.date_end is not None and exchange.date_end < today


def upcoming(today: date, limit: int) -> list[PlannedExchange]:
    """Return open exchanges whose period is not over yet, soonest first."""
    query = select(PlannedExchange).where(
        PlannedExchange.status.in_(OPEN_STATUSES), PlannedExchange.date_end >= today
    )
    return db_scalars(
        with_event_details(query, PlannedExchange)
        .order_by(*chronological(PlannedExchange))
        .limit(limit)
    )


def overdue_condition(today: date):
    return PlannedExchange.status.in_(OPEN_STATUSES) & (PlannedExchange.date_end < today)


def overdue_query(today: date) -> Select:
    """Open exchanges whose expected period ended before `today`, the latest first."""
    query = select(PlannedExchange).where(overdue_condition(today))
    return with_event_details(query, PlannedExchange).order_by(*newest_first(PlannedExchange))


def overdue(today: date, limit: int) -> tuple[list[PlannedExchange], int]:
    """Return the latest `limit` overdue exchanges and how many there are in all."""
    shown = db_scalars(overdue_query(today).limit(limit))
    count = select(func.count()).select_from(PlannedExchange).where(overdue_condition(today))
    return shown, db.session.scalar(count)
