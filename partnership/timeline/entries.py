"""What each timeline entry shows, worked out in one pass over a page of events.

The entries' template only prints these values: a page of fifty entries asked a macro, the URL
map, the translations and the date formats the same questions fifty times over, which cost
more than fetching the rows. Here what is the same for every entry (a kind's label and address,
the fixed words) is asked once per page, and what differs is read from the event's `Facts`: the
timeline reads those as plain rows (loading.py), the pages that embed a timeline (a city's, a
partnership's) from the records they loaded. Facts and entries are named tuples: a frozen
dataclass set each of an entry's sixteen fields through a call.
"""

import enum
from datetime import date
from typing import NamedTuple

from flask_babel import gettext as _

from partnership.events.queries import is_cancelled
from partnership.events.texts import page_texts
from partnership.formatting import (
    EVENT_ENDPOINTS,
    EVENT_KIND_LABELS,
    format_day,
    record_addresses,
)
from partnership.fuzzydate import FuzzyDate
from partnership.i18n import current_language
from partnership.labels import label
from partnership.timeline.sections import YearSection, year_sections


class PressFacts(NamedTuple):
    outlet: str
    title: str
    url: str
    published_on: date | None


class Facts(NamedTuple):
    """What an entry reads of one event, in the reader's language."""

    id: int
    kind: str
    title: str
    summary: str
    date: FuzzyDate | None
    date_sort: date | None
    # The partner city's id and the reader's name for it; None and "" without one (or when it
    # is archived).
    city_id: int | None
    city: str
    # The status that cancels the event (a visit's, a planned exchange's), else None.
    status: enum.Enum | None
    proposed: bool
    press: tuple[PressFacts, ...]


class Press(NamedTuple):
    outlet: str
    title: str
    url: str
    day: str


class Entry(NamedTuple):
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


def record_facts(events, language: str) -> list[Facts]:
    """The facts of events loaded as records (with their city, press articles and texts)."""
    texts = page_texts(events, language)
    cities: dict[int, str] = {}
    found = []
    for event in events:
        city_id = event.partner_city_id
        if city_id is not None and city_id not in cities:
            city = event.partner_city  # None when archived: not named, as on the timeline
            cities[city_id] = str(city) if city is not None else ""  # the reader's name, once
        title, summary = texts[event.id]
        press = (
            PressFacts(a.outlet or "", a.title, a.url or "", a.published_on)
            for a in event.press_articles
        )
        found.append(
            Facts(
                id=event.id,
                kind=str(event.kind),
                title=title,
                summary=summary or "",
                date=event.date,
                date_sort=event.date_sort,
                city_id=city_id,
                city=cities.get(city_id, ""),
                status=event.status if is_cancelled(event) else None,
                proposed=bool(event.awaiting_confirmation),
                press=tuple(press),
            )
        )
    return found


def timeline_entries(events, today: date, this_city=None) -> list[Entry]:
    """Return what the entries of `events` (records, or their `Facts`) show, in their order."""
    language = current_language()
    if events and not isinstance(events[0], Facts):
        events = record_facts(events, language)
    addresses = {}
    kinds: dict[str, str] = {}
    dates: dict[FuzzyDate, str] = {}
    this_city_id = this_city.id if this_city is not None else None
    # Filled in with each title below (a translation may move the title).
    add_for = _("for %(title)s")
    entries = []
    for event in events:
        kind = event.kind
        if kind not in kinds:
            kinds[kind] = str(EVENT_KIND_LABELS[kind])
            addresses[kind] = record_addresses(EVENT_ENDPOINTS[kind])
        fuzzy = event.date
        if fuzzy is not None and fuzzy not in dates:
            dates[fuzzy] = fuzzy.format(language)
        upcoming = bool(fuzzy and fuzzy.sort_key >= today)
        cancelled = event.status is not None
        press = tuple(
            Press(a.outlet, a.title, a.url, format_day(a.published_on, language))
            for a in event.press
        )
        lacks_press = not press and not upcoming and not event.proposed and not cancelled
        entries.append(
            Entry(
                id=event.id,
                kind=kind,
                date_sort=event.date_sort,
                upcoming=upcoming,
                cancelled=cancelled,
                date=dates[fuzzy] if fuzzy is not None else "",
                kind_label=kinds[kind],
                city="" if event.city_id == this_city_id else event.city,
                status=label(event.status) if cancelled else "",
                proposed=event.proposed,
                title=event.title,
                summary=event.summary,
                url=addresses[kind](event.id),
                press=press,
                lacks_press=lacks_press,
                add_for=add_for % {"title": event.title} if lacks_press else "",
            )
        )
    return entries


class Words(NamedTuple):
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
