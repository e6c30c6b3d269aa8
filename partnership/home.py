"""The start page: what is coming up, what needs attention, and the year-by-year picture."""

from collections import defaultdict
from datetime import date, timedelta

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup
from sqlalchemy import extract, func, select

from partnership.agreements.models import Agreement, AgreementStatus
from partnership.chart import ChartData, events_per_year_svg
from partnership.events.models import Event
from partnership.events.queries import (
    any_event,
    chronological,
    db_scalars,
    newest_first,
    with_event_details,
)
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.partners.models import City

bp = Blueprint("home", __name__)

LIST_LENGTH = 8
EXPIRY_WINDOW = timedelta(days=90)
RECENT_WINDOW = timedelta(days=365)


def upcoming_exchanges(today: date) -> list[PlannedExchange]:
    """Return exchanges still to come (or whose period is not over), soonest first."""
    open_statuses = (ExchangeStatus.IDEA, ExchangeStatus.PLANNED, ExchangeStatus.CONFIRMED)
    query = select(PlannedExchange).where(
        PlannedExchange.status.in_(open_statuses), PlannedExchange.date_end >= today
    )
    return db_scalars(
        with_event_details(query, PlannedExchange)
        .order_by(*chronological(PlannedExchange))
        .limit(LIST_LENGTH)
    )


def expiring_agreements(today: date) -> list[Agreement]:
    """Return signed agreements whose validity ends within the next 90 days."""
    query = select(Agreement).where(
        Agreement.status == AgreementStatus.SIGNED,
        Agreement.valid_until >= today,
        Agreement.valid_until <= today + EXPIRY_WINDOW,
    )
    return db_scalars(query.order_by(Agreement.valid_until))


def events_lacking_press(today: date) -> list[Event]:
    """Return events of the past year that no press article reports yet, newest first."""
    event = any_event()
    query = select(event).where(
        event.date_start <= today,
        event.date_end >= today - RECENT_WINDOW,
        ~event.press_articles.any(),
    )
    order = newest_first(event)
    return db_scalars(with_event_details(query, event).order_by(*order).limit(LIST_LENGTH))


def latest_events(today: date) -> list[Event]:
    event = any_event()
    query = select(event).where(event.date_start <= today)
    order = newest_first(event)
    return db_scalars(with_event_details(query, event).order_by(*order).limit(LIST_LENGTH))


def events_per_city_and_year() -> ChartData:
    """Count events per partner city and year of their date."""
    year = extract("year", Event.date_sort)
    rows = db.session.execute(
        select(City.name, year, func.count())
        .join(Event, Event.partner_city_id == City.id)
        .where(Event.date_sort.is_not(None))
        .group_by(City.name, year)
        .order_by(City.name)
    ).all()
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for city, event_year, count in rows:
        counts[city][int(event_year)] = count
    years = sorted({y for per_city in counts.values() for y in per_city})
    if years:
        years = list(range(years[0], years[-1] + 1))
    return ChartData(years=years, rows=sorted(counts.items()))


def chart_svg(data: ChartData) -> Markup:
    total = sum(sum(c.values()) for _, c in data.rows)
    with_cities = ngettext(
        "with %(num)d partner city", "with %(num)d partner cities", len(data.rows)
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
    """Show what is coming up, what needs attention, and events per year and city."""
    today = date.today()
    chart = events_per_city_and_year()
    return render_template(
        "home/index.html",
        upcoming=upcoming_exchanges(today),
        expiring=expiring_agreements(today),
        lacking_press=events_lacking_press(today),
        latest=latest_events(today),
        chart=chart,
        chart_svg=chart_svg(chart) if chart.rows else None,
        today=today,
    )
