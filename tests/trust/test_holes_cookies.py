"""Under the production setting (SECURE_COOKIES=1) every cookie the product sets is Secure,
HttpOnly and SameSite, and named so that browsers accept it only over HTTPS."""

import re

import pytest
from conftest import PASSWORD, USERS, make_app

from partnership.auth.models import Role
from partnership.extensions import db
from partnership.security import harden_cookie


@pytest.fixture
def production_app(database_path, monkeypatch):
    """The app as a city runs it behind HTTPS, form tokens and all."""
    monkeypatch.setenv("SECURE_COOKIES", "1")
    app = make_app(database_path, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()


def browser(app):
    """A client that, like a browser over HTTPS, says which page a form was sent from."""
    client = app.test_client()
    client.environ_base["HTTP_REFERER"] = "https://localhost/login"
    return client


def form_token(client) -> str:
    html = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def attributes(header: str) -> tuple[str, dict[str, str]]:
    """Split a Set-Cookie value into the cookie's name and its attributes."""
    first, *rest = (part.strip() for part in header.split(";"))
    pairs = (part.partition("=") for part in rest if part)
    return first.partition("=")[0], {key.lower(): value for key, _, value in pairs}


def every_cookie_set(app) -> list[str]:
    """Walk through what sets cookies: the login page, the language, login, remember-me, logout."""
    client = browser(app)
    headers = []

    def keep(response):
        headers.extend(response.headers.getlist("Set-Cookie"))
        return response

    keep(client.get("/login"))
    token = form_token(client)
    keep(client.post("/language", data={"language": "de", "next": "/login", "csrf_token": token}))
    keep(
        client.post(
            "/login", data={"email": USERS[Role.EDITOR], "password": PASSWORD, "csrf_token": token}
        )
    )
    keep(client.get("/"))
    # A remember-me cookie left from elsewhere is deleted at logout, by Flask-Login itself.
    client.set_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token"), "left-over")
    html = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    keep(client.post("/logout", data={"csrf_token": token}))
    return headers


def test_every_cookie_is_secure_httponly_and_samesite(production_app):
    headers = every_cookie_set(production_app)

    names = set()
    for header in headers:
        name, attrs = attributes(header)
        names.add(name)
        assert "secure" in attrs, header
        assert "httponly" in attrs, header
        assert attrs.get("samesite", "").lower() in ("lax", "strict"), header
        assert name.startswith("__Host-"), header
        assert attrs.get("path") == "/" and "domain" not in attrs, header  # what __Host- needs
    assert names >= {"__Host-session", "__Host-lang", "__Host-remember_token"}, names


def test_the_prefixed_cookies_are_read_back(production_app):
    """Renamed cookies still work: the language sticks and the login holds."""
    client = browser(production_app)
    token = form_token(client)
    client.post("/language", data={"language": "de", "next": "/login", "csrf_token": token})
    response = client.post(
        "/login", data={"email": USERS[Role.EDITOR], "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302

    home = client.get("/")

    assert home.status_code == 200
    assert '<html lang="de"' in home.get_data(as_text=True)


def test_over_plain_http_the_names_stay_plain(client, auth):
    """Without SECURE_COOKIES (a test machine) browsers would drop prefixed cookies."""
    auth.login(Role.EDITOR)
    client.post("/language", data={"language": "de", "next": "/"})

    assert client.get_cookie("session") is not None
    assert client.get_cookie("lang").value == "de"


def test_a_cookie_without_attributes_gets_them_all():
    hardened = harden_cookie("x=1; Path=/")
    assert attributes(hardened)[1] == {"path": "/", "secure": "", "httponly": "", "samesite": "Lax"}
    assert harden_cookie("x=1; Secure; HttpOnly; SameSite=Strict") == (
        "x=1; Secure; HttpOnly; SameSite=Strict"
    )
