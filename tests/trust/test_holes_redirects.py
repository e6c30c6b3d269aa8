"""A redirect target taken from a request (the login's `next`, the language switch) stays on
this site whatever it holds, and never answers 500."""

from urllib.parse import urlsplit

import pytest
from conftest import PASSWORD, USERS

from partnership.auth.models import Role
from partnership.redirects import safe_local_target

HOSTILE = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "https://evil.example",
    "HTTPS://evil.example/",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\x00/evil.example",
    "/cities/\x00",
    "/cities/\r\nSet-Cookie: x=1",
    " //evil.example",
    "  /cities/",
    "\x0b//evil.example",
    "/%09/evil.example",
    "/%0d%0a/evil.example",
    "／／evil.example",  # fullwidth solidus
    "/／evil.example",
    "/＼evil.example",  # fullwidth reverse solidus
    "\u2028//evil.example",
    "/" + "a" * 5000,
    "//" + "a" * 5000,
    "evil.example",
    "@evil.example",
    "",
]

LOCAL = ["/cities/", "/search/?q=Schytomyr&page=2", "/timeline/?from=2023#today", "/"]


def lands_on_this_site(location: str) -> bool:
    """Tell whether a browser following `location` stays on this site (the test host)."""
    # Read it as leniently as a browser would: control characters dropped, \ as /.
    lenient = "".join(c for c in location if c >= " " and c != "\x7f").replace("\\", "/")
    parts = urlsplit(lenient.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    return parts.netloc in ("", "localhost") and (lenient.startswith("/") or bool(parts.netloc))


def is_plain_path(target: str) -> bool:
    return (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and all(" " < c < "\x7f" for c in target)
    )


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_target_becomes_the_start_page(app, target):
    with app.test_request_context():
        assert safe_local_target(target) == "/"


@pytest.mark.parametrize("target", LOCAL)
def test_a_local_target_is_kept(app, target):
    with app.test_request_context():
        assert safe_local_target(target) == target


def test_letters_beyond_ascii_are_encoded_not_refused(app):
    with app.test_request_context():
        target = safe_local_target("/search/?q=Житомир")
    assert target == "/search/?q=%D0%96%D0%B8%D1%82%D0%BE%D0%BC%D0%B8%D1%80"
    assert is_plain_path(target)


@pytest.mark.parametrize("target", HOSTILE + LOCAL)
def test_login_with_next_goes_only_to_a_page_of_this_site(client, target):
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": USERS[Role.EDITOR], "password": PASSWORD},
    )

    if "\x00" in target:
        # A NUL character is refused in any request, before anything else is done.
        assert response.status_code == 400
        return
    assert response.status_code == 302
    location = response.headers["Location"]
    assert lands_on_this_site(location), location
    assert is_plain_path(location), location
    if target in LOCAL:
        assert location == target


@pytest.mark.parametrize("target", HOSTILE)
def test_login_page_with_a_hostile_next_answers(client, target):
    shown = client.get("/login", query_string={"next": target})
    failed = client.post(
        "/login", query_string={"next": target}, data={"email": "x@example.org", "password": "x"}
    )

    nul = "\x00" in target
    assert (shown.status_code, failed.status_code) == ((400, 400) if nul else (200, 401))


@pytest.mark.parametrize("target", HOSTILE)
def test_language_switch_goes_only_to_a_page_of_this_site(client, target):
    response = client.post("/language", data={"language": "de", "next": target})

    if "\x00" in target:
        assert response.status_code == 400
    else:
        assert (response.status_code, response.headers["Location"]) == (302, "/")


def test_language_switch_keeps_a_local_page(client):
    response = client.post("/language", data={"language": "de", "next": "/cities/?q=Ж"})

    assert response.headers["Location"] == "/cities/?q=%D0%96"
