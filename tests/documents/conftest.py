"""Documents are kept in a folder of each test's own, never in the project's instance folder."""

import pytest
from sqlalchemy import select

from partnership.extensions import db
from partnership.visits.models import Visit


@pytest.fixture
def folder(app, tmp_path):
    path = tmp_path / "documents"
    app.config["DOCUMENTS_FOLDER"] = str(path)
    return path


@pytest.fixture
def visit_id(app, demo) -> int:
    """The first visit of the demo."""
    with app.app_context():
        return db.session.scalar(select(Visit.id).order_by(Visit.id).limit(1))


def stored_files(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file())
