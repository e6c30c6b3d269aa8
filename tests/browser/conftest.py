"""The browser tests: marked as such, on the app as it runs for real (CSRF on).

Their fixtures (live server, Chromium, page, log_in, screenshot) are in browser_fixtures.py.
"""

from pathlib import Path

import pytest
from browser_fixtures import DESKTOP, TIMEOUT_MS  # noqa: F401  (tests here import them from here)
from conftest import make_app

from partnership.extensions import db

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    # A hook in a conftest sees every collected item, so mark only the ones in this folder.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def app(database_path):
    """The app as it runs for real: forms carry and check CSRF tokens."""
    app = make_app(database_path, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()
