"""The login wall and the roles, checked on every endpoint of the URL map."""

from urllib.parse import urlsplit

import pytest
from conftest import PASSWORD, USERS
from sqlalchemy import func, select

from partnership.auth.models import Role, User
from partnership.extensions import db
from partnership.partners.models import City

from .urls import (
    ADMIN_ENDPOINTS,
    PUBLIC_ENDPOINTS,
    TOKEN_ENDPOINTS,
    app_rules,
    build_url,
    existing_ids,
    is_write_page,
    rule_methods,
    url_with_existing_record,
)


def test_logged_out_visitor_is_sent_to_login_everywhere(client, app, demo):
    checked = 0
    for rule in app_rules(app):
        url = build_url(rule)
        for method in rule_methods(rule):
            response = client.open(url, method=method)
            assert response.status_code == 302, (method, url, response.status_code)
            location = urlsplit(response.headers["Location"])
            assert location.path == "/login", (method, url, response.headers["Location"])
            checked += 1
    assert checked > 60


def test_logged_out_visitor_writes_nothing(client, app, demo):
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(City))
    response = client.post("/cities/new", data={"name": "Lviv", "country_code": "UA"})
    assert response.status_code == 302
    response = client.post("/cities/1/delete")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(City)) == before
        assert db.session.get(City, 1) is not None


def test_public_pages_answer_without_login(client, app):
    assert client.get("/login").status_code == 200
    static_rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "static")
    assert static_rule.endpoint in PUBLIC_ENDPOINTS
    with client.get("/static/style.css") as response:
        assert response.status_code == 200


def test_token_pages_refuse_a_visitor_without_a_valid_token(client, app, demo):
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in TOKEN_ENDPOINTS:
            continue
        response = client.get(build_url(rule))
        assert response.status_code in (302, 403, 404), (rule.rule, response.status_code)


def test_viewer_is_refused_every_post(client, auth, app, demo):
    auth.login(Role.VIEWER)
    # Logging out and one's own account (password, sessions) are every user's own business.
    # API tokens read what their user may read: a viewer makes and revokes their own.
    own = {"auth.logout", "account.change_password", "account.end_sessions"}
    own |= {"account.create_token", "account.revoke_token"}
    posts = [r for r in app_rules(app, skip=own) if "POST" in r.methods]
    assert len(posts) > 20
    for rule in posts:
        url = build_url(rule)
        response = client.post(url, data={"name": "Viewer was here", "title": "Viewer"})
        assert response.status_code == 403, (url, response.status_code)


def test_viewer_is_refused_write_pages_and_user_admin(client, auth, app, demo):
    auth.login(Role.VIEWER)
    pages = [r for r in app_rules(app) if "GET" in r.methods and is_write_page(r)]
    assert any(r.endpoint == "users.index" for r in pages)
    assert len(pages) > 30
    for rule in pages:
        url = build_url(rule)
        response = client.get(url)
        assert response.status_code == 403, (url, response.status_code)


def test_viewer_can_read_every_other_page(client, auth, app, full_demo):
    auth.login(Role.VIEWER)
    ids = existing_ids(app)
    pages = [r for r in app_rules(app) if "GET" in r.methods and not is_write_page(r)]
    assert any(r.endpoint == "cities.detail" for r in pages)
    for rule in pages:
        url = url_with_existing_record(rule, ids)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_viewer_sees_no_links_to_write(client, auth, demo):
    auth.login(Role.VIEWER)
    html = client.get("/cities/1").text
    assert 'href="/cities/1/edit"' not in html
    assert 'href="/users/"' not in html


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_only_admins_reach_the_user_pages(client, auth, app, role):
    auth.login(role)
    with app.app_context():
        admin_id = db.session.scalars(select(User.id).where(User.email == USERS[Role.ADMIN])).one()
    for url in ("/users/", "/users/new", f"/users/{admin_id}/edit"):
        assert client.get(url).status_code == 403, url

    create = client.post(
        "/users/new",
        data={
            "email": "intruder@example.org",
            "role": "admin",
            "active": "y",
            "password": "intruder-password",
        },
    )
    assert create.status_code == 403
    promote = client.post(
        f"/users/{admin_id}/edit",
        data={"email": "taken-over@example.org", "role": "viewer", "password": "x" * 12},
    )
    assert promote.status_code == 403
    with app.app_context():
        assert db.session.scalars(select(User).where(User.email.like("intruder%"))).first() is None
        admin = db.session.get(User, admin_id)
        assert admin.email == USERS[Role.ADMIN]
        assert admin.role == Role.ADMIN
        assert admin.check_password(PASSWORD)
    assert "Users</a>" not in client.get("/").text


def test_editor_can_open_write_pages(client, auth, app, full_demo):
    auth.login(Role.EDITOR)
    ids = existing_ids(app)
    pages = [
        r
        for r in app_rules(app)
        if "GET" in r.methods
        and is_write_page(r)
        and not r.endpoint.startswith("users.")
        and r.endpoint not in ADMIN_ENDPOINTS
    ]
    assert len(pages) > 30
    for rule in pages:
        url = url_with_existing_record(rule, ids)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_admin_reaches_the_user_pages(client, auth, app):
    auth.login(Role.ADMIN)
    response = client.get("/users/")
    assert response.status_code == 200
    for email in USERS.values():
        assert email in response.text
    assert client.get("/users/new").status_code == 200
    assert 'href="/users/"' in client.get("/").text
