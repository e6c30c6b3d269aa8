"""An app with short pages, for the timeline's paging."""

import pytest
from conftest import make_app

from partnership.extensions import db


@pytest.fixture
def short_pages_app(database_path):
    """The app with five events a page, so paging needs only a few events."""
    app = make_app(database_path, PAGE_SIZE=5)
    yield app
    with app.app_context():
        db.engine.dispose()
