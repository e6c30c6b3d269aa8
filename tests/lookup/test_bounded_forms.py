"""No form lists every row of a table: pages stay small and their queries do not multiply."""

import pytest
from pages.helpers import make_city, page
from sql_counting import statements_during
from sqlalchemy import insert

from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.partners.models import City, CityName
from partnership.people.models import Contact

MANY = 3_000
# A form page with every record field bounded weighs a few dozen KB whatever the tables hold.
MAX_FORM_BYTES = 60_000
FORMS = [
    "/partnerships/new",
    "/organisations/new",
    "/contacts/new",
    "/visits/new",
    "/visits/record",
    "/agreements/new",
    "/exchanges/new",
    "/milestones/new",
    "/press/new",
    "/grants/new",
    "/programmes/new",
    "/reports/funding",
]
# Pages that list events page by page besides their filter form.
LISTS = ["/timeline/"]


def add_many(app, count: int, start: int = 0) -> None:
    """Insert `count` cities (with their names), contacts and events in a few statements."""
    numbers = range(start, start + count)
    with app.app_context():
        db.session.execute(
            insert(City), [{"name": f"Town {n:05}", "country_code": "DE"} for n in numbers]
        )
        ids = db.session.scalars(db.select(City.id).where(City.name.like("Town %"))).all()
        fresh = ids[-count:]
        db.session.execute(
            insert(CityName),
            [{"city_id": i, "name": f"Town {i:05}", "search_key": f"town {i:05}"} for i in fresh],
        )
        db.session.execute(
            insert(Contact),
            [{"name": f"Person {n:05}", "search_text": f"person {n:05}"} for n in numbers],
        )
        db.session.execute(
            insert(Milestone),
            [
                {
                    "title": f"Event {n:05}",
                    "search_text": f"event {n:05}",
                    "milestone_kind": MilestoneKind.MEETING,
                }
                for n in numbers
            ],
        )
        db.session.commit()


def count_queries(app, client, url: str) -> tuple[int, bytes]:
    """Return how many statements the page at `url` runs, and the page."""
    answers = []
    seen = statements_during(app, lambda: answers.append(client.get(url)))
    response = answers[0]
    assert response.status_code == 200, (url, response.status_code)
    return len(seen), response.data


@pytest.fixture
def home_city(editor):
    return make_city(editor, "Dortmund", country_code="DE", is_home=True)


def test_the_new_partnership_form_stays_small_among_thousands_of_cities(editor, app, home_city):
    add_many(app, MANY)

    response = editor.get("/partnerships/new")

    assert response.status_code == 200
    assert len(response.data) < MAX_FORM_BYTES, len(response.data)
    assert b"Town 0" not in response.data
    assert page(response).field("home_city_id").attrs["value"] == "Dortmund"


@pytest.mark.parametrize("url", FORMS + LISTS)
def test_form_pages_run_as_many_queries_for_ten_records_as_for_thousands(
    editor, app, home_city, url
):
    add_many(app, 10)
    editor.get(url)  # a first visit may set things up once (the timeline's calendar address)
    few, _ = count_queries(app, editor, url)

    add_many(app, MANY, start=10)
    many, html = count_queries(app, editor, url)

    assert many == few, (url, few, many)
    assert b"Town 0" not in html and b"Person 0" not in html
    if url not in LISTS:
        assert len(html) < MAX_FORM_BYTES, (url, len(html))
        assert b"Event 0" not in html
