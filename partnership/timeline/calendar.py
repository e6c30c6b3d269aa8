"""The timeline as an iCalendar feed (RFC 5545) for Outlook, Thunderbird and the like.

A calendar program fetches a subscribed feed every few hours and keeps what it gets, so the
feed holds a window around today, not the whole history: the events dated from one year ago
to three years ahead (or between the timeline filter's own "from" and "to"), at most
`FEED_LIMIT` of them: the next ones first, the places left to the latest past ones. The same
bound holds for the timeline's .ics download; the CSV download has every event.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from partnership.events.models import Event
from partnership.events.queries import any_event, is_cancelled
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.formatting import EVENT_KIND_LABELS, format_fuzzy
from partnership.press.models import PressArticle, event_press_article
from partnership.timeline.filters import TimelineFilterForm, timeline_ids
from partnership.visits.models import Visit, VisitStatus

PRODUCT_ID = "-//partnership//timeline//EN"
# The window of a feed without dates of its own, around today.
DAYS_BACK = 365
DAYS_AHEAD = 3 * 365
# At most this many entries, of which at most UPCOMING_SHARE from today on: a feed with
# many plans still shows the latest past ones. An office has some hundred events a year;
# a calendar program fetches the feed every few hours.
# The help text of the timeline page and the README name these numbers.
FEED_LIMIT = 250
UPCOMING_SHARE = 200

# What the status of a visit or an exchange says in a calendar (RFC 5545, 3.8.1.11): an idea
# or a plan may still change; a realised exchange took place (as its visit).
CALENDAR_STATUS = {
    VisitStatus.PLANNED.value: "TENTATIVE",
    VisitStatus.CONFIRMED.value: "CONFIRMED",
    VisitStatus.DONE.value: "CONFIRMED",
    ExchangeStatus.IDEA.value: "TENTATIVE",
    ExchangeStatus.REALISED.value: "CONFIRMED",
    # The same words in both kinds: planned, confirmed, cancelled.
    ExchangeStatus.CANCELLED.value: "CANCELLED",
}


def build_calendar(events: Iterable[Event], detail_url: Callable[[Event], str]) -> bytes:
    """Return one all-day calendar entry per dated event, spanning its whole period."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Partnership timeline"))
    for event in events:
        if event.date is None:
            continue
        calendar.add_component(_entry(event, detail_url(event)))
    return calendar.to_ical()


def calendar_events(form: TimelineFilterForm, today: date | None = None) -> list[Event]:
    """Return the events of the feed: the filtered timeline within its window, bounded.

    Four queries whatever the data: the next ids, the latest past ids, those events of every
    kind with their partner cities, and their press articles.
    """
    today = today or date.today()
    active = form.active()
    ids = timeline_ids(form).where(Event.date_sort.is_not(None))
    if "date_from" not in active:
        ids = ids.where(Event.date_sort >= today - timedelta(days=DAYS_BACK))
    if "date_to" not in active:
        ids = ids.where(Event.date_sort <= today + timedelta(days=DAYS_AHEAD))
    upcoming = db.session.scalars(ids.where(Event.date_sort >= today).limit(UPCOMING_SHARE))
    upcoming = list(upcoming)
    latest_first = (Event.date_sort.desc(), Event.date_precision.desc(), Event.id.desc())
    past = ids.where(Event.date_sort < today).order_by(None).order_by(*latest_first)
    chosen = list(db.session.scalars(past.limit(FEED_LIMIT - len(upcoming))))[::-1] + upcoming
    if not chosen:
        return []
    event = any_event()
    found = db.session.scalars(
        select(event).where(event.id.in_(chosen)).options(joinedload(event.partner_city))
    ).unique()
    by_id = {e.id: e for e in found}
    events = [by_id[i] for i in chosen if i in by_id]
    _attach_press(events)
    return events


def _attach_press(events: list[Event]) -> None:
    """Fill each event's press articles with one query (a selectinload asks per 500 events)."""
    linked = event_press_article.c.event_id
    rows = db.session.execute(
        select(linked, PressArticle)
        .join(PressArticle, PressArticle.id == event_press_article.c.press_article_id)
        .where(linked.in_([e.id for e in events]))
        .order_by(PressArticle.id)
    )
    articles = defaultdict(list)
    for event_id, article in rows:
        articles[event_id].append(article)
    for event in events:
        set_committed_value(event, "press_articles", articles[event.id])


def calendar_status(event: Event) -> str:
    """CANCELLED, TENTATIVE or CONFIRMED: by a visit's or an exchange's status, then by its date."""
    status = event.status.value if isinstance(event, Visit | PlannedExchange) else None
    said = CALENDAR_STATUS.get(status, "CONFIRMED")
    return "TENTATIVE" if said == "CONFIRMED" and event.date.tentative else said


def _entry(event: Event, url: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.id}@partnership")
    entry.add("dtstamp", (event.updated_at or datetime.now(UTC)).replace(tzinfo=UTC))
    summary = f"{EVENT_KIND_LABELS[event.kind]}: {event.title}"
    if is_cancelled(event):
        # Not every calendar program shows the status; the title says it too.
        summary = _("%(summary)s (cancelled)", summary=summary)
    entry.add("summary", summary)
    # All-day entries end on the day after their last day (RFC 5545, 3.6.1).
    entry.add("dtstart", event.date.start)
    entry.add("dtend", event.date.end + timedelta(days=1))
    # A month or a quarter must not block a whole month of someone's calendar.
    entry.add("transp", "TRANSPARENT")
    entry.add("status", calendar_status(event))
    entry.add("url", url)
    entry.add("categories", [str(EVENT_KIND_LABELS[event.kind])])
    if event.partner_city is not None:
        entry.add("location", event.partner_city.name)
    lines = [_("Date: %(date)s", date=format_fuzzy(event.date))]
    if event.summary:
        lines.append(event.summary)
    lines += [
        _("Press: %(title)s – %(url)s", title=a.title, url=a.url)
        for a in event.press_articles
        if a.url
    ]
    lines.append(url)
    entry.add("description", "\n".join(lines))
    return entry
