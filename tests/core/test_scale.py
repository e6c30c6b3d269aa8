"""What keeps pages fast as data grows: bounded city pages, index-friendly order, engine URLs."""

import datetime

import pytest
from conftest import PASSWORD, USERS, make_app
from sqlalchemy import select

from partnership.auth.models import Role
from partnership.config import engine_url
from partnership.events.models import Milestone, MilestoneKind
from partnership.events.queries import CITY_WINDOW
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate, Precision
from partnership.partners.models import City, CityName
from partnership.people.models import Contact


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u:p@db/partnership", "postgresql+psycopg://u:p@db/partnership"),
        ("postgres://u@db/partnership", "postgresql+psycopg://u@db/partnership"),
        ("postgresql+psycopg://u@db/x", "postgresql+psycopg://u@db/x"),
        ("sqlite:///instance/partnership.sqlite", "sqlite:///instance/partnership.sqlite"),
    ],
)
def test_postgresql_urls_use_psycopg_3(given, used):
    assert engine_url(given) == used


def test_the_app_takes_a_plain_postgresql_url():
    from partnership import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql://u@127.0.0.1:1/x", "SECRET_KEY": "k"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def add_milestones(city: City, days: list[datetime.date]) -> None:
    for number, day in enumerate(days):
        db.session.add(
            Milestone(
                title=f"Meeting number {number}",
                milestone_kind=MilestoneKind.MEETING,
                partner_city=city,
                date=FuzzyDate(day, day, Precision.DAY),
            )
        )


@pytest.fixture
def busy_city(app):
    """A partner city with 70 past and 40 coming meetings, and 60 contacts."""
    today = datetime.date.today()
    with app.app_context():
        # As the city form saves it: its own name is one of the names search looks in.
        city = City(name="Leeds", country_code="GB", names=[CityName("Leeds")])
        past = [today - datetime.timedelta(days=10 * n + 1) for n in range(70)]
        coming = [today + datetime.timedelta(days=10 * n + 1) for n in range(40)]
        add_milestones(city, past + coming)
        for number in range(60):
            db.session.add(Contact(name=f"Contact {number:02d}", city=city))
        db.session.commit()
        return city.id


def test_city_page_shows_the_latest_and_next_events_and_says_how_many_there_are(
    client, auth, busy_city
):
    auth.login(Role.VIEWER)
    page = client.get(f"/cities/{busy_city}").text

    shown = [n for n in range(110) if f"Meeting number {n}<" in page]
    # The 25 latest past meetings (numbers 0-24) and the 25 next ones (numbers 70-94).
    assert shown == list(range(CITY_WINDOW)) + list(range(70, 70 + CITY_WINDOW))
    assert "110 events" in page
    assert f"/timeline/?city={busy_city}" in page


def test_city_page_lists_its_first_contacts_and_links_to_all(client, auth, busy_city):
    auth.login(Role.VIEWER)
    page = client.get(f"/cities/{busy_city}").text

    assert "Contact 49" in page
    assert "Contact 50" not in page
    assert "All 60 contacts in Leeds" in page
    listed = client.get("/contacts/", query_string={"q": "Leeds"}).text
    assert "Contact 00" in listed


def test_timeline_pages_put_together_are_the_whole_timeline_in_order(database_path, busy_city):
    short_pages = make_app(database_path, PAGE_SIZE=10)
    client = short_pages.test_client()
    client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})
    with short_pages.app_context():
        expected = db.session.scalars(
            select(Milestone.title).order_by(Milestone.date_sort, Milestone.id)
        ).all()
    seen = []
    for number in range(1, 13):
        page = client.get("/timeline/", query_string={"page": number}).text
        seen += [title for title in expected if f"{title}<" in page]
    with short_pages.app_context():
        db.engine.dispose()
    assert seen == expected
