"""Screenshots of the main pages with the demo loaded, for looking at by eye."""

from playwright.sync_api import Page, expect

NARROW = {"width": 360, "height": 740}


def test_screenshots_of_main_pages(page: Page, log_in, demo, screenshot):
    page.goto("/login")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    screenshot(page, "login")

    log_in()
    page.goto("/")
    expect(page.get_by_role("heading", name="Start")).to_be_visible()
    screenshot(page, "home")

    page.goto("/visits/")
    screenshot(page, "visit-list")

    page.get_by_role("link", name="Delegation from Zhytomyr visits Dortmund").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Delegation from Zhytomyr visits Dortmund"
    )
    screenshot(page, "visit-detail")

    page.goto("/cities/")
    page.get_by_role("link", name="Zhytomyr", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zhytomyr")
    screenshot(page, "city-zhytomyr")

    page.set_viewport_size(NARROW)
    page.goto("/")
    expect(page.get_by_role("heading", name="Start")).to_be_visible()
    screenshot(page, "home")


def test_home_page_fits_a_narrow_screen(page: Page, log_in, demo):
    """At 360 px the page itself never scrolls sideways; wide tables scroll in their box."""
    log_in()
    page.set_viewport_size(NARROW)
    page.goto("/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the home page is {overflow}px wider than a 360px screen"
