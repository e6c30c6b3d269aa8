"""Fixtures for imports: an app whose uploads wait in a temporary folder, logged-in clients."""

import pytest
from conftest import make_app

from partnership.auth.models import Role
from partnership.extensions import db


@pytest.fixture
def upload_folder(tmp_path):
    return tmp_path / "uploads"


@pytest.fixture
def app(database_path, upload_folder):
    app = make_app(database_path, IMPORT_FOLDER=str(upload_folder))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def editor(client, auth):
    assert auth.login(Role.EDITOR).status_code == 302
    return client


@pytest.fixture
def viewer(client, auth):
    assert auth.login(Role.VIEWER).status_code == 302
    return client
