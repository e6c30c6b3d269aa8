"""No page ever shows a password, typed or stored."""

import re

from conftest import PASSWORD, USERS
from sqlalchemy import select

from partnership.auth.models import Role, User
from partnership.extensions import db

from .urls import app_rules, existing_ids, is_write_page, url_with_existing_record

SECRET = "Rosenmontag-in-Schytomyr-2023"


def stored_hashes(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(User.password_hash)))


def assert_no_secret(html: str, hashes: list[str], where: str) -> None:
    assert SECRET not in html, where
    assert PASSWORD not in html, where
    for hashed in hashes:
        assert hashed not in html, where
        # Werkzeug hashes look like "scrypt:32768:8:1$salt$digest"; no part may leak.
        for part in hashed.split("$")[1:]:
            assert part not in html, where


def test_no_page_shows_a_password_or_a_hash(client, auth, app, full_demo):
    auth.login(Role.ADMIN)
    response = client.post(
        "/users/new",
        data={
            "email": "kim@example.org",
            "name": "Kim",
            "role": "viewer",
            "active": "y",
            "password": SECRET,
        },
    )
    assert response.status_code == 302
    hashes = stored_hashes(app)
    assert len(hashes) == len(USERS) + 1

    ids = existing_ids(app)
    with app.app_context():
        kim_id = db.session.scalars(select(User.id).where(User.email == "kim@example.org")).one()
    ids["users"] = kim_id
    pages = 0
    for rule in app_rules(app):
        if "GET" not in rule.methods:
            continue
        url = url_with_existing_record(rule, ids)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        # Downloads such as the funding report's zip are binary; their text parts still count.
        assert_no_secret(response.get_data().decode("utf-8", "replace"), hashes, url)
        pages += 1
    assert pages > 40
    assert any(is_write_page(r) for r in app_rules(app))


def test_refused_forms_do_not_echo_the_password(client, auth, app):
    login = client.post("/login", data={"email": USERS[Role.ADMIN], "password": SECRET})
    assert login.status_code == 401
    assert SECRET not in login.text
    assert not re.search(r'type="password"[^>]*value="[^"]+"', login.text)

    auth.login(Role.ADMIN)
    duplicate = client.post(
        "/users/new",
        data={"email": USERS[Role.EDITOR], "role": "viewer", "active": "y", "password": SECRET},
    )
    assert duplicate.status_code == 422
    assert SECRET not in duplicate.text
    invalid = client.post(
        "/users/new",
        data={"email": "not an address", "role": "viewer", "active": "y", "password": SECRET},
    )
    assert invalid.status_code == 422
    assert SECRET not in invalid.text
