"""The timeline's date and city filters at any size: the "from" filter finds the events still
going on at its date without walking every earlier event, and a busy city (walked in the
timeline's order) asks as many questions as a city of few events (looked up by id)."""

from datetime import date

import pytest
from conftest import PASSWORD, USERS, make_app
from scale.test_list_paging import statements_sent
from timeline.timeline_helpers import add_milestone, page

from partnership.auth.models import Role
from partnership.events import queries as event_queries
from partnership.events.models import Event
from partnership.extensions import db
from partnership.partners.models import City


@pytest.fixture
def office(database_path, monkeypatch):
    """A city of 4 events or more is a busy one here."""
    monkeypatch.setattr(event_queries, "DENSE", 4)
    app = make_app(database_path, PAGE_SIZE=5)
    with app.app_context():
        busy, rare = City(name="Zhytomyr", country_code="UA"), City(name="Leeds", country_code="GB")
        db.session.add_all([busy, rare])
        db.session.commit()
        for year in range(2010, 2016):
            add_milestone(f"Busy {year}", str(year), city=busy.name)
        add_milestone("Rare 2012", "2012", city=rare.name)
        long_one = add_milestone("Programme 2018 to 2021", "2018")
        db.session.get(Event, long_one).date_end = date(2021, 6, 30)
        db.session.commit()
        cities = {"busy": busy.id, "rare": rare.id}
    client = app.test_client()
    client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})
    yield app, client, cities
    with app.app_context():
        db.engine.dispose()


def test_from_filter_finds_what_began_before_and_is_still_going_on(office):
    _app, client, _cities = office
    shown = page(client.get("/timeline/", query_string={"date_from": "2020"}))
    assert shown.titles == ["Programme 2018 to 2021"]
    later = page(client.get("/timeline/", query_string={"date_from": "2022"}))
    assert later.titles == []


def test_busy_and_rare_city_ask_as_many_questions_and_list_in_order(office):
    app, client, cities = office
    busy = page(client.get("/timeline/", query_string={"city": cities["busy"]}))
    assert busy.titles == [f"Busy {year}" for year in range(2010, 2015)]
    rare = page(client.get("/timeline/", query_string={"city": cities["rare"]}))
    assert rare.titles == ["Rare 2012"]
    asked = {
        name: statements_sent(app, client, f"/timeline/?city={city}")
        for name, city in cities.items()
    }
    assert asked["busy"] == asked["rare"]
