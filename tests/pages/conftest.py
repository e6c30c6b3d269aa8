"""Clients already logged in with one role."""

import pytest

from partnership.auth.models import Role


@pytest.fixture
def editor(client, auth):
    assert auth.login(Role.EDITOR).status_code == 302
    return client


@pytest.fixture
def viewer(client, auth):
    assert auth.login(Role.VIEWER).status_code == 302
    return client
