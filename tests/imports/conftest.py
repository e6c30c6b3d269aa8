"""Fixtures for imports: an app whose uploads wait in a temporary folder."""

import pytest
from conftest import make_app

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
