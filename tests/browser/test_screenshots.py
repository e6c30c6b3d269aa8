"""Screenshots of the main pages with the demo loaded, for looking at by eye: on a desktop and
on a phone, in English and in German (test-artifacts/screenshots/<page>-<language>-<width>px.png).

One browser context per language and width, not per page, so the whole set takes seconds.
"""

import pytest
from conftest import PASSWORD, USERS
from flask import url_for
from playwright.sync_api import Page, expect
from sqlalchemy import select

from partnership.auth.models import Role
from partnership.extensions import db
from partnership.partners.models import City
from partnership.records.entity import entities

# On PostgreSQL a database of its own: the live server answers the browser's requests in
# parallel threads, which must not share one rolled-back transaction.
pytestmark = pytest.mark.own_database

NARROW = {"width": 360, "height": 740}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = ("en", "de")
GERMAN_CONTACTS = (
    "Name;Funktion;Stadt;E-Mail\r\n"
    "Jürgen Weiß;Leiter Jugendamt;Dortmund;jw@example.org\r\n"
    "Olha Kovalenko;Schulleiterin;Schytomyr;keine-adresse\r\n"
).encode("cp1252")


def main_pages(app) -> list[tuple[str, str]]:
    """Name and address of every main page: home, timeline, search, each list, a record of each
    kind, forms and the funding report."""
    with app.test_request_context():
        pages = [
            ("home", url_for("home.index")),
            ("timeline", url_for("timeline.index")),
            ("search-results", url_for("search.index", q="Zhytomyr")),
            ("funding-report", url_for("reports.funding")),
            ("form-record-visit", url_for("visits.record")),
            ("form-new-partnership", url_for("partnerships.create")),
        ]
        described = [entity for entity in entities() if entity.nav is not None]
        for entity in described:
            pages.append((f"list-{entity.name}", url_for(entity.index_endpoint)))
        for entity in described:
            query = select(entity.model.id).order_by(entity.model.id)
            if entity.model is City:
                # The partner city's page has the most to show: its partnership and events.
                query = query.where(City.is_home.is_(False))
            record_id = db.session.scalars(query).first()
            if record_id is not None:
                url = url_for(entity.detail_endpoint, object_id=record_id)
                pages.append((f"detail-{entity.name}", url))
    return pages


def _log_in(page: Page) -> None:
    page.goto("/login")
    page.locator("#email").fill(USERS[Role.ADMIN])
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".logout button")).to_be_visible()


def _import_preview(page: Page, tmp_path, shot, language: str) -> None:
    page.goto("/imports/")
    shot(page, "import-upload")
    upload = tmp_path / "Kontakte.csv"
    upload.write_bytes(GERMAN_CONTACTS)
    page.locator("#entity").select_option("contacts")
    page.locator("#file").set_input_files(str(upload))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main h1")).to_be_visible()
    assert "Kontakte.csv" in page.locator("main").inner_text(), language
    shot(page, "import-preview")


def test_screenshots_of_every_main_page(app, browser, live_server, demo, screenshot, tmp_path):
    with app.app_context():
        pages = main_pages(app)
    failures = []
    for language in LANGUAGES:
        for viewport in (DESKTOP, PHONE):
            context = browser.new_context(base_url=live_server, viewport=viewport, locale=language)
            page = context.new_page()

            def shot(page: Page, name: str, language=language) -> None:
                screenshot(page, f"{name}-{language}")

            try:
                page.goto("/login")
                shot(page, "login")
                _log_in(page)
                for name, url in pages:
                    response = page.goto(url)
                    if response.status != 200 or not page.locator("main h1").count():
                        failures.append(f"{url} [{language}, {viewport['width']}px]")
                    shot(page, name)
                _import_preview(page, tmp_path, shot, language)
            finally:
                context.close()
    assert not failures, failures


def test_home_page_fits_a_narrow_screen(page: Page, log_in, demo):
    """At 360 px the page itself never scrolls sideways; wide tables scroll in their box."""
    log_in()
    page.set_viewport_size(NARROW)
    page.goto("/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the home page is {overflow}px wider than a 360px screen"
