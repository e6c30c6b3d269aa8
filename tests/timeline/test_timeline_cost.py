"""What a timeline page costs: as many statements for one entry as for a page of them, with
press, topics, texts and every filter; its entries read from plain rows say what the records
say; its count of matches leaves archived events out."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from babel.dates import format_date
from sql_counting import statements_sent as statements
from sqlalchemy import select

from partnership.events.models import EventText, Milestone, MilestoneKind, Topic
from partnership.events.queries import any_event, with_event_details
from partnership.extensions import db
from partnership.formatting import format_day
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City
from partnership.press.models import PressArticle
from partnership.timeline.entries import timeline_entries
from partnership.timeline.loading import page_facts
from partnership.visits.models import Direction, Visit, VisitStatus
from timeline.timeline_helpers import add_city, page

EVENTS = 8


@pytest.fixture
def busy(app):
    """Events of several kinds with a city, topics, press, a German text; a cancelled visit,
    a proposed event, an archived event and a city archived after its event."""
    with app.app_context():
        lviv, gone = add_city("Lviv", "UA"), add_city("Gone City", "FR")
        topic = Topic(name="Sport")
        db.session.add(topic)
        events = []
        for n in range(EVENTS):
            if n % 2:
                event = Visit(title=f"Trip {n} with partner city", direction=Direction.INCOMING)
                event.status = VisitStatus.CANCELLED if n == 3 else VisitStatus.DONE
            else:
                event = Milestone(title=f"Meeting {n} with partner city")
                event.milestone_kind = MilestoneKind.MEETING
            event.date = parse_fuzzy_date((date(2021, 3, 1) + timedelta(days=40 * n)).isoformat())
            event.partner_city_id = gone if n == 4 else lviv
            event.topics = [topic]
            event.awaiting_confirmation = n == 5
            events.append(event)
        db.session.add_all(events)
        db.session.flush()
        events[2].texts = [EventText(language="de", title="Treffen zwei", summary="Kurz")]
        for n, day in ((0, date(2021, 3, 5)), (0, None), (6, date(2022, 1, 2))):
            article = PressArticle(title=f"Report {n}", outlet="Ruhr News", published_on=day)
            article.url = "https://example.org/report" if day else ""
            article.events = [events[n]]
            db.session.add(article)
        archived = Milestone(title="Old meeting with partner city", date=parse_fuzzy_date("2021"))
        archived.milestone_kind = MilestoneKind.MEETING
        archived.topics = [topic]
        archived.archived_at = datetime.now(UTC).replace(tzinfo=None)
        db.session.add(archived)
        db.session.flush()
        db.session.get(City, gone).archived_at = datetime.now(UTC).replace(tzinfo=None)
        db.session.commit()
        return {"city": lviv, "topic": topic.id}


def test_a_page_sends_as_many_statements_for_one_entry_as_for_a_page(
    app, editor, busy, monkeypatch
):
    filters = ["", f"city={busy['city']}", "kind=visit", f"topic={busy['topic']}"]
    filters += ["date_from=2021", "date_to=2022", "q=partner", "q=lviv", "q=trip 3 with"]
    differing = {}
    for query in filters:
        path = f"/timeline/?{query}"
        monkeypatch.setitem(app.config, "PAGE_SIZE", 1)
        one = statements(app, editor, path)
        monkeypatch.setitem(app.config, "PAGE_SIZE", 50)
        full = statements(app, editor, path)
        if one != full:
            differing[path] = (one, full)
    assert differing == {}


@pytest.mark.parametrize("language", ["en", "de", "uk"])
def test_entries_read_from_rows_say_what_the_records_say(app, busy, language):
    with app.test_request_context("/timeline/", headers={"Accept-Language": language}):
        app.preprocess_request()
        event = any_event()
        records = db.session.scalars(
            with_event_details(select(event), event).order_by(event.id)
        ).all()
        ids = [record.id for record in records]
        today = date(2022, 1, 1)
        from_records = timeline_entries(records, today)
        from_rows = timeline_entries(page_facts(ids, language), today)
    assert from_rows == from_records
    assert len(from_rows) == EVENTS
    assert sum(entry.cancelled for entry in from_rows) == 1
    assert sum(entry.proposed for entry in from_rows) == 1
    assert sum(bool(entry.city) for entry in from_rows) == EVENTS - 1  # the archived city's
    assert [len(entry.press) for entry in from_rows].count(2) == 1
    if language == "de":
        assert "Treffen zwei" in [entry.title for entry in from_rows]


def test_the_timeline_shows_the_german_text_cancelled_status_and_press(app, editor, busy):
    shown = page(editor.get("/timeline/", headers={"Accept-Language": "de"}))
    titles = shown.titles
    assert "Treffen zwei" in titles and "Meeting 2 with partner city" not in titles
    assert "Old meeting with partner city" not in titles
    html = editor.get("/timeline/").get_data(as_text=True)
    assert html.count("status-cancelled") == 1
    assert 'Ruhr News: <a href="https://example.org/report"' in html
    assert "Ruhr News: Report 0</li>" in html  # no address, no day


def test_the_count_of_a_topic_leaves_archived_events_out(app, editor, busy):
    html = editor.get(f"/timeline/?topic={busy['topic']}").get_data(as_text=True)
    assert f"Showing {EVENTS} events matching the filters" in html


# Babel's long date in each language, as days were written before they were written in the
# fuzzy dates' own words.
BABEL_DAY = {"de": "d. MMMM y", "en": "d MMMM y", "uk": "d MMMM y"}


@pytest.mark.parametrize("language", ["en", "de", "uk"])
def test_days_are_written_as_the_locale_writes_them(app, language):
    with app.test_request_context("/", headers={"Accept-Language": language}):
        app.preprocess_request()
        for offset in range(0, 366 * 3, 5):
            day = date(2023, 1, 1) + timedelta(days=offset)
            written = format_date(day, BABEL_DAY[language], locale=language)
            assert format_day(day) == format_day(day, language) == written
        assert format_day(None) == ""


@pytest.fixture
def hosted(app, busy):
    """Visits the busy city hosted: one with it as partner too, one with another partner, one
    with none, one archived."""
    with app.app_context():
        lviv, other = busy["city"], add_city("Leeds", "GB")
        for n, partner in enumerate((lviv, other, None)):
            visit = Visit(title=f"Hosted {n} with partner city", direction=Direction.INCOMING)
            visit.date = parse_fuzzy_date(f"{2020 + n}-05-01")
            visit.partner_city_id, visit.host_city_id = partner, lviv
            visit.topics = [db.session.get(Topic, busy["topic"])]
            db.session.add(visit)
        gone = Visit(title="Hosted and archived", direction=Direction.INCOMING)
        gone.date, gone.host_city_id = parse_fuzzy_date("2021"), lviv
        gone.archived_at = datetime.now(UTC).replace(tzinfo=None)
        db.session.add(gone)
        db.session.commit()
    return busy


@pytest.mark.parametrize("dense", [2, 1000])
def test_a_city_counts_the_events_it_lists(app, editor, hosted, monkeypatch, dense):
    """The count reads the city's events as partner and as host apart (an event with both
    counted once, an archived one not at all); the page walks the timeline for a busy city."""
    monkeypatch.setattr("partnership.events.queries.DENSE", dense)
    city = f"city={hosted['city']}"
    differing = {}
    for extra in ("", "&kind=visit", f"&topic={hosted['topic']}", "&q=partner", "&q=hosted 1"):
        path = f"/timeline/?{city}{extra}"
        html = editor.get(path).get_data(as_text=True)
        listed = len(page(editor.get(path)).titles)
        counted = re.search(r"Showing (\d+) events? matching", html)
        if not counted or int(counted.group(1)) != listed:
            differing[path] = (counted and counted.group(1), listed)
    assert differing == {}
    listed = page(editor.get(f"/timeline/?{city}")).titles
    assert len(listed) == EVENTS - 1 + 3 and "Hosted and archived" not in listed
