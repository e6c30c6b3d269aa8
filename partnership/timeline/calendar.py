"""The timeline as an iCalendar feed (RFC 5545) for Outlook, Thunderbird and the like."""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from partnership.events.models import Event
from partnership.formatting import EVENT_KIND_LABELS, format_fuzzy

PRODUCT_ID = "-//partnership//timeline//EN"


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


def _entry(event: Event, url: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.id}@partnership")
    entry.add("dtstamp", (event.updated_at or datetime.now(UTC)).replace(tzinfo=UTC))
    entry.add("summary", f"{EVENT_KIND_LABELS[event.kind]}: {event.title}")
    # All-day entries end on the day after their last day (RFC 5545, 3.6.1).
    entry.add("dtstart", event.date.start)
    entry.add("dtend", event.date.end + timedelta(days=1))
    # A month or a quarter must not block a whole month of someone's calendar.
    entry.add("transp", "TRANSPARENT")
    entry.add("status", "TENTATIVE" if event.date.tentative else "CONFIRMED")
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
