"""Clients of every role, each its own browser, for the trust tests."""

import pytest
from conftest import logged_in  # noqa: F401  (the tests here import it from this folder)

from partnership.auth.models import Role


@pytest.fixture
def editor(app):
    return logged_in(app, Role.EDITOR)


@pytest.fixture
def admin(app):
    return logged_in(app, Role.ADMIN)


@pytest.fixture
def viewer(app):
    return logged_in(app, Role.VIEWER)
