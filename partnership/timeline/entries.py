"""What each timeline entry shows, worked out in one pass over a page of events.

The entries' template only prints these values: a page of fifty entries asked a macro, the URL
map, the translations and the date formats the same questions fifty times over, which cost
more than fetching the rows. Here what is the same for every entry (a kind's label and address,
the fixed words) is asked once per page, and what differs is read straight from the event.
"""

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _

from partnership.events.queries import is_cancelled
from partnership.events.texts import page_texts
from partnership.formatting import EVENT_KIND_LABELS, format_day
from partnership.i18n import current_language
from partnership.labels import label
from partnership.records.entity import entity_of
from partnership.timeline.sections import YearSection, year_sections

# An id no record has, replaced in an address built once per kind (see `_Addresses`).
_PLACEHOLDER = 987654321987


@dataclass(frozen=True)
class Press:
    outlet: str
    title: str
    url: str
    day: str


@dataclass(frozen=True)
class Entry:
    """One event as its timeline entry shows it."""

    id: int
    kind: str
    date_sort: date | None
    upcoming: bool
    cancelled: bool
    date: str
    kind_label: str
    city: str
    status: str
    proposed: bool
    title: str
    summary: str
    url: str
    press: tuple[Press, ...]
    # Only a past event that took place can lack its article: no mark on the rest.
    lacks_press: bool
    # "for <title>", read by screen readers after the link to add the missing article.
    add_for: str


class _Addresses:
    """Each kind's detail address built once, its id filled in for every event."""

    def __init__(self):
        self._patterns: dict[type, str] = {}

    def of(self, event) -> str:
        kind = type(event)
        if kind not in self._patterns:
            endpoint = entity_of(event).detail_endpoint
            self._patterns[kind] = url_for(endpoint, object_id=_PLACEHOLDER)
        return self._patterns[kind].replace(str(_PLACEHOLDER), str(event.id), 1)


def timeline_entries(events, today: date, this_city=None) -> list[Entry]:
    """Return what the entries of `events` show, in their order."""
    language = current_language()
    texts = page_texts(events, language)
    addresses = _Addresses()
    kinds: dict[str, str] = {}
    days: dict[date, str] = {}
    cities: dict[int, str] = {}
    # Filled in with each title below (a translation may move the title).
    add_for = _("for %(title)s")
    entries = []
    for event in events:
        if event.kind not in kinds:
            kinds[event.kind] = str(EVENT_KIND_LABELS[event.kind])
        fuzzy = event.date
        upcoming = bool(fuzzy and fuzzy.sort_key >= today)
        cancelled = is_cancelled(event)
        city_id = event.partner_city_id
        if city_id is not None and city_id not in cities:
            cities[city_id] = str(event.partner_city)  # the reader's name for it, once
        if this_city is not None and city_id == this_city.id:
            city_id = None
        press = []
        for article in event.press_articles:
            day = article.published_on
            if day is not None and day not in days:
                days[day] = format_day(day)
            shown = Press(article.outlet or "", article.title, article.url or "", days.get(day, ""))
            press.append(shown)
        title, summary = texts[event.id]
        lacks_press = not press and not upcoming and not event.awaiting_confirmation
        lacks_press = lacks_press and not cancelled
        entries.append(
            Entry(
                id=event.id,
                kind=event.kind,
                date_sort=event.date_sort,
                upcoming=upcoming,
                cancelled=cancelled,
                date=fuzzy.format(language) if fuzzy else "",
                kind_label=kinds[event.kind],
                city=cities.get(city_id, ""),
                status=label(event.status) if cancelled else "",
                proposed=bool(event.awaiting_confirmation),
                title=title,
                summary=summary or "",
                url=addresses.of(event),
                press=tuple(press),
                lacks_press=lacks_press,
                add_for=add_for % {"title": title} if lacks_press else "",
            )
        )
    return entries


@dataclass(frozen=True)
class Words:
    """The fixed words of the entries, translated once per page."""

    marker: str
    press: str
    new_tab: str
    no_press: str
    add_one: str
    proposed: str
    undated: str


def timeline_words(today: date, last: bool) -> Words:
    day = format_day(today)
    if last:
        marker = _("Today, %(day)s: nothing planned after this", day=day)
    else:
        marker = _("Today, %(day)s: planned and upcoming below", day=day)
    return Words(
        marker=marker,
        press=_("Press articles"),
        new_tab=_("(opens in a new tab)"),
        no_press=_("no press article"),
        add_one=_("Add one"),
        proposed=_("proposed, awaiting confirmation"),
        undated=_("Undated"),
    )


def timeline_sections(
    events, today: date, marker_at: int | None, this_city=None
) -> list[YearSection | None]:
    """The year sections of `events` (see `year_sections`) holding their entries."""
    return year_sections(timeline_entries(events, today, this_city), today, marker_at)
