"""Timeline pages that cost the same on the first page and the thousandth, at any size.

A page asks three things: how many events match, counted up to the lists' cap (the pager
says "more than 1,000" past it: counting every match of a common filter read the whole index),
the ids of its entries along the timeline index with the one before them, and what the entries
of those ids show (loading.py), each event looked up by its key.
Where today's marker goes is read off the dates of those ids: counting every event before
today read every past event again.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select

from partnership.events.models import Event
from partnership.extensions import db
from partnership.i18n import current_language
from partnership.records import paging as list_paging
from partnership.routing import page_number
from partnership.timeline.loading import page_facts


@dataclass(frozen=True)
class TimelinePage(list_paging.ListPage):
    """One page of the timeline: a list's page (pager, capped count) and where today's marker
    goes."""

    # The position of today's marker among `items`, or None when it is on another page.
    marker_at: int | None


def _is_past(day: date | None, today: date) -> bool:
    return day is not None and day < today


def marker_position(before: date | None, days: list, today: date, has_next: bool, first: bool):
    """Where today's marker goes among a page's entries dated `days` (their sort dates, in
    timeline order), given the date of the entry just before the page (`before`; `first` when
    there is none): before the first entry not past, if the entry before it is past or the page
    starts the timeline; after the last entry when all are past and no page follows."""
    position = next((n for n, day in enumerate(days) if not _is_past(day, today)), len(days))
    if position == len(days) and has_next:
        return None  # every entry here is past: the marker is on a later page
    if position == 0 and not first and not _is_past(before, today):
        return None  # it was on an earlier page
    return position


def timeline_page(ids: Select, per_page: int, today: date, matches: Select) -> TimelinePage:
    """Return the page the request asks for; a page past the end is empty, not an error.

    `ids` selects the ids of the filtered events in timeline order, `matches` the same ids in
    no order, for the count (see `timeline_selects`)."""
    page = page_number()
    first_ones = matches.limit(list_paging.COUNT_CAP + 1).subquery()
    counted = db.session.scalar(select(func.count()).select_from(first_ones))
    offset = (page - 1) * per_page
    rows = []
    if offset < counted or counted > list_paging.COUNT_CAP:
        # One entry before the page, for the marker, and one after it, for the pager.
        start = max(offset - 1, 0)
        dated = ids.add_columns(Event.date_sort).limit(per_page + 1 + offset - start)
        rows = db.session.execute(dated.offset(start)).all()
    before = rows[0] if offset and rows else None
    shown = rows[1 if before else 0 :][:per_page]
    has_next = len(rows) - (1 if before else 0) > per_page
    items = page_facts([row[0] for row in shown], current_language())
    marker_at = None
    if items:
        days = [row[1] for row in shown]
        marker_at = marker_position(
            before[1] if before else None, days, today, has_next, first=offset == 0
        )
    return TimelinePage(items, page, per_page, has_next, counted, marker_at)
