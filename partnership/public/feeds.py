"""A partnership's published events as an iCalendar feed (RFC 5545) and an Atom feed (RFC 4287).

The Atom feed is built with the standard library's ElementTree rather than a template: the tree
escapes every title and summary as XML by construction and declares the namespace once, so no
text the office typed can make the feed ill-formed; a template would escape for HTML and leave
well-formedness to whoever edits it. Characters XML 1.0 forbids (control characters) are
dropped first, as neither approach would.
"""

import re
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from partnership.events.models import Event
from partnership.events.texts import event_summary, event_title
from partnership.formatting import format_fuzzy
from partnership.i18n import current_language
from partnership.partners.models import Partnership
from partnership.public.answers import public_url
from partnership.public.queries import city_name, place_of

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PRODUCT_ID = "-//partnership//public page//EN"


def printable(text: str) -> str:
    return NOT_IN_XML.sub("", text or "")


def feed_title(partnership: Partnership) -> str:
    language = current_language()
    return _(
        "Partnership %(home)s – %(partner)s",
        home=city_name(partnership.home_city, language),
        partner=city_name(partnership.partner_city, language),
    )


def event_page(partnership: Partnership, event: Event) -> str:
    return public_url(
        "public.event", partnership_id=partnership.id, event_id=event.id, _external=True
    )


def _utc(moment: datetime | None) -> datetime:
    return (moment or datetime(2000, 1, 1)).replace(tzinfo=UTC)


def calendar(partnership: Partnership, events: list[Event]) -> bytes:
    """One all-day entry per dated event, spanning its whole period, linking its public page."""
    language = current_language()
    feed = Calendar()
    feed.add("prodid", PRODUCT_ID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", printable(feed_title(partnership)))
    for event in events:
        if event.date is None:
            continue
        url = event_page(partnership, event)
        entry = CalendarEvent()
        entry.add("uid", f"public-event-{event.id}@partnership")
        entry.add("dtstamp", _utc(event.updated_at))
        entry.add("summary", printable(event_title(event)))
        # All-day entries end on the day after their last day (RFC 5545, 3.6.1).
        entry.add("dtstart", event.date.start)
        entry.add("dtend", event.date.end + timedelta(days=1))
        entry.add("transp", "TRANSPARENT")
        entry.add("url", url)
        if place := place_of(event, language):
            entry.add("location", printable(place))
        lines = [format_fuzzy(event.date), event_summary(event), url]
        entry.add("description", printable("\n".join(line for line in lines if line)))
        feed.add_component(entry)
    return feed.to_ical()


def atom(partnership: Partnership, events: list[Event]) -> bytes:
    """An Atom 1.0 feed: one entry per published event, the latest first."""
    language = current_language()
    page = public_url("public.partnership", partnership_id=partnership.id, _external=True)
    this = public_url("public.feed", partnership_id=partnership.id, _external=True)
    # Names without a namespace, declared once as the default one: `<feed xmlns="…Atom">`.
    root = ElementTree.Element("feed", {"xmlns": ATOM, XML_LANG: language})
    _add(root, "id", this)
    _add(root, "title", feed_title(partnership))
    updated = max([_utc(e.updated_at) for e in events] or [_utc(partnership.updated_at)])
    _add(root, "updated", updated.isoformat())
    _link(root, this, "self", "application/atom+xml")
    _link(root, page, "alternate", "text/html")
    author = ElementTree.SubElement(root, "author")
    _add(author, "name", city_name(partnership.home_city, language))
    for event in events:
        url = event_page(partnership, event)
        entry = ElementTree.SubElement(root, "entry")
        _add(entry, "id", url)
        _add(entry, "title", event_title(event))
        _add(entry, "updated", _utc(event.updated_at).isoformat())
        _link(entry, url, "alternate", "text/html")
        when = format_fuzzy(event.date)
        summary = " – ".join(part for part in (when, event_summary(event)) if part)
        if summary:
            _add(entry, "summary", summary)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _add(parent, name: str, text: str) -> None:
    ElementTree.SubElement(parent, name).text = printable(str(text))


def _link(parent, href: str, rel: str, media_type: str) -> None:
    ElementTree.SubElement(parent, "link", {"href": href, "rel": rel, "type": media_type})
