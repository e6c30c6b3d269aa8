"""Record fields in a real browser: a WAI-ARIA combobox by keyboard, clean under axe and CSP."""

import re

import pytest
from browser.test_accessibility import AXE, check
from conftest import PASSWORD, USERS, make_app
from playwright.sync_api import Page, expect

from partnership.auth.models import Role
from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.partners.models import City, CityName, Partnership
from partnership.press.models import PressArticle
from partnership.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.browser


@pytest.fixture
def app(database_path):
    """The app as it runs for real: forms carry and check CSRF tokens."""
    app = make_app(database_path, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: `make axe` (part of `make test`) installs it"
    return AXE.read_text()


def add_city(name, country_code, region="", other_names=(), is_home=False) -> City:
    city = City(name=name, country_code=country_code, region=region, is_home=is_home)
    city.names.extend(CityName(n) for n in (name, *other_names))
    db.session.add(city)
    return city


@pytest.fixture
def places(app) -> dict[str, int]:
    """Our city, a partner known under three names, two namesakes and many small towns."""
    with app.app_context():
        cities = {
            "Dortmund": add_city("Dortmund", "DE", is_home=True),
            "Zhytomyr": add_city("Zhytomyr", "UA", other_names=("Schytomyr", "Житомир")),
            "Springfield, Illinois": add_city("Springfield", "US", "Illinois"),
            "Springfield, Missouri": add_city("Springfield", "US", "Missouri"),
        }
        for number in range(30):
            add_city(f"Town {number:02}", "DE")
        for title in ("Mayors meet in Zhytomyr", "Council decides the twinning"):
            db.session.add(Milestone(title=title, milestone_kind=MilestoneKind.MEETING))
        db.session.commit()
        return {name: city.id for name, city in cities.items()}


@pytest.fixture
def watched(page: Page) -> list[str]:
    """Collect what the browser reports against the page: CSP refusals and script errors."""
    problems: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.context.add_init_script(path=str(AXE))
    return problems


def combobox(page: Page, label: str):
    box = page.get_by_role("combobox", name=label, exact=True)
    expect(box).to_have_attribute("aria-expanded", "false")
    return box


def listbox_of(page: Page, box):
    return page.locator(f"#{box.get_attribute('aria-controls')}")


def test_a_city_is_chosen_by_keyboard(page: Page, log_in, places, watched, axe_source, app):
    log_in()
    page.goto("/partnerships/new")
    box = combobox(page, "Partner city")
    listbox = listbox_of(page, box)
    expect(listbox).to_have_attribute("role", "listbox")
    expect(box).to_have_attribute("aria-autocomplete", "list")

    box.press_sequentially("жит")
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Zhytomyr Ukraine")
    expect(page.locator("#partner_city_id-status")).to_have_text(re.compile("^1 match"))
    check(page, axe_source, "an open list of matches")

    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(box).to_have_value("Zhytomyr")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile("."))
    expect(page.locator("#partner_city_id-value")).to_have_value(str(places["Zhytomyr"]))

    # Many matches: a screenful; Escape closes the list and keeps the text.
    coordinator = combobox(page, "Coordinator")
    home = combobox(page, "Home city")
    expect(home).to_have_value("Dortmund")
    home.fill("town")
    expect(listbox_of(page, home).get_by_role("option")).to_have_count(20)
    expect(page.locator("#home_city_id-status")).to_contain_text("The first 20 matches")
    home.press("ArrowUp")
    expect(listbox_of(page, home).get_by_role("option").last).to_have_attribute(
        "aria-selected", "true"
    )
    home.press("Escape")
    expect(home).to_have_attribute("aria-expanded", "false")
    expect(home).to_have_value("town")
    home.fill("dortm")
    expect(listbox_of(page, home).get_by_role("option")).to_have_count(1)
    home.press("ArrowDown")
    home.press("Enter")
    expect(home).to_have_value("Dortmund")
    expect(coordinator).to_have_value("")

    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/partnerships/\d+$"))
    with app.app_context():
        stored = db.session.scalars(db.select(Partnership)).one()
        assert (stored.home_city_id, stored.partner_city_id) == (
            places["Dortmund"],
            places["Zhytomyr"],
        )
    assert not watched, watched


def test_several_events_are_added_and_removed_by_keyboard(
    page: Page, log_in, places, watched, axe_source, app
):
    log_in()
    page.goto("/press/new")
    page.get_by_label("Title", exact=True).fill("Twinning report")
    box = combobox(page, "Reports on these events")
    chosen = page.get_by_role("list", name="Chosen: Reports on these events")

    for typed, title in (("mayors", "Mayors meet in Zhytomyr"), ("council", "Council decides")):
        box.press_sequentially(typed)
        expect(listbox_of(page, box).get_by_role("option")).to_have_count(1)
        box.press("ArrowDown")
        box.press("Enter")
        expect(box).to_have_value("")
        expect(box).to_be_focused()
        expect(page.get_by_role("checkbox", name=re.compile(title))).to_be_checked()
    expect(chosen.get_by_role("listitem")).to_have_count(2)
    check(page, axe_source, "two events chosen")

    # The chosen boxes sit before the text box: Shift+Tab reaches the last, Space unticks it.
    page.keyboard.press("Shift+Tab")
    council = page.get_by_role("checkbox", name=re.compile("Council decides"))
    expect(council).to_be_focused()
    page.keyboard.press("Space")
    expect(council).not_to_be_checked()

    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/press/\d+$"))
    with app.app_context():
        article = db.session.scalars(db.select(PressArticle)).one()
        assert [event.title for event in article.events] == ["Mayors meet in Zhytomyr"]
    assert not watched, watched


def test_typed_text_without_a_choice_is_resolved_or_questioned(
    page: Page, log_in, places, watched, axe_source, app
):
    log_in()
    page.goto("/partnerships/new")
    combobox(page, "Partner city").fill("Springfield")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Create").click()

    box = page.get_by_role("combobox", name="Partner city", exact=True)
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_accessible_description(re.compile("Several entries are called"))
    expect(box).to_have_value("Springfield")
    suggestions = page.get_by_role("group", name="Suggestions for Partner city")
    expect(suggestions.get_by_role("radio")).to_have_count(2)
    check(page, axe_source, "a name two cities share")

    # One of the suggestions ticked, or one of the matches chosen in the box, settles it.
    suggestions.get_by_role("radio", name="Springfield Illinois, United States").check()
    box.fill("spring")
    missouri = listbox_of(page, box).get_by_role(
        "option", name="Springfield Missouri, United States"
    )
    expect(missouri).to_be_visible()
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(missouri).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(box).to_have_value("Springfield")
    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/partnerships/\d+$"))
    with app.app_context():
        stored = db.session.scalars(db.select(Partnership)).one()
        assert stored.partner_city_id == places["Springfield, Missouri"]
    assert not watched, watched


def test_without_script_the_field_is_a_text_box_the_server_reads(browser, live_server, places, app):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/login")
        page.get_by_label("Email").fill(USERS[Role.EDITOR])
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto("/partnerships/new")

        box = page.get_by_role("textbox", name="Partner city", exact=True)
        expect(box).not_to_have_attribute("role", "combobox")
        box.fill("schytomyr")
        page.get_by_role("button", name="Create").click()

        expect(page).to_have_url(re.compile(r"/partnerships/\d+$"))
        with app.app_context():
            stored = db.session.scalars(db.select(Partnership)).one()
            assert stored.partner_city_id == places["Zhytomyr"]
    finally:
        context.close()


def test_the_page_runs_no_inline_script(page: Page, log_in, places):
    log_in()
    response = page.goto("/visits/record")

    policy = response.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert page.locator("script:not([src])").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".map(a => a.name).filter(name => name.startsWith('on'))"
    )
    assert handlers == []
    expect(page.get_by_role("combobox").first).to_be_visible()
