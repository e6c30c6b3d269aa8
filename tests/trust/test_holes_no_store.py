"""Nothing behind the login stays in a browser's or a proxy's cache: pages and downloads are
sent with `Cache-Control: no-store`; only the static files may be kept."""

import re

import pytest
from auth.urls import PUBLIC_BLUEPRINTS, build_url, existing_ids
from flask import url_for

from partnership.auth.models import Role
from partnership.imports.kinds import importables

from .conftest import logged_in

DOWNLOAD = re.compile(r"\.(csv|ics|json|zip|xlsx)$")
FEED = "timeline.calendar_feed"
# One address per importable kind and format.
TEMPLATES = "imports.template"


def assert_not_stored(response, what) -> None:
    directives = {
        part.strip().lower() for part in response.headers.get("Cache-Control", "").split(",")
    }
    assert "no-store" in directives, (what, response.headers.get("Cache-Control"))


def download_urls(app) -> list[str]:
    """Every download address of the app, filled with records that exist."""
    ids = existing_ids(app)
    urls = [
        build_url(rule, {"contact_id": ids["contacts"]})
        for rule in app.url_map.iter_rules()
        if DOWNLOAD.search(rule.rule)
        and rule.endpoint not in (FEED, TEMPLATES)
        # The public pages' feeds name nobody and may be cached (tests/public_pages/).
        and rule.endpoint.partition(".")[0] not in PUBLIC_BLUEPRINTS
    ]
    with app.test_request_context():
        urls += [
            url_for(TEMPLATES, entity=name, file_format=file_format)
            for name in importables()
            for file_format in ("csv", "xlsx")
        ]
    assert len(urls) > 25, urls  # every list, report, template, timeline and person file
    return sorted(urls)


def test_every_download_is_sent_with_no_store(app, demo):
    admin = logged_in(app, Role.ADMIN)

    for url in download_urls(app):
        with admin.get(url) as response:
            assert response.status_code == 200, (url, response.status_code)
            assert_not_stored(response, url)
            response.get_data()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ADMIN])
def test_pages_behind_the_login_are_sent_with_no_store(app, demo, role):
    client = logged_in(app, role)
    contact = existing_ids(app)["contacts"]
    pages = [
        ("/", 200),
        ("/timeline/", 200),
        ("/contacts/", 200),
        (f"/contacts/{contact}", 200),
        (f"/contacts/{contact}/data", 200),
        (f"/history/Contact/{contact}", 200),
        ("/search/?q=Zhytomyr", 200),
        ("/nothing/here", 404),
        ("/users/", 200 if role is Role.ADMIN else 403),
        ("/history/", 200 if role is Role.ADMIN else 403),
    ]
    for url, status in pages:
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        assert_not_stored(response, url)
    saved = client.post("/contacts/new", data={"name": "Oksana Petrenko"})
    assert saved.status_code == (302 if role is Role.ADMIN else 403)
    assert_not_stored(saved, "a form sent")


def test_the_login_page_and_the_answer_to_a_login_are_not_stored(client, auth):
    assert_not_stored(client.get("/login"), "login page")
    assert_not_stored(auth.login(Role.EDITOR), "login answer")
    assert_not_stored(auth.logout(), "logout answer")


def test_the_calendar_feed_is_not_stored_either(app, demo, client):
    """The feed names visits and may name people, and its address is a password."""
    admin = logged_in(app, Role.ADMIN)
    html = admin.get("/timeline/").get_data(as_text=True)
    feed = re.search(r"http://localhost(/timeline/feed/[\w-]+\.ics)", html).group(1)

    response = client.get(feed)

    assert response.status_code == 200
    assert_not_stored(response, feed)


def test_static_files_keep_their_normal_caching(client):
    with client.get("/static/style.css") as response:
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")
