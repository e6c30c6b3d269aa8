"""Browser fixtures for every folder: the app on a live server, one Chromium per process, a page
per test, logging in through the form, screenshots."""

import re
import threading
from pathlib import Path

import pytest
from conftest import PASSWORD, USERS
from playwright.sync_api import Page, expect, sync_playwright
from werkzeug.serving import make_server

from partnership.auth.models import Role

SCREENSHOTS = Path(__file__).parents[1] / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000


def one_request_at_a_time(app):
    """Answer one request after the other, each read to its end before the next begins.

    On PostgreSQL a test's app shares one connection inside the test's transaction; two
    requests at once (a page and its favicon) would interleave their savepoints on it.
    """
    lock = threading.Lock()

    def serialized(environ, start_response):
        with lock:
            answer = app(environ, start_response)
            try:
                return [b"".join(answer)]
            finally:
                if hasattr(answer, "close"):
                    answer.close()

    return serialized


@pytest.fixture
def live_server(app):
    """Serve `app` on a free local port in a background thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, one_request_at_a_time(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page (own cookies) 1280 px wide; relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page: Page):
    """Return a function that logs in through the login form as a user of the given role."""

    def log_in(role: Role = Role.EDITOR) -> Page:
        page.goto("/login")
        page.get_by_label("Email").fill(USERS[role])
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        return page

    return log_in


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


@pytest.fixture(scope="session")
def screenshot():
    """Return a function that saves a full-page PNG of `page` under test-artifacts/screenshots/.

    The file is named after the page: `name` if given, else the page's title, plus the width.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str | None = None) -> Path:
        width = page.viewport_size["width"] if page.viewport_size else 0
        path = SCREENSHOTS / f"{_slug(name or page.title())}-{width}px.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
