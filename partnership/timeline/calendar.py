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
from icalendar.prop import vCategory, vDate, vDatetime, vText, vUri
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from partnership.events.models import Event
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.formatting import EVENT_KIND_LABELS
from partnership.i18n import current_language
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
# The calendar's frame ends so; the entries are written before it.
CALENDAR_END = b"END:VCALENDAR\r\n"
# Content lines are folded past this many octets (RFC 5545, 3.1), as icalendar folds them,
# with a line break and a space; a backslash or caret is kept with the character it escapes.
FOLD_AT = 74
FOLD = "\r\n "
ESCAPES = "\\^"

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
    whole = calendar.to_ical()
    # The entries go inside the calendar's frame, as its own components would.
    assert whole.endswith(CALENDAR_END)
    texts = _FeedTexts()
    entries = "".join(
        _entry(event, detail_url(event), texts) for event in events if event.date is not None
    )
    return whole[: -len(CALENDAR_END)] + entries.encode() + CALENDAR_END


def calendar_events(form: TimelineFilterForm, today: date | None = None) -> list[Event]:
    """Return the events of the feed: the filtered timeline within its window, bounded.

    Four queries whatever the data: the next ids, the latest past ids, those events of every
    kind with their partner cities and statuses, and their press articles.
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
    # The events as their own kinds, from the event table alone, with the one value of a
    # kind's own table the feed shows (a visit's or an exchange's status) looked up by key:
    # joined to every kind's table, PostgreSQL hashed each whole table (40,000 visits) for
    # 250 events.
    statuses = [_status_of(Visit), _status_of(PlannedExchange)]
    found = db.session.execute(
        select(Event, *statuses).where(Event.id.in_(chosen)).options(joinedload(Event.partner_city))
    ).unique()
    by_id = {}
    for event, visit_status, exchange_status in found:
        if isinstance(event, Visit | PlannedExchange):
            set_committed_value(event, "status", visit_status or exchange_status)
        by_id[event.id] = event
    events = [by_id[i] for i in chosen if i in by_id]
    _attach_press(events)
    return events


def _status_of(kind: type):
    """The status of the outer query's event in `kind`'s own table (none for other kinds)."""
    table = kind.__table__
    return select(table.c.status).where(table.c.id == Event.id).scalar_subquery()


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


class _FeedTexts:
    """What is the same for every entry of one feed, looked up once: the translated sentences
    (flask_babel finds the catalogue anew at every call) and each kind's label."""

    def __init__(self) -> None:
        self.language = current_language()
        self.date = _("Date: %(date)s")
        self.cancelled = _("%(summary)s (cancelled)")
        self.press = _("Press: %(title)s – %(url)s")
        self.kinds: dict[str, tuple[str, str]] = {}

    def kind(self, kind: str) -> tuple[str, str]:
        """The kind's label, and its CATEGORIES value as written in the calendar."""
        if kind not in self.kinds:
            name = str(EVENT_KIND_LABELS[kind])
            self.kinds[kind] = (name, vCategory([name]).to_ical().decode())
        return self.kinds[kind]


def _entry(event: Event, url: str, texts: _FeedTexts) -> str:
    """The VEVENT of one event as calendar text: its lines in the order, escaping and folding
    icalendar gives a component's (canonical properties first, then by name), written without
    a component per entry, whose building took most of a feed's time."""
    kind, categories = texts.kind(event.kind)
    summary = f"{kind}: {event.title}"
    status = calendar_status(event)
    # Cancelled by the status of a visit or an exchange, as `is_cancelled` says (asked here of
    # that status alone: an agreement's own table was not read, and `is_cancelled` reads it).
    if status == "CANCELLED":
        # Not every calendar program shows the status; the title says it too.
        summary = texts.cancelled % {"summary": summary}
    stamp = (event.updated_at or datetime.now(UTC)).replace(tzinfo=UTC)
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _text(summary),
        # All-day entries end on the day after their last day (RFC 5545, 3.6.1).
        "DTSTART;VALUE=DATE:" + vDate(event.date.start).to_ical().decode(),
        "DTEND;VALUE=DATE:" + vDate(event.date.end + timedelta(days=1)).to_ical().decode(),
        "DTSTAMP:" + vDatetime(stamp).to_ical().decode(),
        f"UID:event-{event.id}@partnership",
        "CATEGORIES:" + categories,
        "DESCRIPTION:" + _text(_description(event, url, texts)),
    ]
    if event.partner_city is not None:
        lines.append("LOCATION:" + _text(event.partner_city.name))
    lines += [
        "STATUS:" + status,
        # A month or a quarter must not block a whole month of someone's calendar.
        "TRANSP:TRANSPARENT",
        "URL:" + vUri(url).to_ical().decode(),
        "END:VEVENT",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _description(event: Event, url: str, texts: _FeedTexts) -> str:
    lines = [texts.date % {"date": event.date.format(texts.language)}]
    if event.summary:
        lines.append(event.summary)
    lines += [texts.press % {"title": a.title, "url": a.url} for a in event.press_articles if a.url]
    lines.append(url)
    return "\n".join(lines)


def _text(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (backslash, semicolon, comma, line break)."""
    return vText(value).to_ical().decode()


def _fold(line: str) -> str:
    """Fold a content line as icalendar does (RFC 5545, 3.1): each piece the longest run of
    characters within 74 octets, the next going on after a line break and a space, an escaping
    backslash or caret carried over with the character it escapes. Short lines, nearly all of
    them, are left as they are."""
    if len(line) <= FOLD_AT and (line.isascii() or len(line.encode()) <= FOLD_AT):
        return line
    parts, start = [], 0
    while True:
        size = min(FOLD_AT, len(line) - start)
        octets = len(line[start : start + size].encode())
        while octets > FOLD_AT:
            size -= 1
            octets -= len(line[start + size].encode())
        if start + size == len(line):
            parts.append(line[start:])
            return FOLD.join(parts)
        if size > 1 and line[start + size - 1] in ESCAPES:
            size -= 1
        parts.append(line[start : start + size])
        start += size
