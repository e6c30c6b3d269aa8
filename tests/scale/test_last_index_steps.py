"""The contacts to review, a funding report's activities and the partner's delegations and
press are read through indexes, with as many queries for many rows as for few: their
statements are explained on the engine the tests run on (every table taken as large, as the
benchmark's plan checker judges the large data) and counted."""

from datetime import datetime, timedelta

from conftest import PASSWORD
from sqlalchemy import select, update
from test_detail_pages_scale import PARTNER, add_related, office  # noqa: F401  (a fixture)
from test_index_steps import statements_of_page, steps_without_index

from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent
from partnership.partners.models import Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.visits.models import Visit

MORE = 30


def forgotten_contacts(app, names) -> list[int]:
    """Contacts nobody touched for five years."""
    with app.app_context():
        contacts = [Contact(name=name) for name in names]
        db.session.add_all(contacts)
        db.session.flush()
        long_ago = datetime.now() - timedelta(days=365 * 5)
        ids = [contact.id for contact in contacts]
        db.session.execute(update(Contact).where(Contact.id.in_(ids)).values(updated_at=long_ago))
        db.session.commit()
        return ids


def test_the_review_pages_its_contacts_along_an_index(app, admin, monkeypatch):
    app.config["PAGE_SIZE"] = 10
    forgotten_contacts(app, [f"Old friend {n:02}" for n in range(3)])
    few = statements_of_page(app, admin, "/contacts/review")
    forgotten_contacts(app, [f"Old friend {n:02}" for n in range(3, 3 + MORE)])
    many = statements_of_page(app, admin, "/contacts/review")
    assert len(many) == len(few)
    with app.app_context():
        assert steps_without_index(many) == []
        db.session.rollback()
    page = admin.get("/contacts/review?page=2").get_data(as_text=True)
    assert "Old friend 10" in page and "Old friend 09" not in page
    assert "Page 2 of 4 (33 in all)" in page
    past = admin.get("/contacts/review?page=9").get_data(as_text=True)
    assert "past the end of the list" in past


def test_a_reports_activities_are_looked_up_by_the_grants_links(app, editor, office):  # noqa: F811
    with app.app_context():
        visits = db.session.scalars(select(Visit.id).order_by(Visit.id)).all()
        funder = Organisation(name="Fund", kind=OrganisationKind.NGO)
        grant = Grant(reference="G-1", funder=funder)
        db.session.add(grant)
        db.session.flush()
        db.session.add(GrantEvent(grant_id=grant.id, event_id=visits[0]))
        db.session.commit()
        path = f"/reports/funding/activities.csv?grant={grant.id}"
    few = statements_of_page(app, editor, path)
    add_related(app, office, 1, MORE)
    with app.app_context():
        for visit_id in db.session.scalars(select(Visit.id).where(Visit.id != visits[0])):
            db.session.add(GrantEvent(grant_id=grant.id, event_id=visit_id))
        db.session.commit()
    many = statements_of_page(app, editor, path)
    assert len(many) == len(few)
    assert editor.get(path).get_data(as_text=True).count("Visit ") >= MORE
    with app.app_context():
        assert steps_without_index(many) == []
        db.session.rollback()


def test_the_partners_delegations_and_press_are_looked_up_by_id(app, office):  # noqa: F811
    partner = app.test_client()
    assert partner.post("/login", data={"email": PARTNER, "password": PASSWORD}).status_code == 302
    add_related(app, office, 1, MORE)
    for path in ("/partner/delegations", "/partner/press"):
        # The page's own statements (the city names of the page's language are not its own).
        sent = [
            (statement, parameters)
            for statement, parameters in statements_of_page(app, partner, path)
            if "delegation" in statement or "press_article" in statement
        ]
        assert sent, path
        with app.app_context():
            assert steps_without_index(sent) == [], path
            db.session.rollback()
    page = partner.get("/partner/delegations").get_data(as_text=True)
    assert "Guests 0" in page and "Guests 30" in page
