"""Clients logged in with one role; the browser's fixtures for the combobox test."""

import pytest
from browser.conftest import browser, live_server, log_in, page  # noqa: F401  (shared fixtures)
from conftest import logged_in

from partnership.auth.models import Role


@pytest.fixture
def editor(app):
    return logged_in(app, Role.EDITOR)


@pytest.fixture
def viewer(app):
    return logged_in(app, Role.VIEWER)
