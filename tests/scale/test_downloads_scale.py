"""Downloads and calendar feeds at any size: a list's download loads its related rows once per
batch (its queries grow with the batches, never with the rows), and a calendar feed holds a
bounded window around today, built with the same few queries however many events there are."""

import re
from datetime import date, timedelta

from sqlalchemy import event as sql_event

from partnership.events.models import Milestone, MilestoneKind, Topic
from partnership.exports import lists as list_exports
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City
from partnership.timeline import calendar
from partnership.visits.models import Delegation, Direction, ProgrammeItem, Visit

BATCH = 50


def sent(app, client, path: str) -> tuple[int, str]:
    """Download `path`; return the SQL statements it sent and its text."""
    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args):
        statements.append(1)

    client.get(path).close()  # what is read once per process is read before counting
    sql_event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
        text = response.get_data(as_text=True)
    finally:
        sql_event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, (path, response.status_code)
    return len(statements), text


def day(when: date):
    return parse_fuzzy_date(when.isoformat())


def add_visits(app, count: int, first: int = 0) -> None:
    """Visits with every related kind a visit's download writes: cities, delegation, topics,
    a programme."""
    with app.app_context():
        city = City(name=f"Partner {first}", country_code="PL")
        delegation = Delegation(name=f"Guests {first}", origin_city=city)
        topic = Topic(name=f"Topic {first}")
        for n in range(first, first + count):
            visit = Visit(
                title=f"Trip {n}",
                direction=Direction.INCOMING,
                partner_city=city,
                delegation=delegation,
                topics=[topic],
            )
            visit.date = day(date(2020, 1, 1) + timedelta(days=n))
            visit.programme = [
                ProgrammeItem(position=1, description="Arrival"),
                ProgrammeItem(position=2, description="Town hall"),
            ]
            db.session.add(visit)
        db.session.commit()


def test_a_download_sends_queries_per_batch_not_per_row(app, editor, monkeypatch):
    monkeypatch.setattr(list_exports, "BATCH", BATCH)
    add_visits(app, 10)
    ten, text = sent(app, editor, "/visits/export.csv")
    assert text.count("Trip ") == 10
    add_visits(app, 30, first=10)
    forty, _ = sent(app, editor, "/visits/export.csv")
    add_visits(app, 260, first=40)
    three_hundred, text = sent(app, editor, "/visits/export.csv")
    assert text.count("Trip ") == 300

    # 10 and 40 rows: one batch each, the same queries (no row loads anything of its own).
    assert forty == ten
    # 300 rows: six full batches, each one statement with its related names inside; a seventh
    # read finds nothing left. So five more batches and that last read: six more queries.
    assert three_hundred - ten == 6, (ten, three_hundred)


def add_milestones(app, days: list[date], word: str) -> None:
    with app.app_context():
        for n, when in enumerate(days):
            milestone = Milestone(title=f"{word} {n}", milestone_kind=MilestoneKind.MEETING)
            milestone.date = day(when)
            db.session.add(milestone)
        db.session.commit()


def feed_path(client) -> str:
    page = client.get("/timeline/").get_data(as_text=True)
    start = page.index("/timeline/feed/")
    return page[start : page.index('"', start)]


def summaries(calendar_text: str) -> list[str]:
    return re.findall(r"^SUMMARY:Milestone: (.*?)\r?$", calendar_text, re.MULTILINE)


def test_a_feed_holds_the_window_around_today_with_the_same_queries(app, editor):
    today = date.today()
    add_milestones(app, [today + timedelta(days=n) for n in (-300, -1, 0, 10, 900)], "Near")
    add_milestones(app, [today - timedelta(days=400), today + timedelta(days=4 * 365)], "Far")
    path = feed_path(editor)
    few, feed = sent(app, app.test_client(), path)

    # Hundreds of events of past years: the feed leaves them out, with the same queries.
    add_milestones(app, [today - timedelta(days=400 + n) for n in range(300)], "Old")
    many, feed_later = sent(app, app.test_client(), path)
    downloaded = sent(app, editor, "/timeline/timeline.ics")[1]

    assert many == few
    assert summaries(feed) == summaries(feed_later) == summaries(downloaded)
    assert summaries(feed_later) == [f"Near {n}" for n in range(5)]


def test_a_calendar_asking_for_old_dates_gets_the_latest_of_them(app, editor, monkeypatch):
    monkeypatch.setattr(calendar, "FEED_LIMIT", 20)
    monkeypatch.setattr(calendar, "UPCOMING_SHARE", 10)
    add_milestones(app, [date(2001, 1, 1) + timedelta(days=n) for n in range(40)], "Old")

    entries = sent(app, editor, "/timeline/timeline.ics?date_from=2001&date_to=2001")[1]

    # All in the past: every place goes to the latest of the asked-for dates, in order.
    assert summaries(entries) == [f"Old {n}" for n in range(20, 40)]
