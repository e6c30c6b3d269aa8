"""Clients of every role, each its own browser, for the trust tests."""

import pytest
from conftest import PASSWORD, USERS

from partnership.auth.models import Role


def logged_in(app, role: Role):
    """A new browser logged in with `role`."""
    client = app.test_client()
    response = client.post("/login", data={"email": USERS[role], "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


@pytest.fixture
def editor(app):
    return logged_in(app, Role.EDITOR)


@pytest.fixture
def admin(app):
    return logged_in(app, Role.ADMIN)


@pytest.fixture
def viewer(app):
    return logged_in(app, Role.VIEWER)
