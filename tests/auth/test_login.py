"""Logging in and out, and where a login sends the user afterwards."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import PASSWORD, USERS
from sqlalchemy import select

from partnership.auth.models import Role, User
from partnership.extensions import db

WRONG_LOGIN = "The email or password is not right."


def logged_in_user_id(client):
    with client.session_transaction() as session:
        return session.get("_user_id")


def error_summary(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.DOTALL)
    assert match, "the page shows no error summary"
    return match.group(0)


def test_login_page_answers_without_login(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'name="password"' in response.text
    assert 'type="password"' in response.text


def test_login_with_right_password_redirects_and_shows_the_name(client, app):
    response = client.post("/login", data={"email": USERS[Role.EDITOR], "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with app.app_context():
        editor = db.session.scalars(select(User).where(User.email == USERS[Role.EDITOR])).one()
        editor_id = str(editor.id)
    assert logged_in_user_id(client) == editor_id

    page = client.get("/")
    assert page.status_code == 200
    assert "Editor User" in page.text


def test_login_ignores_case_and_spaces_in_the_email(client):
    response = client.post(
        "/login", data={"email": f"  {USERS[Role.VIEWER].upper()} ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert logged_in_user_id(client) is not None


@pytest.mark.parametrize(
    ("email", "password"),
    [
        (USERS[Role.EDITOR], "not-the-password-42"),
        ("nobody@example.org", "not-the-password-42"),
        ("nobody@example.org", PASSWORD),
    ],
    ids=["wrong-password", "unknown-email", "unknown-email-known-password"],
)
def test_wrong_login_is_refused_with_one_message(client, email, password):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 401
    assert WRONG_LOGIN in response.text
    assert password not in response.text, "the typed password is echoed back"
    assert logged_in_user_id(client) is None
    assert client.get("/").status_code == 302


def test_wrong_password_and_unknown_email_look_the_same(client):
    wrong_password = client.post(
        "/login", data={"email": USERS[Role.ADMIN], "password": "not-the-password-42"}
    )
    unknown_email = client.post(
        "/login", data={"email": "nobody@example.org", "password": "not-the-password-42"}
    )
    assert wrong_password.status_code == unknown_email.status_code == 401
    # Nothing may tell a stranger whether the address belongs to an account.
    assert error_summary(wrong_password.text) == error_summary(unknown_email.text)


def test_inactive_user_cannot_log_in(client, app):
    with app.app_context():
        viewer = db.session.scalars(select(User).where(User.email == USERS[Role.VIEWER])).one()
        viewer.active = False
        db.session.commit()
    response = client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})
    assert response.status_code == 401
    assert WRONG_LOGIN in response.text
    assert logged_in_user_id(client) is None
    assert client.get("/").status_code == 302


def test_deactivated_user_loses_a_running_session(client, auth, app):
    auth.login(Role.VIEWER)
    assert client.get("/").status_code == 200
    with app.app_context():
        viewer = db.session.scalars(select(User).where(User.email == USERS[Role.VIEWER])).one()
        viewer.active = False
        db.session.commit()
    response = client.get("/")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/login"


def test_logout_needs_post(client, auth):
    auth.login(Role.EDITOR)
    assert client.get("/logout").status_code == 405
    # A link or an image pointing at /logout must not end the session.
    assert logged_in_user_id(client) is not None
    assert client.get("/").status_code == 200


def test_logout_ends_the_session(client, auth):
    auth.login(Role.EDITOR)
    assert client.get("/").status_code == 200

    response = auth.logout()
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/login"
    assert logged_in_user_id(client) is None

    after = client.get("/")
    assert after.status_code == 302
    assert urlsplit(after.headers["Location"]).path == "/login"
    assert "You are logged out." in client.get("/login").text


def test_login_page_redirects_a_logged_in_user_home(client, auth):
    auth.login(Role.VIEWER)
    response = client.get("/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_wall_remembers_the_page_and_returns_to_it(client):
    response = client.get("/cities/?q=Zh")
    assert response.status_code == 302
    login_url = response.headers["Location"]
    assert urlsplit(login_url).path == "/login"
    assert "next=" in login_url

    response = client.post(login_url, data={"email": USERS[Role.VIEWER], "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/cities/?q=Zh"


@pytest.mark.parametrize("target", ["/cities/", "/visits/?q=Zhytomyr", "/contacts/new"])
def test_next_is_honoured_for_local_paths(client, target):
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": USERS[Role.EDITOR], "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == target


def resolve_like_a_browser(location: str) -> str:
    """Return the host a browser on http://localhost/login would go to for this Location."""
    # Browsers read a backslash in a URL as a slash, so /\evil.example means //evil.example.
    return urlsplit(urljoin("http://localhost/login", location.replace("\\", "/"))).netloc


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "//evil.example/login", "https://evil.example", "https://evil.example/x"],
)
def test_next_to_another_site_sends_home_instead(client, target):
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": USERS[Role.EDITOR], "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert logged_in_user_id(client) is not None


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "/\\evil.example",
        "/\\/evil.example",
        "///evil.example",
        " //evil.example",
    ],
)
def test_next_never_leaves_the_site(client, target):
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": USERS[Role.EDITOR], "password": PASSWORD},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert resolve_like_a_browser(location) == "localhost", location
    assert not location.lower().startswith("javascript:")
