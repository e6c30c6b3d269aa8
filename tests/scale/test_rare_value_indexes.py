"""Columns mostly empty and rare statuses are looked up by their partial indexes (migration
5e8a1f3c7b20): a contact's headed delegations, a visit's exchange, the cancelled visits and
exchanges. SQLite's statistics, gathered over many empty rows, took a lookup of one value for
a read of every row; the statements are explained after ANALYZE on the engine the tests run on.
A busy topic's latest events are two walks of the timeline index, dated then undated."""

import re
from datetime import date

from sqlalchemy import text
from test_index_steps import statements_of, statements_of_page, steps_without_index

from partnership import chart, home
from partnership.events import queries as event_queries
from partnership.events.models import Event, Topic
from partnership.events.queries import topic_events
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City
from partnership.people.models import Contact
from partnership.visits.models import Delegation, Direction, Visit, VisitStatus

EMPTY = 120


def analyze() -> None:
    """Statistics of the tables filled, as a database in use keeps them (in the test's own
    transaction); the other tables' few rows are left unmeasured, as if many."""
    for table in ("delegation", "planned_exchange", "visit"):
        db.session.execute(text(f"ANALYZE {table}"))
    db.session.commit()


def unindexed_reads_of_these_tables(statements) -> list[str]:
    """The unindexed steps reading the tables filled here (the pages' other small tables
    are judged by their own tests)."""
    tables = ("delegation", "planned_exchange", "visit")
    return [
        step
        for step in steps_without_index(statements)
        if re.search(rf"(SCAN|Scan on) ({'|'.join(tables)})\b", step.split(" in: ")[0])
    ]


def fill(app) -> dict:
    """Many delegations without a head and exchanges never realised, none cancelled, measured
    so (as the benchmark's large data is); then one headed delegation, one realised exchange."""
    with app.app_context():
        city = City(name="Partnerstadt", country_code="PL")
        head = Contact(name="Head of delegation")
        db.session.add_all([city, head])
        db.session.add_all(Delegation(name=f"Delegation {n}") for n in range(EMPTY))
        db.session.flush()
        db.session.add_all(exchange(city.id, n) for n in range(EMPTY))
        db.session.commit()
        analyze()
        visit = Visit(
            title="Realised visit",
            partner_city_id=city.id,
            direction=Direction.INCOMING,
            status=VisitStatus.DONE,
            date=parse_fuzzy_date("2024-05-02"),
        )
        db.session.add_all([Delegation(name="Headed", head_id=head.id), visit])
        db.session.flush()
        db.session.add(exchange(city.id, "realised", realised_visit_id=visit.id))
        db.session.commit()
        return {"contact": head.id, "visit": visit.id}


def exchange(city_id: int, name, **values) -> PlannedExchange:
    return PlannedExchange(
        title=f"Exchange {name}",
        partner_city_id=city_id,
        exchange_kind=ExchangeKind.YOUTH,
        direction=Direction.OUTGOING,
        status=ExchangeStatus.PLANNED,
        date=parse_fuzzy_date("2023"),
        **values,
    )


def test_a_contacts_delegations_and_a_visits_exchange_are_read_by_their_index(app, editor, admin):
    ids = fill(app)
    contact = f"/contacts/{ids['contact']}"
    for path in (contact, f"{contact}/data", f"{contact}/data.json", f"/visits/{ids['visit']}"):
        # The privacy report is an administrator's page.
        client = editor if editor.get(path).status_code == 200 else admin
        sent = statements_of_page(app, client, path)
        with app.app_context():
            assert unindexed_reads_of_these_tables(sent) == [], path
            db.session.rollback()
    assert "Headed" in editor.get(contact).get_data(as_text=True)
    assert "Exchange realised" in editor.get(f"/visits/{ids['visit']}").get_data(as_text=True)


def test_the_start_page_finds_the_cancelled_by_their_index(app):
    fill(app)
    with app.app_context():
        today = date.today()
        sent = statements_of(lambda: (chart._count(today.year), home.latest_events(today)))
        sent += statements_of(lambda: home.events_lacking_press(today))
        assert any("cancelled" in statement for statement, _ in sent)
        assert unindexed_reads_of_these_tables(sent) == []
        db.session.rollback()


def dated_and_undated(app, topic_name: str, years) -> int:
    with app.app_context():
        topic = Topic(name=topic_name)
        db.session.add(topic)
        for year in years:
            date = parse_fuzzy_date(str(year)) if year else None
            title = f"Event {year or 'undated'}"
            db.session.add(Visit(title=title, date=date, direction=Direction.INCOMING,
                                 status=VisitStatus.DONE, topics=[topic]))  # fmt: skip
        db.session.commit()
        return topic.id


def test_a_busy_topic_shows_its_latest_events_undated_last(app, monkeypatch):
    topic_id = dated_and_undated(app, "Youth", [2001, 2005, None, 2003, 2010])
    with app.app_context():
        rare, rare_total = topic_events(topic_id, each=3)
        monkeypatch.setattr(event_queries, "TOPIC_DENSE", 1)
        busy, busy_total = topic_events(topic_id, each=3)
        sent = statements_of(lambda: topic_events(topic_id, each=3))
        # Oldest first on the page: the latest three, the same whichever way they are found.
        assert [e.title for e in busy] == ["Event 2003", "Event 2005", "Event 2010"]
        assert [e.title for e in rare] == [e.title for e in busy]
        assert busy_total == rare_total == 5
        everything, _ = topic_events(topic_id, each=10)
        assert everything[0].title == "Event undated"
        assert steps_without_index(sent) == []
        db.session.rollback()


def test_archived_events_of_a_busy_topic_are_left_out(app, monkeypatch):
    topic_id = dated_and_undated(app, "Culture", [2001, 2002])
    with app.app_context():
        newest = db.session.query(Event).filter(Event.title == "Event 2002").one()
        newest.archived_at = newest.created_at
        db.session.commit()
        monkeypatch.setattr(event_queries, "TOPIC_DENSE", 1)
        events, total = topic_events(topic_id)
        assert [e.title for e in events] == ["Event 2001"]
        assert total == 1
