"""The start page: what is coming up, what needs attention, and the year-by-year picture."""

from collections import defaultdict
from datetime import date, timedelta

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup
from sqlalchemy import extract, func, select

from partnership.agreements.models import Agreement, AgreementStatus
from partnership.chart import ChartData, chart_width, events_per_year_svg
from partnership.events.models import Event
from partnership.events.queries import (
    any_event,
    db_scalars,
    newest_first,
    not_cancelled,
    with_event_details,
)
from partnership.exchanges import queries as exchanges
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.partners.models import City, Partnership
from partnership.portal.services import awaiting_query
from partnership.stages.models import PartnershipStage
from partnership.visits.models import Visit, VisitStatus

bp = Blueprint("home", __name__)

LIST_LENGTH = 8
# Overdue exchanges shown at once; the rest are a click away, on their own list.
OVERDUE_LENGTH = 10
EXPIRY_WINDOW = timedelta(days=90)
RECENT_WINDOW = timedelta(days=365)
PHONE_WIDTH = 340
# The chart: this many years up to this one (and the next), this many cities with a row each.
CHART_YEARS = 10
CHART_CITIES = 10


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

    Ids only, over the event table alone and tested row by row (no list of every overdue
    exchange), so that the newest ones are found by walking the timeline index backwards from
    a year ahead: an event begun by today sorts by its start, or by the end of its month,
    quarter or year (a range of several years running today is left to the timeline).
    """
    exchange = PlannedExchange.__table__
    overdue = (
        select(exchange.c.id)
        .where(exchange.c.id == Event.id, exchange.c.status.in_(exchanges.OPEN_STATUSES))
        .exists()
    )
    return Event, select(Event.id).where(
        Event.date_sort <= today + timedelta(days=366),
        Event.date_start <= today,
        ~(overdue & (Event.date_end < today)),
    )


def in_order(ids: list[int]) -> list[Event]:
    """Load the events of `ids`, of every kind and with their details, in that order."""
    if not ids:
        return []
    event = any_event()
    found = db_scalars(with_event_details(select(event).where(event.id.in_(ids)), event))
    position = {event_id: number for number, event_id in enumerate(ids)}
    return sorted(found, key=lambda record: position[record.id])


def awaiting_confirmation() -> tuple[list[Event], int]:
    """Return the latest events partners proposed that wait for confirmation, and how many."""
    shown = db_scalars(awaiting_query().limit(LIST_LENGTH))
    total = db.session.scalar(
        select(func.count()).select_from(Event).where(Event.awaiting_confirmation.is_(True))
    )
    return shown, total


def events_lacking_press(today: date) -> list[Event]:
    """Return events of the past year that took place and no press article reports yet,
    newest first; the latest events are flagged by this same list."""
    event, query = past_events(today)
    # What a partner proposed is not asked for its press until the office has confirmed it.
    query = query.where(
        event.date_end >= today - RECENT_WINDOW,
        ~event.press_articles.any(),
        ~cancelled(event),
        event.awaiting_confirmation.is_(False),
    )
    order = newest_first(event)
    return in_order(db.session.scalars(query.order_by(*order).limit(LIST_LENGTH)).all())


def latest_events(today: date) -> list[Event]:
    event, query = past_events(today)
    order = newest_first(event)
    return in_order(db.session.scalars(query.order_by(*order).limit(LIST_LENGTH)).all())


def events_per_city_and_year(today: date | None = None) -> ChartData:
    """Count the events of every kind per partner city and year of their date, over the
    last CHART_YEARS years and the next one; the CHART_CITIES cities with the most events
    have a row each, the others one row together.

    Cancelled ones did not happen; an exchange that took place counts as its visit; a stage
    without a partner city of its own counts for its partnership's partner city; what a
    partner proposed counts once the office has confirmed it.
    """
    this_year = (today or date.today()).year
    year = extract("year", Event.date_sort)
    # The stage's own table: its mapped class would join the event table a second time.
    stage = PartnershipStage.__table__
    city_id = func.coalesce(Event.partner_city_id, Partnership.partner_city_id)
    realised = (
        select(PlannedExchange.id)
        .where(PlannedExchange.realised_visit_id.is_not(None))
        .correlate(None)
    )
    rows = db.session.execute(
        select(city_id, year, func.count())
        .select_from(Event)
        .outerjoin(stage, stage.c.id == Event.id)
        .outerjoin(Partnership, Partnership.id == stage.c.partnership_id)
        .where(
            # A range of the timeline index: the years shown, not every year there is.
            Event.date_sort >= date(this_year - CHART_YEARS + 1, 1, 1),
            Event.date_sort <= date(this_year + 1, 12, 31),
            city_id.is_not(None),
            not_cancelled(Event),
            Event.id.not_in(realised),
            Event.awaiting_confirmation.is_(False),
        )
        .group_by(city_id, year)
    ).all()
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for city, event_year, count in rows:
        counts[city][int(event_year)] = count
    years = with_short_gaps_filled(sorted({y for per_city in counts.values() for y in per_city}))
    return ChartData(years=years, rows=_busiest_rows(counts), cities=len(counts))


def _busiest_rows(counts: dict[int, dict[int, int]]) -> list[tuple[str, dict[int, int]]]:
    """The rows of the CHART_CITIES busiest cities by name, then one row for all others."""
    busiest = sorted(counts, key=lambda city: (-sum(counts[city].values()), city))
    shown, others = busiest[:CHART_CITIES], busiest[CHART_CITIES:]
    names = dict(db.session.execute(select(City.id, City.name).where(City.id.in_(shown))).all())
    rows = sorted((names[city], counts[city]) for city in shown if city in names)
    if others:
        together: dict[int, int] = defaultdict(int)
        for city in others:
            for event_year, count in counts[city].items():
                together[event_year] += count
        label = ngettext("%(num)d other partner city", "%(num)d other partner cities", len(others))
        rows.append((label, dict(together)))
    return rows


def cancelled(entity=Event):
    """The condition: the event is a cancelled visit or exchange, looked up by its key (a
    list of every cancelled one, as `not_cancelled` makes, would grow with the years)."""
    visit, exchange = Visit.__table__, PlannedExchange.__table__
    return (
        select(visit.c.id)
        .where(visit.c.id == entity.id, visit.c.status == VisitStatus.CANCELLED)
        .exists()
    ) | (
        select(exchange.c.id)
        .where(exchange.c.id == entity.id, exchange.c.status == ExchangeStatus.CANCELLED)
        .exists()
    )


def with_short_gaps_filled(years: list[int]) -> list[int]:
    """Years with events, and a single empty year between two of them; a longer run of empty
    years (a twinning of 1960, the next event in 1977) is left out, and the chart marks the
    break, so that the recent years are not pushed off the screen by decades of nothing."""
    shown: list[int] = []
    for year in years:
        if shown and year - shown[-1] == 2:
            shown.append(year - 1)
        shown.append(year)
    return shown


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
    overdue, overdue_total = exchanges.overdue(today, OVERDUE_LENGTH)
    lacking = events_lacking_press(today)
    proposed, proposed_total = awaiting_confirmation()
    return render_template(
        "home/index.html",
        upcoming=exchanges.upcoming(today, LIST_LENGTH),
        overdue=overdue,
        overdue_total=overdue_total,
        expiring=expiring_agreements(today),
        lacking_press=lacking,
        lacking_ids={event.id for event in lacking},
        latest=latest_events(today),
        proposed=proposed,
        proposed_total=proposed_total,
        chart=chart,
        chart_svg=chart_svg(chart) if chart.rows else None,
        # Wider than a phone's screen less its margins: the chart scrolls there.
        chart_scrolls_on_phone=chart_width(chart) > PHONE_WIDTH,
        here=url_for("home.index"),
        today=today,
    )
