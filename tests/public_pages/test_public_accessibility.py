"""The public pages pass axe-core logged out, in every language, and fit a 390 px phone."""

import pytest
from browser.test_accessibility import AXE, check

from .conftest import event_page, public_page
from .test_public_answers import _fund_with_cerv

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: `make axe` (part of `make test`) installs it"
    return AXE.read_text()


@pytest.mark.browser
def test_public_pages_pass_axe_and_fit_a_phone(app, browser, live_server, public_ids, axe_source):
    # The emblem and the statement on the page too.
    _fund_with_cerv(app, public_ids["event"])
    partnership = public_ids["partnership"]
    urls = [
        public_page(partnership),
        event_page(partnership, public_ids["event"]),
        event_page(partnership, public_ids["hidden"]),  # the 404 page
    ]
    context = browser.new_context(base_url=live_server, viewport=PHONE)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    failures = []
    try:
        for url in urls:
            for language in ("de", "en", "uk"):
                address = f"{url}?lang={language}"
                response = page.goto(address)
                assert response.status in (200, 404), (address, response.status)
                assert "/login" not in page.url
                assert page.locator("html").get_attribute("lang") == language
                assert page.locator("a.skip-link").get_attribute("href") == "#main"
                for image in page.locator("main img").all():
                    assert image.get_attribute("alt"), (address, "an image without alt")
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > PHONE["width"]:
                    failures.append(f"{address}: {wide} px wide on a 390 px phone")
                try:
                    check(page, axe_source, address)
                except AssertionError as error:
                    failures.append(str(error))
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)
