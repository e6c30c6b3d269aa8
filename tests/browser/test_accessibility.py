"""Every page of the demo passes axe-core at WCAG 2.1 A/AA.

Each page is checked once, in English, German or Ukrainian in turn (each language takes every
third page), so every language is walked and the walk costs one pass, not three.
"""

from pathlib import Path

import pytest
from auth.urls import app_rules, existing_ids, url_with_existing_record
from conftest import PASSWORD, USERS
from playwright.sync_api import Page

from partnership.auth.models import Role
from partnership.demo.story import load_demo_story
from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.funding.models import Grant, Programme
from partnership.fuzzydate import parse_fuzzy_date

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Downloads, actions and JSON answers, not pages.
NOT_PAGES = (
    "download",
    "export",
    "feed",
    "report_json",
    "logout",
    "choose_language",
    "static",
    "lookup",
)
LANGUAGES = ("en", "de", "uk")
DOWNLOADS = (".csv", ".ics", ".json", ".xlsx", ".zip")


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: `make axe` (part of `make test`) installs it"
    return AXE.read_text()


@pytest.fixture
def full_demo(app):
    """The demo story plus a milestone and a programme, so every kind of page has a record."""
    with app.app_context():
        load_demo_story()
        grant = db.session.scalars(db.select(Grant)).first()
        db.session.add(Programme(name="Municipal partnerships", funder_id=grant.funder_id))
        milestone = Milestone(
            title="Council confirms the partnership",
            milestone_kind=MilestoneKind.COUNCIL_DECISION,
        )
        milestone.date = parse_fuzzy_date("Q4 2023")
        db.session.add(milestone)
        db.session.commit()


def check(page: Page, axe_source: str, what: str) -> None:
    """Run axe on the open page and fail with a readable list of violations."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert not problems, f"{what}:\n" + "\n".join(problems)


def page_urls(app) -> list[str]:
    ids = existing_ids(app)
    urls = ["/login"]
    for rule in app_rules(app):
        if "GET" not in rule.methods or any(word in rule.endpoint for word in NOT_PAGES):
            continue
        url = url_with_existing_record(rule, ids)
        if not url.endswith(DOWNLOADS):
            urls.append(url)
    return sorted(set(urls))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_passes_axe(app, browser, live_server, full_demo, axe_source, language):
    context = browser.new_context(base_url=live_server, locale=language)
    # Loaded into every page by the browser itself, so the page's CSP does not apply.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        check(_login_page(page), axe_source, f"/login [{language}]")
        _log_in(page)
        failures = []
        for url in in_turn(page_urls(app), language):
            response = page.goto(url)
            if response.status != 200:
                failures.append(f"{url}: HTTP {response.status}")
                continue
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue  # an image preview or a download: the browser's own page, not ours
            try:
                check(page, axe_source, f"{url} [{language}]")
            except AssertionError as error:
                failures.append(str(error))
        assert not failures, "\n\n".join(failures)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_with_errors_pass_axe(app, browser, live_server, full_demo, axe_source, language):
    context = browser.new_context(base_url=live_server, locale=language)
    # Loaded into every page by the browser itself, so the page's CSP does not apply.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        _log_in(page)
        failures = []
        forms = [url for url in page_urls(app) if url.endswith("/new")] + ["/visits/record"]
        for url in in_turn(forms, language):
            page.goto(url)
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
            if not page.locator(".error-summary").count():
                failures.append(f"{url}: submitting the empty form showed no errors")
                continue
            try:
                check(page, axe_source, f"{url} with errors [{language}]")
            except AssertionError as error:
                failures.append(str(error))
        assert not failures, "\n\n".join(failures)
    finally:
        context.close()


def in_turn(urls: list[str], language: str) -> list[str]:
    """The share of `urls` checked in `language`: every third, each language from its own."""
    return urls[LANGUAGES.index(language) :: len(LANGUAGES)]


def _login_page(page: Page) -> Page:
    page.goto("/login")
    return page


def _log_in(page: Page) -> None:
    page.goto("/login")
    page.locator("#email").fill(USERS[Role.ADMIN])
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
