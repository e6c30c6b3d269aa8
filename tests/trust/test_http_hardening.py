"""HTTP hardening: security headers, cookies and sessions, safe links, escaped text, and error
pages that tell nothing about the code.

That the last active admin cannot be demoted or deactivated is tested in
tests/auth/test_users.py (test_last_active_admin_cannot_be_demoted_or_deactivated).
"""

import re

import pytest
from conftest import PASSWORD, USERS, make_app
from pages.helpers import (
    count,
    make_agreement,
    make_article,
    make_city,
    make_milestone,
    make_organisation,
    page,
    submit,
)

from partnership.agreements.models import Agreement
from partnership.auth.models import Role
from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.press.models import PressArticle

from .conftest import logged_in


def assert_hardened(response) -> None:
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("script-src") == ["'self'"], policy
    assert directives.get("default-src") == ["'self'"], policy
    assert directives.get("frame-ancestors") == ["'none'"], policy
    assert directives.get("object-src") == ["'none'"], policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("X-Frame-Options") == "DENY"
    assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer", "strict-origin")


@pytest.fixture
def failing_app(database_path):
    """The app in production mode, with a page that fails inside the code."""
    app = make_app(database_path, TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/explode")
    def explode():
        raise RuntimeError("secret detail from /srv/partnership/internal.py")

    yield app
    with app.app_context():
        db.engine.dispose()


# Headers --------------------------------------------------------------------------------------


def test_security_headers_on_pages_redirects_and_errors(app, client, demo):
    assert_hardened(client.get("/login"))
    assert_hardened(client.get("/"))  # the redirect to the login page
    with client.get("/static/style.css") as static:
        assert_hardened(static)
    viewer = logged_in(app, Role.VIEWER)
    for url, status in (("/", 200), ("/timeline/", 200), ("/nothing/here", 404), ("/users/", 403)):
        response = viewer.get(url)
        assert response.status_code == status, url
        assert_hardened(response)
    assert_hardened(viewer.post("/cities/new", data={"name": "x"}))  # 403


def test_the_server_error_page_is_hardened_and_tells_nothing(failing_app):
    client = logged_in(failing_app, Role.VIEWER)

    response = client.get("/explode")

    assert response.status_code == 500
    assert_hardened(response)
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html
    for leak in ("Traceback", "RuntimeError", "secret detail", "/srv/", "internal.py", 'File "'):
        assert leak not in html, leak


def test_no_page_needs_inline_script(app, demo):
    """The policy forbids inline script, so no page may rely on it."""
    admin = logged_in(app, Role.ADMIN)
    for url in ("/", "/timeline/", "/visits/1", "/delegations/", "/contacts/1/data", "/history/"):
        response = admin.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        for script in re.findall(r"<script\b[^>]*>", html):
            assert re.search(r'\bsrc="/static/', script), (url, script)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url
        assert 'href="javascript:' not in html.lower(), url


# Cookies and sessions -------------------------------------------------------------------------


def session_cookie_header(response, name: str = "session") -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{name}=")]
    assert cookies, response.headers
    return cookies[-1]


def login(client):
    return client.post("/login", data={"email": USERS[Role.EDITOR], "password": PASSWORD})


def test_the_session_cookie_is_httponly_and_samesite_lax(client):
    cookie = session_cookie_header(login(client)).lower()

    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "; secure" not in cookie  # plain HTTP in tests; see the next test


def test_behind_https_the_cookie_is_secure_and_hsts_is_sent(database_path, monkeypatch):
    monkeypatch.setenv("SECURE_COOKIES", "1")
    app = make_app(database_path)
    try:
        assert app.config["SESSION_COOKIE_SECURE"] is True
        response = login(app.test_client())
        # Named so that browsers take it over HTTPS only (see tests/trust/test_holes_cookies.py).
        assert "; secure" in session_cookie_header(response, "__Host-session").lower()
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        with app.app_context():
            db.engine.dispose()


def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


def session_data(app, client) -> dict:
    cookie = client.get_cookie("session")
    if cookie is None:
        return {}
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def test_the_session_is_renewed_at_login(app, database_path):
    csrf_app = make_app(database_path, WTF_CSRF_ENABLED=True)
    client = csrf_app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    before = client.get_cookie("session").value
    with client.session_transaction() as session:
        session["planted"] = "by someone before the login"

    response = client.post(
        "/login", data={"email": USERS[Role.EDITOR], "password": PASSWORD, "csrf_token": token}
    )

    assert response.status_code == 302
    assert client.get_cookie("session").value != before
    data = session_data(csrf_app, client)
    assert "planted" not in data
    assert "_user_id" in data
    # A form token from before the login belongs to the old session and no longer works.
    assert client.post("/cities/new", data={"name": "x", "csrf_token": token}).status_code == 400
    with csrf_app.app_context():
        db.engine.dispose()


def test_logout_clears_the_session(app, client):
    login(client)
    assert "_user_id" in session_data(app, client)
    with client.session_transaction() as session:
        session["left_over"] = "something kept during the session"

    response = client.post("/logout")

    assert response.status_code == 302
    data = session_data(app, client)
    assert not {key for key in data if key != "_flashes"}, data
    assert client.get("/").status_code == 302


# Links and text -------------------------------------------------------------------------------

HOSTILE_LINKS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/path",
]


@pytest.fixture
def editor_with_cities(editor):
    return editor, make_city(editor, "Dortmund", country_code="DE"), make_city(editor, "Lviv")


@pytest.mark.parametrize(
    ("area", "field", "model"),
    [
        ("press", "url", PressArticle),
        ("organisations", "website", Organisation),
        ("agreements", "document_url", Agreement),
    ],
)
def test_only_web_addresses_are_accepted_as_links(app, editor_with_cities, area, field, model):
    editor, dortmund, lviv = editor_with_cities
    fields = {
        "press": {"title": "An article"},
        "organisations": {"name": "Youth Council", "kind": "NGO"},
        "agreements": {"title": "Charter", "date": "2024", "party_city_ids": [dortmund, lviv]},
    }[area]

    for link in HOSTILE_LINKS:
        response = submit(editor, f"/{area}/new", {**fields, field: link})

        assert response.status_code == 422, link
        page(response).assert_error(field, "Enter a web address starting with http:// or https://.")
        with app.app_context():
            assert count(model) == 0, link


def test_links_are_checked_on_edit_too_and_good_ones_pass(app, editor_with_cities):
    editor, dortmund, lviv = editor_with_cities
    article = make_article(editor, url="https://example.org/news/1")
    organisation = make_organisation(editor, website="http://youth.example.org")
    agreement = make_agreement(editor, [dortmund, lviv], document_url="https://example.org/c.pdf")

    for area, record, field in (
        ("press", article, "url"),
        ("organisations", organisation, "website"),
        ("agreements", agreement, "document_url"),
    ):
        response = submit(editor, f"/{area}/{record}/edit", {field: "javascript:alert(1)"})
        assert response.status_code == 422, area
        shown = editor.get(f"/{area}/{record}").get_data(as_text=True)
        assert "javascript:" not in shown.lower(), area


HOSTILE_TITLE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_user_text_is_escaped_everywhere_it_is_shown(app, editor):
    milestone = make_milestone(editor, title=HOSTILE_TITLE, summary="<b>bold</b> & more")
    admin = logged_in(app, Role.ADMIN)

    for client, url in (
        (editor, f"/milestones/{milestone}"),
        (editor, "/milestones/"),
        (editor, "/timeline/"),
        (editor, "/search/?q=alert"),
        (editor, f"/history/Milestone/{milestone}"),
        (admin, "/history/"),
    ):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>bold</b>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_a_request_missing_a_form_field_is_refused_politely(editor):
    """A crafted request (no browser would send it) gets a clear answer, never a server error."""
    city = make_city(editor, "Lviv", other_names="de: Lemberg\nuk: Львів")

    response = editor.post(f"/cities/{city}/edit", data={"name": "Lviv", "country_code": "UA"})

    assert response.status_code < 500
