"""The language follows the browser until someone picks one; the pick is kept in a cookie."""

import pytest
from flask_babel import gettext

from partnership.auth.models import Role

from .i18n_helpers import text_of


def language_cookie(client):
    return client.get_cookie("lang")


def test_without_accept_language_the_interface_is_english(client, auth):
    auth.login(Role.VIEWER)
    response = client.get("/")
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert "Timeline" in text_of(response)


@pytest.mark.parametrize("header", ["de", "de-DE,de;q=0.9,en;q=0.8", "de-AT", "fr, de;q=0.5"])
def test_a_german_browser_gets_german(client, header):
    response = client.get("/login", headers={"Accept-Language": header})
    assert "<h1>Anmelden</h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("header", ["en", "fr-FR,fr;q=0.9", "pl", ""])
def test_other_browsers_get_english(client, header):
    response = client.get("/login", headers={"Accept-Language": header})
    assert "<h1>Log in</h1>" in response.get_data(as_text=True)


def test_picking_german_sets_a_cookie_that_beats_the_browser(client, auth):
    auth.login(Role.VIEWER)
    response = client.post("/language", data={"language": "de", "next": "/cities/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/cities/"
    cookie = language_cookie(client)
    assert cookie is not None and cookie.value == "de"
    assert "lang=de" in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
    page = client.get("/cities/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Städte durchsuchen" in text_of(page)


def test_picking_english_beats_a_german_browser(client, auth):
    auth.login(Role.VIEWER)
    client.post("/language", data={"language": "en", "next": "/"})
    page = client.get("/", headers={"Accept-Language": "de"})
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_the_login_page_can_switch_language_before_logging_in(client):
    response = client.post("/language", data={"language": "de", "next": "/login"})
    assert response.headers["Location"] == "/login"
    assert "<h1>Anmelden</h1>" in client.get("/login").get_data(as_text=True)


@pytest.mark.parametrize("language", ["fr", "", "de-DE", "<script>"])
def test_an_unknown_language_is_ignored(client, language):
    response = client.post("/language", data={"language": language, "next": "/login"})
    assert response.status_code == 302
    assert language_cookie(client) is None
    page = client.get("/login", headers={"Accept-Language": "de"})
    assert "<h1>Anmelden</h1>" in page.get_data(as_text=True)


def test_an_unknown_language_keeps_the_language_picked_before(client):
    client.post("/language", data={"language": "de"})
    client.post("/language", data={"language": "fr"})
    assert language_cookie(client).value == "de"


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/cities/?q=Schytomyr", "/cities/?q=Schytomyr"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("evil.example", "/"),
        ("", "/"),
    ],
)
def test_the_switch_returns_only_to_local_pages(client, target, expected):
    response = client.post("/language", data={"language": "de", "next": target})
    assert response.headers["Location"] == expected


def test_the_switch_shows_every_language_in_its_own_name(client):
    html = client.get("/login", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert 'value="de" lang="de" class="link-button" aria-current="true">Deutsch</button>' in html
    assert 'value="en" lang="en" class="link-button">English</button>' in html


def test_the_login_reminder_speaks_the_browser_language(client):
    response = client.get("/cities/", headers={"Accept-Language": "de"}, follow_redirects=True)
    assert "Bitte melden Sie sich an, um fortzufahren." in text_of(response)
    client.get("/logout")
    response = client.get("/timeline/", headers={"Accept-Language": "en"}, follow_redirects=True)
    assert "Please log in to continue." in text_of(response)


def test_outside_a_request_the_source_language_is_used(app):
    with app.app_context():
        assert gettext("Cities") == "Cities"
