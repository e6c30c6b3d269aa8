"""Single sign-on in Chromium: the provider's own pages, and the cookies across two sites."""

import re

import pytest
from auth.oidc_provider import ProviderProcess, app_settings, free_port, missing_tools
from conftest import make_app
from playwright.sync_api import Browser, expect

from partnership.extensions import db

from .conftest import DESKTOP, TIMEOUT_MS
from .test_accessibility import AXE, check

# Anything not on this machine (the provider's pages ask for a web font) is refused at once.
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])")


@pytest.fixture
def provider_port():
    if reason := missing_tools():
        pytest.skip(reason)
    return free_port()


@pytest.fixture
def app(database_path, provider_port):
    app = make_app(database_path, WTF_CSRF_ENABLED=True, **app_settings(provider_port))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def site(live_server, provider_port, tmp_path):
    """The app under the name `localhost`, so the provider (127.0.0.1) is another site."""
    address = live_server.replace("127.0.0.1", "localhost")
    provider = ProviderProcess(
        tmp_path / "provider.log", port=provider_port, redirect_uri=f"{address}/login/oidc/callback"
    )
    yield address
    provider.stop()


def test_city_account_login_in_the_browser(browser: Browser, site):
    context = browser.new_context(base_url=site, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    context.route(OUTSIDE, lambda route: route.abort())
    page = context.new_page()

    page.goto("/users/")
    if AXE.exists():
        check(page, AXE.read_text(), "the login page with single sign-on")
    page.get_by_role("link", name="Log in with City account").click()
    page.locator("input[name=login]").fill("ada")
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(f"{site}/users/")
    expect(page.get_by_role("status")).to_contain_text("Welcome, Ada Admin.")
    expect(page.get_by_role("main")).to_contain_text("ada.admin@city.example")
    context.close()
