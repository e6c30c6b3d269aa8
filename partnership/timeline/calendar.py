"""The timeline as an iCalendar feed (RFC 5545) for Outlook, Thunderbird and the like."""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from partnership.events.models import Event
from partnership.events.queries import is_cancelled
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.formatting import EVENT_KIND_LABELS, format_fuzzy
from partnership.visits.models import Visit, VisitStatus

PRODUCT_ID = "-//partnership//timeline//EN"

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
