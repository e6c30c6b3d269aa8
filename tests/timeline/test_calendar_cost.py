"""What a calendar feed costs: as many statements for 2 entries as for 200, and its entries
written as icalendar writes a component's, byte for byte (escaping, folding, order)."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from icalendar.parser import Contentline
from sql_counting import statements_and_body as statements
from sqlalchemy import event as sql_event

from partnership.agreements.models import Agreement, AgreementKind
from partnership.events.models import Milestone, MilestoneKind
from partnership.events.queries import is_cancelled
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.formatting import EVENT_KIND_LABELS, event_url, format_fuzzy
from partnership.fuzzydate import parse_fuzzy_date
from partnership.press.models import PressArticle
from partnership.timeline.calendar import _fold, build_calendar, calendar_events, calendar_status
from partnership.timeline.filters import TimelineFilterForm
from partnership.visits.models import Direction, Visit, VisitStatus
from timeline.timeline_helpers import add_city

FEED = "/timeline/timeline.ics"


def add_events(number: int, first: int = 0) -> None:
    """Store `number` milestones from today on, one a day; call inside an app context."""
    today = date.today()
    db.session.add_all(
        Milestone(
            title=f"Meeting {n}",
            milestone_kind=MilestoneKind.MEETING,
            date=parse_fuzzy_date((today + timedelta(days=n)).isoformat()),
        )
        for n in range(first, first + number)
    )
    db.session.commit()


def test_a_feed_sends_as_many_statements_for_200_events_as_for_2(app, editor):
    with app.app_context():
        add_events(2)
    few, feed = statements(app, editor, FEED)
    assert feed.count(b"BEGIN:VEVENT") == 2
    with app.app_context():
        add_events(198, first=2)
    many, feed = statements(app, editor, FEED)
    assert feed.count(b"BEGIN:VEVENT") == 200
    assert many == few


def component_calendar(events, detail_url) -> bytes:
    """The feed as icalendar writes it from a component per event (how it was built before)."""
    calendar = Calendar()
    calendar.add("prodid", "-//partnership//timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Partnership timeline")
    for event in events:
        url = detail_url(event)
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.id}@partnership")
        entry.add("dtstamp", (event.updated_at or datetime.now(UTC)).replace(tzinfo=UTC))
        summary = f"{EVENT_KIND_LABELS[event.kind]}: {event.title}"
        entry.add("summary", f"{summary} (cancelled)" if is_cancelled(event) else summary)
        entry.add("dtstart", event.date.start)
        entry.add("dtend", event.date.end + timedelta(days=1))
        entry.add("transp", "TRANSPARENT")
        entry.add("status", calendar_status(event))
        entry.add("url", url)
        entry.add("categories", [str(EVENT_KIND_LABELS[event.kind])])
        if event.partner_city is not None:
            entry.add("location", event.partner_city.name)
        lines = [f"Date: {format_fuzzy(event.date)}"]
        lines += [event.summary] if event.summary else []
        lines += [f"Press: {a.title} – {a.url}" for a in event.press_articles if a.url]
        entry.add("description", "\n".join([*lines, url]))
        calendar.add_component(entry)
    return calendar.to_ical()


def test_entries_are_written_as_icalendar_writes_its_components(app):
    today = date.today()
    with app.app_context():
        city = add_city("Saint-Denis, Réunion; the \\ city", "FR")
        visit = Visit(title="Trip; with, commas \\ and\nlines", direction=Direction.INCOMING)
        visit.status = VisitStatus.CANCELLED
        visit.date = parse_fuzzy_date(f"{today.year + 1}")
        visit.partner_city_id = city
        long = Milestone(title="Ä" * 40 + "x" * 33 + "\\" + "ü€😀^" * 30)
        long.milestone_kind = MilestoneKind.CEREMONY
        long.summary = "Zusammenfassung – " * 12
        long.date = parse_fuzzy_date(f"~{today.isoformat()}")
        planned = Milestone(title="Plain", milestone_kind=MilestoneKind.OTHER)
        planned.date = parse_fuzzy_date(f"Q1 {today.year + 2}")
        signed = Agreement(title="Friendship", agreement_kind=next(iter(AgreementKind)))
        signed.date = parse_fuzzy_date(today.isoformat())
        exchange = PlannedExchange(
            title="Youth exchange",
            exchange_kind=next(iter(ExchangeKind)),
            direction=Direction.OUTGOING,
            status=ExchangeStatus.IDEA,
        )
        exchange.date = parse_fuzzy_date(f"{today.year + 1}-05")
        db.session.add_all([visit, long, planned, signed, exchange])
        db.session.flush()
        urls = ("https://example.org/a,b;c", "", "https://example.org/" + "p" * 90)
        for n, url in enumerate(urls):
            article = PressArticle(title=f"Report {n}, with ‘quotes’", outlet="News", url=url)
            article.events = [visit, long]
            db.session.add(article)
        db.session.commit()

    with app.test_request_context(FEED):
        form = TimelineFilterForm(meta={"csrf": False})
        events = calendar_events(form)
        assert len(events) == 5

        def detail_url(e):
            return event_url(e, _external=True)

        sent = []

        def count(*_args):
            sent.append(1)

        # Written from what calendar_events read: no statement per entry (a kind's own table).
        sql_event.listen(db.engine, "before_cursor_execute", count)
        try:
            written = build_calendar(events, detail_url)
        finally:
            sql_event.remove(db.engine, "before_cursor_execute", count)
        assert sent == []
        assert written == component_calendar(events, detail_url)


# Any text a record may hold: no line break (escaped before folding), no lone surrogate.
@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\n"), max_size=400))
def test_lines_are_folded_as_icalendar_folds_them(line):
    assert _fold(line) == Contentline(line).to_ical().decode()


@given(st.text(alphabet="ab\\^;, äü–€😀", max_size=400))
def test_escapes_are_kept_with_what_they_escape_when_folded(line):
    assert _fold(line) == Contentline(line).to_ical().decode()
