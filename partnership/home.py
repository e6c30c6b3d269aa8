"""The start page: what is coming up and what happened lately."""

from datetime import date

from flask import Blueprint, render_template
from sqlalchemy import func, select

from partnership.events.models import Event
from partnership.events.queries import any_event, chronological, db_scalars, with_event_details
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db

bp = Blueprint("home", __name__)

LATEST_COUNT = 8


def upcoming_exchanges(today: date) -> list[PlannedExchange]:
    """Return exchanges still to come (or whose period is not over), soonest first."""
    open_statuses = (ExchangeStatus.IDEA, ExchangeStatus.PLANNED, ExchangeStatus.CONFIRMED)
    query = select(PlannedExchange).where(
        PlannedExchange.status.in_(open_statuses), PlannedExchange.date_end >= today
    )
    return db_scalars(
        with_event_details(query, PlannedExchange)
        .order_by(*chronological(PlannedExchange))
        .limit(LATEST_COUNT)
    )


def latest_events(today: date) -> list[Event]:
    event = any_event()
    query = select(event).where(event.date_start <= today)
    order = (column.desc() for column in chronological(event)[1:])
    return db_scalars(with_event_details(query, event).order_by(*order).limit(LATEST_COUNT))


@bp.get("/")
def index():
    """Show the next planned exchanges and the latest events."""
    today = date.today()
    counts = dict(db.session.execute(select(Event.kind, func.count()).group_by(Event.kind)).all())
    return render_template(
        "home/index.html",
        upcoming=upcoming_exchanges(today),
        latest=latest_events(today),
        counts=counts,
        today=today,
    )
