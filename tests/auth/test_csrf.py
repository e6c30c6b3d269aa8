"""With CSRF protection on (as in production), a form without its token changes nothing."""

import re

import pytest
from conftest import PASSWORD, USERS, make_app
from sqlalchemy import func, select

from partnership.auth.models import Role
from partnership.extensions import db
from partnership.partners.models import City, CityName


@pytest.fixture
def csrf_app(database_path):
    app = make_app(database_path, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "the page carries no CSRF token"
    return match.group(1)


def log_in(client, role: Role = Role.EDITOR):
    token = csrf_token(client.get("/login").text)
    response = client.post(
        "/login", data={"email": USERS[role], "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return response


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(City)),
            db.session.scalar(select(func.count()).select_from(CityName)),
        )


CITY = {"name": "Lviv", "country_code": "UA", "region": "Lviv Oblast", "other_names": "de: Lemberg"}


def test_post_without_token_is_refused_and_writes_nothing(csrf_app):
    client = csrf_app.test_client()
    log_in(client)
    before = counts(csrf_app)
    response = client.post("/cities/new", data=CITY)
    assert response.status_code == 400
    assert counts(csrf_app) == before
    with csrf_app.app_context():
        assert db.session.scalars(select(City).where(City.name == "Lviv")).first() is None


def test_post_with_a_wrong_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    log_in(client)
    before = counts(csrf_app)
    response = client.post("/cities/new", data={**CITY, "csrf_token": "forged"})
    assert response.status_code == 400
    assert counts(csrf_app) == before


def test_post_with_token_creates_the_city(csrf_app):
    client = csrf_app.test_client()
    log_in(client)
    before = counts(csrf_app)
    token = csrf_token(client.get("/cities/new").text)
    response = client.post("/cities/new", data={**CITY, "csrf_token": token})
    assert response.status_code == 302
    assert counts(csrf_app)[0] == before[0] + 1


def test_login_and_logout_need_the_token(csrf_app):
    client = csrf_app.test_client()
    refused = client.post("/login", data={"email": USERS[Role.EDITOR], "password": PASSWORD})
    assert refused.status_code == 400
    assert client.get("/").status_code == 302

    log_in(client)
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200, "a forged logout ended the session"
