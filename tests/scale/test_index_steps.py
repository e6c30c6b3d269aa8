"""A city's page and the API's lists are served by indexes, with as many queries for many rows
as for few: their statements are explained on the engine the tests run on (every table taken
as large, as the benchmark's plan checker judges the large data) and counted."""

import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import USERS
from engines import ON_POSTGRESQL
from flask import current_app
from sql_counting import statements_during
from sqlalchemy import select, text

# The benchmark's own checker, as `make bench` judges plans (bench/ is no installed package).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.plans import LARGE, unindexed_steps  # noqa: E402
from partnership.api.models import TokenScope  # noqa: E402
from partnership.api.tokens import create_token  # noqa: E402
from partnership.auth.models import Role, User  # noqa: E402
from partnership.extensions import db  # noqa: E402
from partnership.fuzzydate import parse_fuzzy_date  # noqa: E402
from partnership.partners.models import City  # noqa: E402
from partnership.partners.timeline import city_timeline  # noqa: E402
from partnership.visits.models import Direction, Visit, VisitStatus  # noqa: E402

MORE = 30


def statements_of(action) -> list[tuple[str, object]]:
    """The statements `action` sends, run in the app context at hand."""
    return statements_during(current_app._get_current_object(), action)


def steps_without_index(statements) -> list[str]:
    connection = db.session.connection()
    if ON_POSTGRESQL:  # a test's few rows are read whole by choice: ask for the indexes' way
        connection.execute(text("SET LOCAL enable_seqscan = off"))
    everything_large = {name: LARGE + 1 for name in db.metadata.tables}
    return unindexed_steps(connection, statements, everything_large)


def add_visits(home_id: int, partner_id: int, years) -> None:
    for year in years:
        db.session.add(
            Visit(
                title=f"Visit {year}",
                date=parse_fuzzy_date(str(year)),
                partner_city_id=partner_id,
                host_city_id=home_id,
                direction=Direction.INCOMING,
                status=VisitStatus.DONE,
            )
        )
    db.session.flush()


@pytest.fixture
def cities(app):
    with app.app_context():
        home = City(name="Homeburg", country_code="DE", is_home=True)
        partner = City(name="Partnerstadt", country_code="PL")
        db.session.add_all([home, partner])
        db.session.flush()
        # One past and one to come: each half of the page loads its events' details.
        add_visits(home.id, partner.id, (2001, 2099))
        db.session.commit()
        return home.id, partner.id


def test_a_citys_events_are_found_by_indexes_and_counted(app, cities):
    home, partner = cities
    with app.app_context():
        add_visits(home, partner, range(2003, 2003 + MORE))
        sent = statements_of(lambda: city_timeline(home, date(2020, 6, 1), each=5))
        events, total = city_timeline(home, date(2020, 6, 1), each=5)
        assert [e.title for e in events] == [f"Visit {y}" for y in range(2015, 2025)]
        assert total == 2 + MORE
        assert steps_without_index(sent) == []
        db.session.rollback()


def test_a_citys_page_sends_as_many_queries_for_many_events(app, cities, editor):
    home, partner = cities
    few = len(statements_of_page(app, editor, f"/cities/{home}"))
    with app.app_context():
        add_visits(home, partner, range(2003, 2003 + MORE))
        db.session.commit()
    assert len(statements_of_page(app, editor, f"/cities/{home}")) == few


def statements_of_page(app, client, path: str, **headers) -> list:
    """The statements of `path`'s second answer (the first one warms up the app)."""
    assert client.get(path, headers=headers).status_code == 200, path
    with app.app_context():
        return statements_of(lambda: client.get(path, headers=headers))


@pytest.mark.parametrize("kind", ["topics", "agreements", "contacts", "press", "visits"])
def test_an_api_list_is_an_index_walk_with_as_many_queries_for_a_larger_page(
    app, client, demo, kind
):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == USERS[Role.VIEWER]))
        _token, secret = create_token(user, "plans", TokenScope.READ)
        db.session.commit()
    auth = {"Authorization": f"Bearer {secret}"}
    small = statements_of_page(app, client, f"/api/v1/{kind}?per_page=2", **auth)
    large = statements_of_page(app, client, f"/api/v1/{kind}?per_page=20", **auth)
    assert len(small) == len(large)
    with app.app_context():
        # The topics are read without the office list's count of each topic's events.
        assert not any("event_topic" in s for s, _ in large if kind == "topics")
        assert steps_without_index(large) == []
        db.session.rollback()
