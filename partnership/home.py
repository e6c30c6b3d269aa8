"""The start page: what is coming up, what needs attention, and the year-by-year picture."""

from datetime import date, timedelta

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from partnership.agreements.models import Agreement, AgreementStatus
from partnership.chart import (  # noqa: F401  (the chart's counts are asked for here too)
    ChartData,
    chart_width,
    events_per_city_and_year,
    events_per_year_svg,
    with_short_gaps_filled,
)
from partnership.events.models import Event, EventKind
from partnership.events.queries import any_event, db_scalars, newest_first
from partnership.exchanges import queries as exchanges
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.visits.models import Visit, VisitStatus

bp = Blueprint("home", __name__)

LIST_LENGTH = 8
# Overdue exchanges shown at once; the rest are a click away, on their own list.
OVERDUE_LENGTH = 10
EXPIRY_WINDOW = timedelta(days=90)
RECENT_WINDOW = timedelta(days=365)
PHONE_WIDTH = 340


def expiring_agreements(today: date) -> list[Agreement]:
    """Return signed agreements whose validity ends within the next 90 days."""
    query = select(Agreement).where(
        Agreement.status == AgreementStatus.SIGNED,
        Agreement.valid_until >= today,
        Agreement.valid_until <= today + EXPIRY_WINDOW,
    )
    return db_scalars(query.order_by(Agreement.valid_until).limit(OVERDUE_LENGTH))


def past_events(today: date):
    """Events of every kind begun by `today`, without the overdue exchanges: whether those
    took place is what the page asks instead.

    Ids only, each event's exchange row joined by its key (no list of every overdue
    exchange), so that the newest ones are found by walking the timeline index backwards from
    a year ahead: an event begun by today sorts by its start, or by the end of its month,
    quarter or year (a range of several years running today is left to the timeline). The
    date is bounded, so every event found has one. A join, not a subquery: PostgreSQL read
    every open exchange into a hash for the subquery, where the join asks each event walked.
    """
    exchange = PlannedExchange.__table__
    return Event, select(Event.id).outerjoin(exchange, exchange.c.id == Event.id).where(
        Event.date_sort <= today + timedelta(days=366),
        Event.date_start <= today,
        or_(
            exchange.c.id.is_(None),
            exchange.c.status.not_in(exchanges.OPEN_STATUSES),
            Event.date_end >= today,
        ),
    )


def newest_dated_first(entity=Event) -> tuple:
    """Order by date, latest first, for queries whose events all have a date: the timeline
    index walked backwards (`newest_first` also puts undated events last, an order that
    index does not have on PostgreSQL, which then sorted some 76,000 rows)."""
    return (entity.date_sort.desc(), entity.date_precision.desc(), entity.id.desc())


def overdue_ids(today: date) -> Select:
    """Ids of the open exchanges whose expected period ended before `today`, the latest
    first: a walk backwards along the exchanges' range of `ix_event_kind_timeline`, each
    one's status looked up by its key (as `exchanges.overdue` finds them)."""
    exchange = PlannedExchange.__table__
    still_open = (
        select(exchange.c.id)
        .where(exchange.c.id == Event.id, exchange.c.status.in_(exchanges.OPEN_STATUSES))
        .exists()
    )
    return (
        select(Event.id)
        .where(Event.kind == EventKind.EXCHANGE, still_open)
        .where(Event.date_end < today, Event.date_sort < today)
        .order_by(*newest_first())
    )


def overdue_exchanges(today: date) -> tuple[list[PlannedExchange], bool]:
    """Return the latest OVERDUE_LENGTH overdue exchanges, and whether there are more: the
    page says "more than 10" rather than counting every one (which grew with the years)."""
    ids = db.session.scalars(overdue_ids(today).limit(OVERDUE_LENGTH + 1)).all()
    return exchanges_in_order(ids[:OVERDUE_LENGTH]), len(ids) > OVERDUE_LENGTH


def exchanges_in_order(ids: list[int]) -> list[PlannedExchange]:
    """Load the exchanges of `ids` with what lists show of them, in the order of `ids`."""
    if not ids:
        return []
    query = select(PlannedExchange).where(PlannedExchange.id.in_(ids))
    found = db_scalars(with_what_home_shows(query, PlannedExchange))
    position = {exchange_id: number for number, exchange_id in enumerate(ids)}
    return sorted(found, key=lambda exchange: position[exchange.id])


def with_what_home_shows(query: Select, entity) -> Select:
    """The start page names an event's partner city and its title in the reader's language;
    it shows no topics and no press articles, so those are not loaded (a busy event has
    hundreds of articles)."""
    return query.options(selectinload(entity.partner_city), selectinload(entity.texts))


def in_order(*lists: list[int]) -> list[list[Event]]:
    """Load the events of each list of ids, of every kind, in one statement; return them as
    lists in the same order (the statement over every kind's table costs more than its rows)."""
    ids = {event_id for found in lists for event_id in found}
    if not ids:
        return [[] for _ in lists]
    event = any_event()
    query = with_what_home_shows(select(event).where(event.id.in_(ids)), event)
    loaded = {record.id: record for record in db_scalars(query)}
    return [[loaded[event_id] for event_id in found if event_id in loaded] for found in lists]


def awaiting_confirmation() -> tuple[list[int], int]:
    """Return the ids of the latest events partners proposed that wait for confirmation, and
    how many wait."""
    # Their ids first, along the index of proposals: the same statement over every kind of
    # event at once joins each kind's table.
    order = (Event.created_at.desc(), Event.id.desc())
    newest = select(Event.id).where(Event.awaiting_confirmation.is_(True)).order_by(*order)
    shown = db.session.scalars(newest.limit(LIST_LENGTH)).all()
    total = db.session.scalar(
        select(func.count()).select_from(Event).where(Event.awaiting_confirmation.is_(True))
    )
    return shown, total


def events_lacking_press(today: date) -> list[int]:
    """Return the ids of events of the past year that took place and no press article reports yet,
    newest first; the latest events are flagged by this same list."""
    event, query = past_events(today)
    # What a partner proposed is not asked for its press until the office has confirmed it.
    query = query.where(
        event.date_end >= today - RECENT_WINDOW,
        ~event.press_articles.any(),
        ~cancelled(event),
        event.awaiting_confirmation.is_(False),
    )
    order = newest_dated_first(event)
    return db.session.scalars(query.order_by(*order).limit(LIST_LENGTH)).all()


def latest_events(today: date) -> list[int]:
    event, query = past_events(today)
    order = newest_dated_first(event)
    return db.session.scalars(query.order_by(*order).limit(LIST_LENGTH)).all()


def cancelled(entity=Event):
    """The condition: the event is a cancelled visit or exchange, looked up by its key (a
    list of every cancelled one, as `not_cancelled` makes, would grow with the years)."""
    # Aliased: the query asking may join the exchange table itself (see `past_events`).
    visit = Visit.__table__.alias("cancelled_visit")
    exchange = PlannedExchange.__table__.alias("cancelled_exchange")
    return (
        select(visit.c.id)
        .where(visit.c.id == entity.id, visit.c.status == VisitStatus.CANCELLED)
        .exists()
    ) | (
        select(exchange.c.id)
        .where(exchange.c.id == entity.id, exchange.c.status == ExchangeStatus.CANCELLED)
        .exists()
    )


def chart_svg(data: ChartData) -> Markup:
    total = sum(sum(c.values()) for _, c in data.rows)
    with_cities = ngettext(
        "with %(num)d partner city",
        "with %(num)d partner cities",
        len(data.rows) if data.cities is None else data.cities,
    )
    description = ngettext(
        "%(num)d event %(with_cities)s from %(first)s to %(last)s; "
        "the table below the chart lists the same figures.",
        "%(num)d events %(with_cities)s from %(first)s to %(last)s; "
        "the table below the chart lists the same figures.",
        total,
        with_cities=with_cities,
        first=data.years[0],
        last=data.years[-1],
    )
    title = _("Events per year and partner city")
    # The SVG is built from escaped text only, so it is safe to embed.
    return Markup(events_per_year_svg(data, title, description))


@bp.get("/")
def index():
    """Show what is coming up, what needs an answer or attention, and events per year."""
    today = date.today()
    chart = events_per_city_and_year(today)
    overdue, more_overdue = overdue_exchanges(today)
    proposed_ids, proposed_total = awaiting_confirmation()
    lacking, latest, proposed = in_order(
        events_lacking_press(today), latest_events(today), proposed_ids
    )
    return render_template(
        "home/index.html",
        upcoming=exchanges.upcoming(today, LIST_LENGTH),
        overdue=overdue,
        more_overdue=more_overdue,
        expiring=expiring_agreements(today),
        lacking_press=lacking,
        lacking_ids={event.id for event in lacking},
        latest=latest,
        proposed=proposed,
        proposed_total=proposed_total,
        chart=chart,
        chart_svg=chart_svg(chart) if chart.rows else None,
        # Wider than a phone's screen less its margins: the chart scrolls there.
        chart_scrolls_on_phone=chart_width(chart) > PHONE_WIDTH,
        here=url_for("home.index"),
        today=today,
    )
