"""With CSRF protection on, as in production, no state-changing request works without a token."""

import re
from datetime import datetime

import pytest
from auth.urls import existing_ids, url_with_existing_record
from conftest import PASSWORD, USERS, make_app
from pages.helpers import id_of
from sqlalchemy import func, select

from partnership.auth.models import Role, User
from partnership.extensions import db
from partnership.history.models import Change
from partnership.partners.models import City
from partnership.people.models import Contact
from partnership.visits.models import Delegation


@pytest.fixture
def csrf_app(database_path):
    app = make_app(database_path, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()


def token_on(client, url: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(url).text)
    assert match, f"{url} carries no CSRF token"
    return match.group(1)


def logged_in_with_token(app, role: Role = Role.ADMIN):
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": USERS[role], "password": PASSWORD, "csrf_token": token_on(client, "/login")},
    )
    assert response.status_code == 302
    return client


def change_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Change))


def test_every_post_endpoint_refuses_a_request_without_a_token(csrf_app, demo):
    client = logged_in_with_token(csrf_app)
    ids = existing_ids(csrf_app)
    before = change_count(csrf_app)
    posts = [r for r in csrf_app.url_map.iter_rules() if "POST" in r.methods]
    assert len(posts) > 20

    refused, expected = {}, {}
    for rule in sorted(posts, key=lambda r: r.rule):
        url = url_with_existing_record(rule, ids)
        response = client.post(url, data={"name": "Forged", "title": "Forged", "email": "x@y.z"})
        refused[url] = response.status_code
        # The API takes a bearer token, never the session cookie, so a forged request from a
        # browser (which sends the cookie but no Authorization header) is not logged in: 401.
        expected[url] = 401 if rule.endpoint.startswith("api.") else 400

    assert {url: code for url, code in refused.items() if code != expected[url]} == {}
    assert 401 in expected.values(), "the API's POST endpoints were not walked"
    assert change_count(csrf_app) == before, "a token-less request changed something"
    assert client.get("/").status_code == 200, "the forged logout ended the session"


def kinds_of_forms(app):
    """One form of each kind, with the data it would send."""
    with app.app_context():
        unused = Contact(name="Nobody In Particular")
        archived = City(name="Ovruch", country_code="UA", archived_at=datetime(2024, 1, 1))
        db.session.add_all([unused, archived])
        db.session.commit()
        viewer = db.session.scalar(select(User.id).where(User.email == USERS[Role.VIEWER]))
        unused_id, archived_id = unused.id, archived.id
    city = id_of(app, City, name="Dortmund")
    contact = id_of(app, Contact, name="Svitlana Olshanska")
    delegation = id_of(app, Delegation, name="Delegation of Zhytomyr, September 2023")
    return {
        "edit": (
            f"/cities/{city}/edit",
            {"name": "Forged", "country_code": "DE", "other_names": "uk: Дортмунд"},
        ),
        "delete": (f"/contacts/{unused_id}/delete", {}),
        "add member": (f"/delegations/{delegation}/members", {"new_contact_name": "Forged"}),
        "erase": (f"/contacts/{contact}/erase", {}),
        "user": (f"/users/{viewer}/edit", {"email": USERS[Role.VIEWER], "role": "admin"}),
        "restore": (f"/archive/City/{archived_id}/restore", {}),
        "language": ("/language", {"language": "de"}),
    }


@pytest.mark.parametrize(
    "kind", ["edit", "delete", "add member", "erase", "user", "restore", "language"]
)
def test_each_kind_of_form_needs_its_token(csrf_app, demo, kind):
    client = logged_in_with_token(csrf_app)
    url, data = kinds_of_forms(csrf_app)[kind]
    before = change_count(csrf_app)

    without = client.post(url, data=data)
    forged = client.post(url, data={**data, "csrf_token": "forged"})

    assert (without.status_code, forged.status_code) == (400, 400)
    assert change_count(csrf_app) == before
    # The same request with the page's token is not refused for its token.
    with_token = client.post(url, data={**data, "csrf_token": token_on(client, "/cities/")})
    assert with_token.status_code != 400, with_token.status_code
