"""Viewers read everything and change nothing; editors and admins write."""

import pytest

from partnership.agreements.models import Agreement
from partnership.auth.models import Role
from partnership.events.models import Milestone, Topic
from partnership.exchanges.models import PlannedExchange
from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent, Programme
from partnership.partners.models import City, Organisation, Partnership, PartnershipStatus
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation, DelegationMember, Visit

from .helpers import (
    count,
    create,
    find,
    id_of,
    make_milestone,
    make_programme,
    page,
    show,
)

AREAS = {
    "cities": (City, {"name": "Zhytomyr"}),
    # The demo's one suspended partnership (Rostov-on-Don).
    "partnerships": (Partnership, {"status": PartnershipStatus.SUSPENDED}),
    "organisations": (Organisation, {"name": "Zhytomyr Volunteer Headquarter"}),
    "contacts": (Contact, {"name": "Svitlana Olshanska"}),
    "delegations": (Delegation, {"name": "Delegation of Zhytomyr, September 2023"}),
    "visits": (Visit, {"title": "Delegation from Zhytomyr visits Dortmund"}),
    "agreements": (Agreement, {}),
    "exchanges": (PlannedExchange, {}),
    "milestones": (Milestone, {}),
    "topics": (Topic, {"name": "Digitalisation"}),
    "press": (PressArticle, {}),
    "programmes": (Programme, {"name": "Kommunale Partnerschaften"}),
    "grants": (Grant, {}),
}
# Values that would pass the form of any area, had the viewer been allowed to send them.
TYPED = {
    "name": "Changed by a viewer",
    "title": "Changed by a viewer",
    "reference": "VIEWER-1",
    "country_code": "DE",
    "date": "2024",
}


@pytest.fixture
def ids(client, auth, demo, app):
    """One record of every area: the demo, plus a milestone and a programme an editor adds."""
    assert auth.login(Role.EDITOR).status_code == 302
    make_milestone(client, title="Council decision")
    funder = id_of(app, Organisation, name="Servicestelle Kommunen in der Einen Welt")
    make_programme(client, funder, name="Kommunale Partnerschaften")
    auth.logout()
    return {area: id_of(app, model, **filters) for area, (model, filters) in AREAS.items()}


def snapshot(app):
    """Every record's label and the number of rows of every area, to see nothing changed."""
    with app.app_context():
        return {
            model.__name__: sorted(str(row) for row in db.session.scalars(db.select(model)))
            for model, _ in AREAS.values()
        } | {"members": count(DelegationMember), "grant links": count(GrantEvent)}


def assert_forbidden(response):
    assert response.status_code == 403, response.status_code
    assert "Your role does not allow this." in page(response).text


@pytest.fixture
def as_viewer(client, auth, ids):
    assert auth.login(Role.VIEWER).status_code == 302
    return client


@pytest.mark.parametrize("area", AREAS)
def test_viewer_reads_lists_and_detail_pages_without_edit_controls(as_viewer, ids, area):
    listing = as_viewer.get(f"/{area}/")
    assert listing.status_code == 200
    listing_page = page(listing)
    assert listing_page.links_to(f"/{area}/{ids[area]}")
    assert not listing_page.links_to(f"/{area}/new")

    searched = as_viewer.get(f"/{area}/", query_string={"q": "z"})
    assert searched.status_code == 200

    detail = show(as_viewer, area, ids[area])
    assert not detail.links_to(f"/{area}/{ids[area]}/edit")
    assert not detail.links_to(f"/{area}/{ids[area]}/delete")


@pytest.mark.parametrize("area", AREAS)
def test_viewer_gets_403_on_every_write_page(as_viewer, app, ids, area):
    before = snapshot(app)
    object_id = ids[area]

    assert_forbidden(as_viewer.get(f"/{area}/new"))
    assert_forbidden(as_viewer.post(f"/{area}/new", data=TYPED))
    assert_forbidden(as_viewer.get(f"/{area}/{object_id}/edit"))
    assert_forbidden(as_viewer.post(f"/{area}/{object_id}/edit", data=TYPED))
    assert_forbidden(as_viewer.get(f"/{area}/{object_id}/delete"))
    assert_forbidden(as_viewer.post(f"/{area}/{object_id}/delete"))

    assert snapshot(app) == before
    assert as_viewer.get(f"/{area}/{object_id}").status_code == 200


def test_viewer_cannot_change_members_or_grant_links(as_viewer, app, ids):
    before = snapshot(app)
    delegation, grant, visit = ids["delegations"], ids["grants"], ids["visits"]
    milestone = ids["milestones"]
    with app.app_context():
        member = find(DelegationMember, delegation_id=delegation).id
        zeuch = find(Contact, name="Fabian Zeuch").id

    assert_forbidden(
        as_viewer.post(
            f"/delegations/{delegation}/members",
            data={"contact_id": zeuch, "new_contact_name": "", "role": "Guest"},
        )
    )
    assert_forbidden(
        as_viewer.post(
            f"/delegations/{delegation}/members",
            data={"contact_id": "", "new_contact_name": "Someone New", "role": ""},
        )
    )
    assert_forbidden(as_viewer.post(f"/delegations/{delegation}/members/{member}/remove"))
    assert_forbidden(
        as_viewer.post(
            f"/grants/{grant}/events",
            data={"event_id": milestone, "share_percent": "", "amount": "", "note": "x"},
        )
    )
    assert_forbidden(as_viewer.post(f"/grants/{grant}/events/{visit}/unlink"))

    assert snapshot(app) == before
    delegation_page = show(as_viewer, "delegations", delegation)
    assert not delegation_page.links_to(f"/contacts/{zeuch}")
    assert not [f for f in delegation_page.forms if f.action.startswith("/delegations/")]
    grant_page = show(as_viewer, "grants", grant)
    assert grant_page.links_to(f"/visits/{visit}")
    assert not [f for f in grant_page.forms if f.action.startswith("/grants/")]


@pytest.mark.parametrize("area", AREAS)
def test_editor_opens_every_write_page(client, auth, ids, area):
    assert auth.login(Role.EDITOR).status_code == 302
    object_id = ids[area]

    assert page(client.get(f"/{area}/")).links_to(f"/{area}/new")
    assert client.get(f"/{area}/new").status_code == 200
    assert client.get(f"/{area}/{object_id}/edit").status_code == 200
    assert client.get(f"/{area}/{object_id}/delete").status_code == 200
    detail = show(client, area, object_id)
    assert detail.links_to(f"/{area}/{object_id}/edit")
    assert detail.links_to(f"/{area}/{object_id}/delete")


@pytest.mark.parametrize("role", [Role.EDITOR, Role.ADMIN])
def test_editors_and_admins_write(client, auth, app, role):
    assert auth.login(role).status_code == 302

    city = create(client, "cities", name="Korosten", country_code="UA")
    response = client.post(f"/cities/{city}/delete")

    assert response.status_code == 302
    with app.app_context():
        assert find(City, id=city) is None


def test_editor_writes_where_a_viewer_was_refused(client, auth, app):
    assert auth.login(Role.VIEWER).status_code == 302
    assert_forbidden(client.post("/topics/new", data={"name": "Sport"}))
    auth.logout()

    assert auth.login(Role.EDITOR).status_code == 302
    create(client, "topics", name="Sport")

    with app.app_context():
        assert [t.name for t in db.session.scalars(db.select(Topic))] == ["Sport"]


@pytest.mark.parametrize("url", ["/cities/", "/cities/new", "/visits/1"])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_anonymous_post_writes_nothing(client, app):
    response = client.post("/cities/new", data={"name": "Korosten", "country_code": "UA"})

    assert response.status_code in (302, 401, 403)
    with app.app_context():
        assert count(City) == 0
