"""List pages read a page of ids along an index, count at most COUNT_CAP + 1 matches and load
those rows: their SQL does not grow with the rows shown, the pager says "more than" past the
cap and keeps the search, a page past the end answers with the way back. The exchanges of the
start page and a topic's latest events are found the same way."""

import re
from datetime import date, datetime, timedelta

import pytest
from sql_counting import statements_sent

from partnership.events import queries as event_queries
from partnership.events.models import Milestone, MilestoneKind, Topic
from partnership.exchanges import queries as exchanges
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.records import paging
from partnership.records.entity import with_pages
from partnership.visits.models import Direction, Visit

FIRST_DAY = date(2024, 3, 1)


def archived(record) -> None:
    record.archived_at = datetime(2026, 1, 1)


def dated(record, day: date | None):
    record.date = parse_fuzzy_date(day.isoformat()) if day else None
    return record


def add_visits(app, count: int, word: str = "Trip") -> list[int]:
    """Add `count` visits titled `word n`, one a day from FIRST_DAY on."""
    with app.app_context():
        visits = [
            dated(
                Visit(title=f"{word} {n}", direction=Direction.INCOMING),
                FIRST_DAY + timedelta(days=n),
            )
            for n in range(count)
        ]
        db.session.add_all(visits)
        db.session.commit()
        return [visit.id for visit in visits]


@pytest.fixture
def listing(app, editor, monkeypatch):
    """Open a list with a page size and a count cap of the test's choosing; return its HTML."""

    def page(path: str, per_page: int = 50, cap: int = paging.COUNT_CAP) -> str:
        monkeypatch.setitem(app.config, "PAGE_SIZE", per_page)
        monkeypatch.setattr(paging, "COUNT_CAP", cap)
        response = editor.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_data(as_text=True)

    return page


def test_every_list_sends_the_same_sql_for_one_row_as_for_a_page(app, editor, demo, monkeypatch):
    add_visits(app, 4)
    differing = {}
    for entity in with_pages():
        path = f"/{entity.name}/"
        monkeypatch.setitem(app.config, "PAGE_SIZE", 1)
        one = statements_sent(app, editor, path)
        monkeypatch.setitem(app.config, "PAGE_SIZE", 4)
        page = statements_sent(app, editor, path)
        if one != page:
            differing[path] = (one, page)
    assert differing == {}


def test_the_pager_counts_up_to_the_cap_and_keeps_the_search(app, listing):
    add_visits(app, 7)
    add_visits(app, 2, word="Harbour")
    first = listing("/visits/?q=trip", per_page=2, cap=3)
    assert "Page 1 (more than 3 in all)" in first
    assert re.search(r'href="/visits/\?(page=2&amp;q=trip|q=trip&amp;page=2)" rel="next"', first)
    assert "Trip 6" in first and "Trip 5" in first and "Trip 4" not in first  # newest first
    assert "Harbour" not in first
    last = listing("/visits/?q=trip&page=4", per_page=2, cap=3)
    assert "Trip 0" in last and 'rel="next"' not in last and 'rel="prev"' in last
    # Under the cap the count is exact.
    exact = listing("/visits/?q=trip", per_page=5, cap=100)
    assert "Page 1 of 2 (7 in all)" in exact


@pytest.mark.parametrize("page", ["9", "2147483647"])
def test_a_page_past_the_end_answers_with_the_way_back(app, listing, page):
    add_visits(app, 3)
    for cap in (100, 2):  # the end known from the count, or met walking the ids
        html = listing(f"/visits/?q=trip&page={page}", per_page=2, cap=cap)
        assert f"Page {page} is past the end of the list." in html
        assert re.search(r'href="/visits/\?q=trip">Go to the first page', html)


def test_a_kind_list_keeps_its_kind_order_and_leaves_the_archive_out(app, listing):
    ids = add_visits(app, 3)
    with app.app_context():
        undated = dated(Visit(title="Trip sometime", direction=Direction.INCOMING), None)
        other_kind = dated(
            Milestone(title="Trip council", milestone_kind=MilestoneKind.MEETING), FIRST_DAY
        )
        db.session.add_all([undated, other_kind])
        archived(db.session.get(Visit, ids[1]))
        db.session.commit()
    html = listing("/visits/?q=trip", per_page=10, cap=100)
    titles = re.findall(r">(Trip [^<]+)</a></th>", html)
    assert titles == ["Trip 2", "Trip 0", "Trip sometime"]
    assert "Page 1 of 2 (3 in all)" in listing("/visits/?q=trip", per_page=2, cap=100)
    assert "Trip council" in listing("/milestones/?q=trip")


def add_exchange(title: str, day: date, status=ExchangeStatus.PLANNED, until: date | None = None):
    exchange = PlannedExchange(
        title=title, exchange_kind=ExchangeKind.YOUTH, direction=Direction.OUTGOING, status=status
    )
    exchange.date = parse_fuzzy_date(
        f"{day.isoformat()}–{until.isoformat()}" if until else day.isoformat()
    )
    db.session.add(exchange)
    return exchange


def test_next_and_overdue_exchanges(app_ctx):
    today = date(2026, 6, 15)
    add_exchange("Long ago", date(2020, 1, 1))
    add_exchange("Last month", date(2026, 5, 10))
    add_exchange("Cancelled", date(2026, 5, 20), ExchangeStatus.CANCELLED)
    add_exchange("Running", date(2026, 6, 1), until=date(2026, 7, 1))
    add_exchange("Next week", date(2026, 6, 22))
    add_exchange("Next year", date(2027, 2, 1), ExchangeStatus.CONFIRMED)
    add_exchange("Settled", date(2026, 6, 30), ExchangeStatus.REALISED)
    db.session.commit()
    upcoming = [exchange.title for exchange in exchanges.upcoming(today, 10)]
    assert upcoming == ["Running", "Next week", "Next year"]
    assert [x.title for x in exchanges.upcoming(today, 2)] == ["Running", "Next week"]
    shown, total = exchanges.overdue(today, 1)
    assert [exchange.title for exchange in shown] == ["Last month"] and total == 2
    listed = db.session.scalars(exchanges.overdue_query(today)).all()
    assert [exchange.title for exchange in listed] == ["Last month", "Long ago"]


@pytest.mark.parametrize("dense", [0, 10_000])
def test_a_topics_latest_events_and_count_walk_or_sort_alike(app_ctx, monkeypatch, dense):
    monkeypatch.setattr(event_queries, "TOPIC_DENSE", dense)
    topic = Topic(name="Water")
    visits = [
        dated(Visit(title=f"Well {n}", direction=Direction.INCOMING, topics=[topic]), day)
        for n, day in enumerate([FIRST_DAY, None, FIRST_DAY + timedelta(days=9), FIRST_DAY])
    ]
    db.session.add_all([*visits, dated(Visit(title="Dry", direction=Direction.INCOMING), None)])
    db.session.flush()
    archived(visits[3])
    db.session.commit()
    latest, total = event_queries.topic_events(topic.id, each=2)
    assert total == 3
    # The latest two in date order; the undated one sorts last, so it is not among them.
    assert [event.title for event in latest] == ["Well 0", "Well 2"]
