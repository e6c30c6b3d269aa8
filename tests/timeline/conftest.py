"""Clients logged in with one role, and an app with short pages."""

import pytest
from conftest import make_app

from partnership.auth.models import Role
from partnership.extensions import db


@pytest.fixture
def editor(client, auth):
    assert auth.login(Role.EDITOR).status_code == 302
    return client


@pytest.fixture
def viewer(client, auth):
    assert auth.login(Role.VIEWER).status_code == 302
    return client


@pytest.fixture
def short_pages_app(database_path):
    """The app with five events a page, so paging needs only a few events."""
    app = make_app(database_path, PAGE_SIZE=5)
    yield app
    with app.app_context():
        db.engine.dispose()
