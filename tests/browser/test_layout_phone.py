"""The layout on a phone (390 px) and a desktop (1280 px): a short header whose one button opens
the menus, a search placeholder that fits its field, and a timeline whose filter folds away
and whose today marker sits between the years where today falls."""

from datetime import date

import pytest
from conftest import PASSWORD, USERS
from playwright.sync_api import Page, expect
from timeline.timeline_helpers import add_milestone

from browser.test_accessibility import AXE, check
from partnership.auth.models import Role

# On PostgreSQL a database of its own: the live server answers the browser's requests in
# parallel threads, which must not share one rolled-back transaction.
pytestmark = pytest.mark.own_database

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = ("en", "de")

# How much wider the placeholder's text is than the room inside its field, measured with the
# field's own font on a canvas (a placeholder never scrolls, so scrollWidth cannot tell).
PLACEHOLDER_OVERFLOW = """input => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width - room;
}"""


@pytest.fixture
def open_page(browser, live_server):
    """Return a function that opens a logged-in page at a width and in a language."""
    contexts = []

    def open_page(viewport: dict, language: str = "en") -> Page:
        context = browser.new_context(base_url=live_server, viewport=viewport, locale=language)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login")
        page.locator("#email").fill(USERS[Role.ADMIN])
        page.locator("#password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".logout button")).to_be_visible()
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_header_is_short_and_its_button_opens_the_menus(open_page, language):
    page = open_page(PHONE, language)
    header = page.locator(".site-header").bounding_box()
    assert header["y"] + header["height"] <= PHONE["height"] * 0.25, header
    nav = page.locator("nav.site-nav")
    menus = nav.locator(".nav-menu-button")
    toggle = nav.locator(".nav-toggle")
    expect(toggle).to_be_visible()
    expect(menus.first).to_be_hidden()
    expect(page.locator("#" + toggle.get_attribute("aria-controls"))).to_have_count(1)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menus).to_have_count(5)
    for index in range(5):
        expect(menus.nth(index)).to_be_visible()
    menus.first.click()
    expect(nav.locator('a[href="/visits/"]')).to_be_visible()


def test_desktop_shows_the_menus_without_a_button(open_page):
    page = open_page(DESKTOP)
    nav = page.locator("nav.site-nav")
    expect(nav.locator(".nav-toggle")).to_be_hidden()
    expect(nav.get_by_role("link", name="Timeline")).to_be_visible()
    for name in ("Record", "Partners", "People", "Funding", "Admin"):
        expect(nav.get_by_role("button", name=name)).to_be_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120, header


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_placeholder_fits_its_field(open_page, language):
    for viewport in (PHONE, DESKTOP):
        page = open_page(viewport, language)
        field = page.locator("#header-q")
        placeholder = field.get_attribute("placeholder")
        assert placeholder.strip()
        overflow = field.evaluate(PLACEHOLDER_OVERFLOW)
        assert overflow <= 0, f"{placeholder!r} is {overflow:.0f}px too wide at {viewport}"


def test_timeline_marker_between_last_year_and_what_follows(app, open_page):
    year = date.today().year
    with app.app_context():
        add_milestone("Spring meeting last year", f"10.03.{year - 1}")
        add_milestone("Autumn meeting last year", f"10.11.{year - 1}")
        add_milestone("Meeting next year", f"10.02.{year + 1}")
        add_milestone("Meeting the year after", f"{year + 2}")

    page = open_page(PHONE)
    page.goto("/timeline/")
    marker = page.locator("main .today-marker")
    expect(marker).to_have_count(1)
    last_of_year_before = page.get_by_role("link", name="Autumn meeting last year", exact=True)
    next_heading = page.locator(f"#year-{year + 1}")
    assert _top(last_of_year_before) < _top(marker) < _top(next_heading)
    assert _top(marker) < _top(page.get_by_role("link", name="Meeting next year", exact=True))
    # Not inside the section of a year that has not begun.
    assert marker.evaluate("m => m.closest('section')") is None

    filters = page.locator("details.filters-fold")
    expect(filters).not_to_have_attribute("open", "")
    expect(page.locator("form.filters")).to_be_hidden()
    check(page, AXE.read_text(), "the timeline on a phone")
    filters.locator("summary").click()
    expect(page.get_by_role("button", name="Filter", exact=True)).to_be_visible()


def test_timeline_filter_is_open_on_a_desktop(open_page):
    page = open_page(DESKTOP)
    page.goto("/timeline/")
    expect(page.locator("form.filters")).to_be_visible()
    expect(page.get_by_role("button", name="Filter", exact=True)).to_be_in_viewport()


def _top(locator) -> float:
    return locator.bounding_box()["y"]
