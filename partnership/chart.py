"""A bar chart of events per year for each partner city: the counts, and the SVG drawn on the
server.

Each bar carries its number, and each row its city's name, so the chart reads without colour;
the page also shows the same figures as a table.

Counting the events of the chart's years grows with the office (about 27,000 events in its
window on the benchmark's large data: 70 ms on PostgreSQL), so the counts are kept per app
until the history records a newer change; asking for the newest change is one step down the
change table's key, whatever the data (see `counts_per_city_and_year`).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from xml.sax.saxutils import escape

from flask import current_app
from flask_babel import ngettext
from sqlalchemy import extract, func, select

from partnership.events.models import Event
from partnership.events.queries import not_cancelled
from partnership.exchanges.models import PlannedExchange
from partnership.extensions import db
from partnership.history.models import Change
from partnership.partners.models import City, Partnership
from partnership.stages.models import PartnershipStage

# The chart: this many years up to this one (and the next), this many cities with a row each.
CHART_YEARS = 10
CHART_CITIES = 10
# The changes this recent are told apart one by one in the key of the counts kept: a change
# whose id was taken by a request still running may commit after a newer one, and counts kept
# under that newer id alone would miss it. A request is cut off long before (the server's
# timeout is 30 s).
SETTLED = timedelta(seconds=60)

ROW_HEIGHT = 70
BAR_WIDTH = 34
GAP = 14
LABEL_WIDTH = 150
TOP = 24


@dataclass(frozen=True)
class ChartData:
    years: list[int]
    rows: list[tuple[str, dict[int, int]]]  # (city name, {year: count})
    # How many partner cities the figures are of; the last row may hold several.
    cities: int | None = None

    @property
    def highest(self) -> int:
        return max((n for _, counts in self.rows for n in counts.values()), default=0)


def slots(years: list[int]) -> list[int | None]:
    """The chart's columns: each year, and None where years without events are left out."""
    columns: list[int | None] = []
    for year in years:
        if columns and year - columns[-1] > 1:
            columns.append(None)
        columns.append(year)
    return columns


def chart_width(data: ChartData) -> int:
    """The chart's width in pixels: a long run of years is wider than a phone's screen."""
    return LABEL_WIDTH + len(slots(data.years)) * (BAR_WIDTH + GAP) + GAP


def events_per_year_svg(data: ChartData, title: str, description: str) -> str:
    """Return an SVG element with one row of bars per city, one bar per year."""
    width = chart_width(data)
    height = TOP + len(data.rows) * ROW_HEIGHT + 24
    highest = data.highest or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    columns = slots(data.years)
    for index, year in enumerate(columns):
        x = LABEL_WIDTH + GAP + index * (BAR_WIDTH + GAP) + BAR_WIDTH / 2
        # A break in the axis says that the years left out had no events.
        text = "…" if year is None else str(year)
        parts.append(
            f'<text x="{x}" y="{height - 6}" text-anchor="middle" class="axis">{text}</text>'
        )
    for row, (city, counts) in enumerate(data.rows):
        base = TOP + (row + 1) * ROW_HEIGHT - 8
        parts.append(f'<text x="0" y="{base}" class="city">{escape(city)}</text>')
        parts.append(
            f'<line x1="{LABEL_WIDTH}" y1="{base}" x2="{width}" y2="{base}" class="baseline"/>'
        )
        for index, year in enumerate(columns):
            count = counts.get(year, 0) if year is not None else 0
            if not count:
                continue
            bar = (ROW_HEIGHT - 26) * count / highest
            x = LABEL_WIDTH + GAP + index * (BAR_WIDTH + GAP)
            parts.append(
                f'<rect x="{x}" y="{base - bar}" width="{BAR_WIDTH}" height="{bar}" class="bar"/>'
            )
            parts.append(
                f'<text x="{x + BAR_WIDTH / 2}" y="{base - bar - 4}" text-anchor="middle" '
                f'class="count">{count}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


Counts = dict[int, dict[int, int]]  # {city id: {year: count}}


def events_per_city_and_year(today: date | None = None) -> ChartData:
    """Count the events of every kind per partner city and year of their date, over the
    last CHART_YEARS years and the next one; the CHART_CITIES cities with the most events
    have a row each, the others one row together.

    Cancelled ones did not happen; an exchange that took place counts as its visit; a stage
    without a partner city of its own counts for its partnership's partner city; what a
    partner proposed counts once the office has confirmed it.
    """
    counts, names = counts_per_city_and_year((today or date.today()).year)
    years = with_short_gaps_filled(sorted({y for per_city in counts.values() for y in per_city}))
    return ChartData(years=years, rows=_busiest_rows(counts, names), cities=len(counts))


def counts_per_city_and_year(this_year: int) -> tuple[Counts, dict[int, str]]:
    """The chart's counts and the names of its busiest cities, counted again only when the
    history holds a change newer than the one they were counted after.

    Every write of a record (by a service, an import, a merge, archiving) adds its change in
    the same transaction, so the newest change's id says whether anything changed since.
    """
    cutoff = datetime.now(UTC).replace(tzinfo=None) - SETTLED
    key = (this_year, *_changes_since(cutoff))
    kept = current_app.extensions.get("chart_counts")
    if kept is not None and kept[0] == key:
        return kept[1]
    counts = _count(this_year)
    found = (counts, _names_of_busiest(counts))
    if _kept():
        current_app.extensions["chart_counts"] = (key, found)
    return found


def _changes_since(cutoff: datetime) -> tuple:
    """The newest change's id, and how many changes are newer than `cutoff` and the sum of
    their ids: one step down the change table's key and a few of its time index, whatever
    the data.

    The newest id alone could hide a change whose id was taken by a request still running
    and committed after a newer one; such a change is at most a request's time old (the
    server's timeout is 30 s) when it appears, so it joins the recent ones and changes the
    key. Counts kept right after a write are thus used until the next one, rather than
    counted again on every request of the next minute.
    """
    newest = select(Change.id).order_by(Change.id.desc()).limit(1).scalar_subquery()
    recent = select(newest, func.count(Change.id), func.coalesce(func.sum(Change.id), 0))
    return tuple(db.session.execute(recent.where(Change.at > cutoff)).one())


def _kept() -> bool:
    """Whether this app keeps the counts: not in tests, which swap one database for another
    under the same app (a copy of the same file, a transaction rolled back) with the same
    newest change, unless a test asks for it."""
    return current_app.config.get("KEEP_CHART_COUNTS", not current_app.testing)


def _count(this_year: int) -> Counts:
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
    counts: Counts = defaultdict(dict)
    for city, event_year, count in rows:
        counts[city][int(event_year)] = count
    return dict(counts)


def _busiest(counts: Counts) -> list[int]:
    return sorted(counts, key=lambda city: (-sum(counts[city].values()), city))


def _names_of_busiest(counts: Counts) -> dict[int, str]:
    shown = _busiest(counts)[:CHART_CITIES]
    return dict(db.session.execute(select(City.id, City.name).where(City.id.in_(shown))).all())


def _busiest_rows(counts: Counts, names: dict[int, str]) -> list[tuple[str, dict[int, int]]]:
    """The rows of the CHART_CITIES busiest cities by name, then one row for all others."""
    busiest = _busiest(counts)
    shown, others = busiest[:CHART_CITIES], busiest[CHART_CITIES:]
    rows = sorted((names[city], counts[city]) for city in shown if city in names)
    if others:
        together: dict[int, int] = defaultdict(int)
        for city in others:
            for event_year, count in counts[city].items():
                together[event_year] += count
        label = ngettext("%(num)d other partner city", "%(num)d other partner cities", len(others))
        rows.append((label, dict(together)))
    return rows


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
