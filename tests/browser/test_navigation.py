"""The header's menus by keyboard, on a phone, without JavaScript, and with axe."""

from playwright.sync_api import Page, expect

from browser.test_accessibility import AXE, check
from partnership.auth.models import Role

PHONE = {"width": 375, "height": 667}
MENUS = ["Record", "Partners", "People", "Funding", "Admin"]


def navigation(page: Page):
    return page.get_by_role("navigation", name="Main")


def test_a_menu_opens_and_closes_by_keyboard(page: Page, log_in):
    log_in(Role.ADMIN)
    nav = navigation(page)
    record = nav.get_by_role("button", name="Record")
    visits = nav.get_by_role("link", name="Visits")
    expect(record).to_have_attribute("aria-expanded", "false")
    expect(visits).to_be_hidden()

    record.focus()
    page.keyboard.press("Enter")
    expect(record).to_have_attribute("aria-expanded", "true")
    expect(visits).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav.locator("#nav-menu-record a").first).to_be_focused()

    page.keyboard.press("Escape")
    expect(record).to_have_attribute("aria-expanded", "false")
    expect(visits).to_be_hidden()
    expect(record).to_be_focused()

    page.keyboard.press("Space")
    expect(visits).to_be_visible()
    page.keyboard.press("Space")
    expect(visits).to_be_hidden()


def test_one_menu_is_open_at_a_time_and_tabbing_past_closes_it(page: Page, log_in):
    log_in(Role.ADMIN)
    nav = navigation(page)
    record, partners = (nav.get_by_role("button", name=name) for name in ("Record", "Partners"))
    record.click()
    partners.click()
    expect(record).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Cities")).to_be_visible()

    nav.locator("#nav-menu-partners a").last.focus()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("button", name="People")).to_be_focused()
    expect(partners).to_have_attribute("aria-expanded", "false")

    nav.get_by_role("button", name="People").click()
    page.get_by_role("heading", level=1).click()
    expect(nav.get_by_role("link", name="Contacts")).to_be_hidden()


def test_a_list_is_reached_through_its_menu(page: Page, log_in):
    log_in()
    nav = navigation(page)
    nav.get_by_role("button", name="Funding").click()
    nav.get_by_role("link", name="Grants").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grants")
    # The menu is closed on the new page; its link still says where the reader is.
    expect(nav.locator('a[href="/grants/"]')).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("button", name="Funding")).to_have_attribute("aria-current", "true")


def test_on_a_phone_the_navigation_is_one_button(page: Page, log_in):
    log_in(Role.ADMIN)
    page.set_viewport_size(PHONE)
    page.goto("/")
    nav = navigation(page)
    expect(nav.get_by_role("button")).to_have_count(1)
    toggle = nav.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    expect(nav.get_by_role("link")).to_have_count(0)
    expect(page.get_by_role("search").get_by_role("searchbox")).to_be_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["y"] + header["height"] < PHONE["height"] / 3, header
    # The first screen shows the page itself, not a wall of links.
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for name in MENUS:
        expect(nav.get_by_role("button", name=name)).to_be_visible()
    record = nav.get_by_role("button", name="Record")
    record.focus()
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link", name="Visits")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(record).to_be_focused()
    expect(nav.get_by_role("link", name="Visits")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(record).to_be_hidden()


def test_without_javascript_every_link_is_in_sight(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    try:
        page = context.new_page()
        _log_in(page, Role.ADMIN)
        nav = navigation(page)
        for name in ("Timeline", "Cities", "Contacts", "Visits", "Grants", "Users", "Archive"):
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
        expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
        page.set_viewport_size(PHONE)
        expect(nav.get_by_role("link", name="Topics")).to_be_visible()
        expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    finally:
        context.close()


def test_an_open_menu_passes_axe(page: Page, log_in):
    log_in(Role.ADMIN)
    axe_source = AXE.read_text()
    navigation(page).get_by_role("button", name="Admin").click()
    expect(navigation(page).get_by_role("link", name="Audit log")).to_be_visible()
    check(page, axe_source, "home with the Admin menu open")

    page.set_viewport_size(PHONE)
    navigation(page).get_by_role("button", name="Menu").click()
    navigation(page).get_by_role("button", name="Record").click()
    expect(navigation(page).get_by_role("link", name="Visits")).to_be_visible()
    check(page, axe_source, "phone with the Record menu open")


def _log_in(page: Page, role: Role) -> None:
    from conftest import PASSWORD, USERS

    page.goto("/login")
    page.get_by_label("Email").fill(USERS[role])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
