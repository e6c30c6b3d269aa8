"""A person's rights: everything held about them on request, erasure, and a review list."""

import json
from datetime import date, datetime, timedelta

import pytest
from conftest import make_app
from pages.helpers import (
    delete,
    edit,
    id_of,
    listed,
    make_city,
    make_contact,
    make_delegation,
    make_milestone,
    make_visit,
    page,
    show,
)
from sqlalchemy import select, update

from partnership.auth.models import Role, User
from partnership.extensions import db
from partnership.funding.models import Participant, ParticipantOrigin
from partnership.history.models import Change
from partnership.people.models import Contact
from partnership.visits.models import Delegation, Visit

from .conftest import logged_in

NAME = "Svitlana Olshanska"
EMAIL = "s.olshanska@zt-rada.example"
PHONE = "+380 412 47 00 00"
DELEGATION = "Delegation of Zhytomyr, September 2023"
VISIT = "Delegation from Zhytomyr visits Dortmund"


@pytest.fixture
def person(app, demo, editor):
    """The demo's deputy mayor, with an e-mail and phone an editor added later."""
    contact = id_of(app, Contact, name=NAME)
    edit(editor, "contacts", contact, email=EMAIL, phone=PHONE)
    editor.get(f"/contacts/{contact}")  # reads the "saved" message, which names the person
    return contact


def every_change_as_text(app) -> str:
    with app.app_context():
        rows = db.session.scalars(select(Change)).all()
        return json.dumps([[c.label, c.changes] for c in rows], ensure_ascii=False)


# Access request -------------------------------------------------------------------------------


def test_the_json_export_holds_fields_delegations_visits_and_history(viewer, person):
    response = viewer.get(f"/contacts/{person}/data.json")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    held = json.loads(response.get_data(as_text=True))
    fields = held["contact"]
    assert (fields["name"], fields["email"], fields["phone"]) == (NAME, EMAIL, PHONE)
    assert fields["role_title"] == "Deputy mayor of Zhytomyr"
    assert fields["organisation"] == "City of Zhytomyr" and fields["city"] == "Zhytomyr"
    membership = {"delegation": DELEGATION, "head": False, "role": "Deputy mayor"}
    assert held["delegations"] == [membership]
    assert {"visit": VISIT, "date": "24–29 September 2023"} in held["visits"]
    actions = [entry["action"] for entry in held["history"]]
    assert actions == ["update", "create"]
    latest = held["history"][0]
    assert latest["by"] == "Editor User"
    assert latest["changes"]["phone"] == ["", PHONE]


def test_the_readable_page_shows_the_same(viewer, person):
    response = viewer.get(f"/contacts/{person}/data")

    assert response.status_code == 200
    text = page(response).text
    for held in (NAME, EMAIL, PHONE, DELEGATION, VISIT, "Deputy mayor", "Editor User"):
        assert held in text, held
    assert page(response).links_to(f"/contacts/{person}/data.json")


def test_the_export_names_every_event_the_person_took_part_in(app, editor, viewer, person):
    """A participant list (funding evidence) is a place where the person appears too."""
    milestone = make_milestone(editor, title="Round table on water supply")
    with app.app_context():
        db.session.add(
            Participant(
                event_id=milestone,
                contact_id=person,
                role="Speaker",
                origin=ParticipantOrigin.INTERNATIONAL,
            )
        )
        db.session.commit()

    held = viewer.get(f"/contacts/{person}/data.json").get_data(as_text=True)

    assert "Round table on water supply" in held


def test_logged_out_visitors_get_nothing_about_a_person(client, person):
    for url in (f"/contacts/{person}/data", f"/contacts/{person}/data.json"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


# Erasure --------------------------------------------------------------------------------------


def test_only_an_admin_may_erase(app, editor, viewer, person):
    for client in (editor, viewer):
        assert client.get(f"/contacts/{person}/erase").status_code == 403
        assert client.post(f"/contacts/{person}/erase").status_code == 403
    assert show(editor, "contacts", person).text.count(NAME) >= 1


def test_erasing_anonymises_the_person_everywhere_and_keeps_the_counts(app, editor, admin, person):
    assert NAME in every_change_as_text(app) and PHONE in every_change_as_text(app)
    confirm = admin.get(f"/contacts/{person}/erase")
    assert confirm.status_code == 200
    assert NAME in page(confirm).text

    response = admin.post(f"/contacts/{person}/erase")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/contacts/{person}"
    erased = f"Erased person {person}"
    contact_page = show(editor, "contacts", person)
    assert erased in contact_page.text
    recorded = every_change_as_text(app)
    for personal in (NAME, "Olshanska", EMAIL, PHONE):
        assert personal not in contact_page.text, personal
        assert personal not in recorded, personal
        found = page(editor.get("/search/", query_string={"q": personal}))
        assert not found.links_to(f"/contacts/{person}"), personal
    assert not listed(editor, "contacts", person, "Olshanska")
    with app.app_context():
        contact = db.session.get(Contact, person)
        assert (contact.email, contact.phone, contact.role_title, contact.notes) == ("", "", "", "")
        assert contact.organisation_id is None and contact.city_id is None

    delegation = show(editor, "delegations", id_of(app, Delegation, name=DELEGATION))
    assert "Number of people 6" in delegation.text
    assert delegation.links_to(f"/contacts/{person}")
    assert erased in delegation.text and "Deputy mayor" not in delegation.text
    visit = show(editor, "visits", id_of(app, Visit, title=VISIT))
    assert "6 people" in visit.text and erased in visit.text and NAME not in visit.text
    history = page(editor.get(f"/history/Contact/{person}")).text
    assert NAME not in history and PHONE not in history and "erased" in history
    exported = editor.get(f"/contacts/{person}/data.json").get_data(as_text=True)
    assert NAME not in exported and PHONE not in exported and EMAIL not in exported


def test_erasing_clears_the_persons_role_on_participant_lists(app, admin, person):
    """The erase page promises role, organisation and city go too; a participant list of the
    visit (funding evidence) must not keep "Deputy mayor, City of Zhytomyr" beside the person."""
    admin.post(f"/contacts/{person}/erase")

    with app.app_context():
        rows = db.session.scalars(select(Participant).where(Participant.contact_id == person)).all()
        assert rows, "the demo lists the deputy mayor among the visit's participants"
        for row in rows:
            assert (row.role, row.organisation, row.city) == ("", "", ""), (
                row.role,
                row.organisation,
                row.city,
            )


def test_the_erasure_is_recorded_with_the_admin_who_did_it(app, admin, person):
    admin.post(f"/contacts/{person}/erase")

    with app.app_context():
        erasure = db.session.scalars(
            select(Change).where(Change.action == "erase", Change.entity_id == person)
        ).one()
        admin_id = db.session.scalar(select(User.id).where(User.role == Role.ADMIN))
        assert erasure.user_id == admin_id


def test_an_erased_person_cannot_be_erased_twice(admin, person):
    admin.post(f"/contacts/{person}/erase")

    assert admin.get(f"/contacts/{person}/erase").status_code == 404


def test_a_deleted_contact_can_still_be_erased(app, editor, admin):
    """Deleting archives and keeps the personal data; an erasure request must still reach it."""
    contact = make_contact(editor, "Petro Melnyk", email="p.melnyk@example.org")
    assert delete(editor, "contacts", contact).status_code == 302

    response = admin.post(f"/contacts/{contact}/erase")

    assert response.status_code in (200, 302), response.status_code
    assert "p.melnyk@example.org" not in every_change_as_text(app)
    with app.app_context():
        row = db.session.scalars(
            select(Contact).where(Contact.id == contact).execution_options(include_archived=True)
        ).one()
        assert row.email == "" and "Melnyk" not in row.name


# Review ---------------------------------------------------------------------------------------


def set_back(app, contact: int, years: int) -> None:
    """Pretend nobody touched the contact for `years` years."""
    with app.app_context():
        long_ago = datetime.now() - timedelta(days=365 * years + 30)
        db.session.execute(update(Contact).where(Contact.id == contact).values(updated_at=long_ago))
        db.session.commit()


def review_list(client) -> list[str]:
    response = client.get("/contacts/review")
    assert response.status_code == 200
    return page(response).links


def test_the_review_lists_old_unreferenced_contacts_only(app, demo, editor, admin):
    forgotten = make_contact(editor, "Forgotten Friend")
    recent = make_contact(editor, "Recent Friend")
    coordinator = id_of(app, Contact, name="Fabian Zeuch")
    traveller = make_contact(editor, "Recent Traveller")
    city = make_city(editor, "Korosten")
    delegation = make_delegation(editor, "Delegation of Korosten this year")
    editor.post(f"/delegations/{delegation}/members", data={"contact_id": traveller})
    make_visit(editor, city, date=str(date.today().year), delegation_id=delegation)
    for contact in (forgotten, coordinator, traveller):
        set_back(app, contact, years=4)

    listed_links = review_list(admin)

    assert f"/contacts/{forgotten}" in listed_links
    assert f"/contacts/{forgotten}/erase" in listed_links
    for kept in (recent, coordinator, traveller):
        assert f"/contacts/{kept}" not in listed_links, kept


def test_the_review_period_is_configurable(app, database_path, editor):
    forgotten = make_contact(editor, "Forgotten Friend")
    set_back(app, forgotten, years=4)
    patient = make_app(database_path, CONTACT_REVIEW_YEARS=10)
    try:
        admin = logged_in(patient, Role.ADMIN)
        assert f"/contacts/{forgotten}" not in review_list(admin)
    finally:
        with patient.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_the_review_is_for_admins_only(app, role):
    assert logged_in(app, role).get("/contacts/review").status_code == 403
