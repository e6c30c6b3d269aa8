"""A create form sent twice (a retry, a double click, a resend after an error) creates once."""

import re
import threading
from datetime import datetime

import pytest
from auth.urls import DETAIL_MODELS
from sqlalchemy import event, func, select

from partnership.auth.models import Role, User
from partnership.events.models import Topic
from partnership.extensions import db
from partnership.funding.models import BudgetLine, CostItem, GrantEvent, Participant
from partnership.once import SubmittedForm
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.records.entity import with_pages
from partnership.visits.models import Delegation, DelegationMember, Visit

from .forms import form_fields

KEY = re.compile(r'name="once_key" value="([^"]+)"')
ALREADY = "This form was already saved."
# Each kind of record with a create form, and the model its page shows.
AREAS = [entity.name for entity in with_pages()]
UNIQUE_TEXT = ("name", "title", "reference")
NEW_TOPIC = {"name": "Water supply"}


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def first_id(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(model.id).order_by(model.id).limit(1))


def once_key(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, url
    keys = KEY.findall(page.get_data(as_text=True))
    assert keys, f"no one-time key on {url}"
    return keys[0]


def copy_of_a_record(client, area: str, record_id: int) -> dict:
    """Fill the new-record form as the edit form of an existing record is filled, renamed."""
    data = form_fields(client.get(f"/{area}/{record_id}/edit").get_data(as_text=True))
    data.pop("version", None)
    # A copy is likely a duplicate (a city keeps its other names): the user says it is not.
    data["not_duplicate"] = "y"
    for name in UNIQUE_TEXT:
        if isinstance(data.get(name), str) and data[name]:
            data[name] = f"{data[name]} (sent twice)"
    return data


def new_record_data(app, client, area: str) -> dict:
    """Return what a user would send to create one more record of `area`."""
    if area == "milestones":
        blank = form_fields(client.get("/milestones/new").get_data(as_text=True))
        return {**blank, "title": "Council thanks the partners", "date": "2024"}
    if area == "programmes":
        with app.app_context():
            funder = db.session.scalar(
                select(Organisation.id).where(Organisation.kind == OrganisationKind.FUNDER)
            )
        return {"name": "Kommunale Partnerschaften", "funder_id": funder}
    data = copy_of_a_record(client, area, first_id(app, DETAIL_MODELS[area]))
    if area == "partnerships":  # a pair of cities is a partnership once
        with app.app_context():
            city = City(name="Kutaisi", country_code="GE")
            db.session.add(city)
            db.session.commit()
            data["partner_city_id"] = city.id
        # The copied partnership's stages fix its kind and status, so its edit form does not
        # send them; the new-record form asks for them.
        data.setdefault("kind", "twinning")
        data.setdefault("status", "")
    return data


@pytest.mark.parametrize("area", AREAS)
def test_each_create_form_sent_twice_creates_once(app, client, auth, demo, area):
    model = DETAIL_MODELS[area]
    auth.login(Role.EDITOR)
    data = {**new_record_data(app, client, area), "once_key": once_key(client, f"/{area}/new")}
    before = count(app, model)

    first = client.post(f"/{area}/new", data=data)
    assert first.status_code == 302, first.get_data(as_text=True)
    again = client.post(f"/{area}/new", data=data)

    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert ALREADY in client.get(again.headers["Location"]).get_data(as_text=True)
    assert count(app, model) == before + 1


def post_twice(client, page: str, action: str, data: dict):
    """Send the form of `page` posting to `action` twice with the same key; return both answers."""
    key = once_key(client, page)
    first = client.post(action, data={**data, "once_key": key})
    assert first.status_code == 302, first.get_data(as_text=True)
    again = client.post(action, data={**data, "once_key": key})
    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert ALREADY in client.get(again.headers["Location"]).get_data(as_text=True)
    return first, again


def city_ids(app) -> tuple[int, int]:
    with app.app_context():
        home = db.session.scalar(select(City.id).where(City.is_home))
        partner = db.session.scalar(select(City.id).where(City.id != home).order_by(City.id))
    return home, partner


def visit_data(app, client) -> dict:
    home, partner = city_ids(app)
    blank = form_fields(client.get("/visits/record").get_data(as_text=True))
    return {
        **blank,
        "title": "Youth orchestra visits",
        "partner_city_id": partner,
        "host_city_id": home,
        "date": "May 2025",
        "new_members": "Olena Koval – conductor",
    }


def test_recording_a_visit_twice_records_it_once(app, client, auth, demo):
    auth.login(Role.EDITOR)
    before = count(app, Visit), count(app, Delegation)
    post_twice(client, "/visits/record", "/visits/record", visit_data(app, client))
    assert (count(app, Visit), count(app, Delegation)) == (before[0] + 1, before[1] + 1)


def test_adding_a_new_member_twice_adds_one(app, client, auth, demo):
    auth.login(Role.EDITOR)
    delegation = first_id(app, Delegation)
    page, action = f"/delegations/{delegation}", f"/delegations/{delegation}/members"
    before = count(app, DelegationMember)
    post_twice(client, page, action, {"new_contact_name": "Taras Melnyk", "role": "Driver"})
    assert count(app, DelegationMember) == before + 1


def test_funding_rows_sent_twice_are_added_once(app, client, auth, demo):
    auth.login(Role.EDITOR)
    with app.app_context():
        grant, event = db.session.execute(
            select(GrantEvent.grant_id, GrantEvent.event_id).order_by(GrantEvent.event_id)
        ).first()
    grant_page, event_page = f"/grants/{grant}", f"/events/{event}/funding"
    lines, participants, costs = (
        count(app, BudgetLine),
        count(app, Participant),
        count(app, CostItem),
    )

    line = {"line-name": "Interpreting (sent twice)", "line-planned_amount": "900"}
    post_twice(client, grant_page, f"{grant_page}/budget-lines", line)
    person = {"participant-name": "Iryna Bondar", "participant-origin": "international"}
    post_twice(client, event_page, f"{event_page}/participants", person)
    with app.app_context():
        line_id = db.session.scalar(
            select(BudgetLine.id).where(BudgetLine.name == line["line-name"])
        )
    receipt = {"cost-budget_line_id": line_id, "cost-amount": "48.50", "cost-currency": "EUR"}
    post_twice(client, event_page, f"{event_page}/costs", receipt)

    assert (count(app, BudgetLine), count(app, Participant), count(app, CostItem)) == (
        lines + 1,
        participants + 1,
        costs + 1,
    )


def test_creating_a_user_twice_creates_one(app, client, auth):
    auth.login(Role.ADMIN)
    data = {"email": "new.colleague@example.org", "name": "New Colleague", "role": "viewer",
            "password": "a long enough password", "active": "y"}  # fmt: skip
    post_twice(client, "/users/new", "/users/new", data)
    assert count(app, User, User.email == "new.colleague@example.org") == 1


def test_the_same_form_sent_twice_at_once_creates_once(app, auth, client, demo):
    auth.login(Role.EDITOR)
    data = {**NEW_TOPIC, "once_key": once_key(client, "/topics/new")}
    second = app.test_client()
    second.set_cookie("session", client.get_cookie("session").value)
    before = count(app, Topic)
    answers = []
    threads = [
        threading.Thread(target=lambda c=c: answers.append(c.post("/topics/new", data=data)))
        for c in (client, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(a.status_code for a in answers) == [302, 302]
    assert len({a.headers["Location"] for a in answers}) == 1
    assert count(app, Topic) == before + 1


def test_keys_older_than_a_day_are_pruned(app, client, auth):
    auth.login(Role.EDITOR)
    with app.app_context():
        db.session.add(SubmittedForm(key="k" * 32, at=datetime(2020, 1, 1), location="/topics/1"))
        db.session.commit()
    data = {**NEW_TOPIC, "once_key": once_key(client, "/topics/new")}
    assert client.post("/topics/new", data=data).status_code == 302
    with app.app_context():
        keys = db.session.scalars(select(SubmittedForm.key)).all()
    assert keys == [data["once_key"]]


def test_a_form_without_a_key_still_saves(app, client, auth):
    auth.login(Role.EDITOR)
    before = count(app, Topic)
    assert client.post("/topics/new", data=NEW_TOPIC).status_code == 302
    assert count(app, Topic) == before + 1
    assert count(app, SubmittedForm) == 0


# Nothing is read after the commit ---------------------------------------------------------------


@pytest.fixture
def statements(app):
    """Every SQL statement the app runs, with a COMMIT marker where a transaction committed."""
    seen: list[str] = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    event.listen(engine, "commit", lambda connection: seen.append("COMMIT"))
    return seen


def after_last_commit(seen: list[str]) -> list[str]:
    assert "COMMIT" in seen, "nothing was committed"
    return seen[len(seen) - seen[::-1].index("COMMIT") :]


def test_after_creating_a_record_nothing_is_read_from_the_database(app, client, auth, statements):
    auth.login(Role.EDITOR)
    data = {**NEW_TOPIC, "once_key": once_key(client, "/topics/new")}
    statements.clear()
    response = client.post("/topics/new", data=data)
    assert response.status_code == 302
    assert after_last_commit(statements) == []


def test_after_saving_an_edit_nothing_is_read_from_the_database(
    app, client, auth, demo, statements
):
    auth.login(Role.EDITOR)
    city = first_id(app, City)
    data = copy_of_a_record(client, "cities", city)
    data["version"] = form_fields(client.get(f"/cities/{city}/edit").get_data(as_text=True))[
        "version"
    ]
    statements.clear()
    response = client.post(f"/cities/{city}/edit", data=data)
    assert response.status_code == 302
    assert after_last_commit(statements) == []


def test_after_recording_a_visit_nothing_is_read_from_the_database(
    app, client, auth, demo, statements
):
    auth.login(Role.EDITOR)
    data = {**visit_data(app, client), "once_key": once_key(client, "/visits/record")}
    statements.clear()
    assert client.post("/visits/record", data=data).status_code == 302
    assert after_last_commit(statements) == []


def test_after_creating_a_user_nothing_is_read_from_the_database(app, client, auth, statements):
    auth.login(Role.ADMIN)
    data = {
        "email": "third@example.org",
        "name": "Third",
        "role": "viewer",
        "password": "a long enough password",
        "once_key": once_key(client, "/users/new"),
    }
    statements.clear()
    assert client.post("/users/new", data=data).status_code == 302
    assert after_last_commit(statements) == []


def test_after_logging_in_nothing_is_read_from_the_database(client, auth, statements):
    response = auth.login(Role.EDITOR)
    assert response.status_code == 302
    assert after_last_commit(statements) == []
