"""Documents are kept in a folder of each test's own, never in the project's instance folder."""

import pytest
from sqlalchemy import func, select

from partnership.documents.models import Document
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


@pytest.fixture
def added(app, visit_id):
    """The documents attached during the test (the demo brings some of its own)."""
    with app.app_context():
        query = select(func.max(Document.id)).execution_options(include_archived=True)
        before = db.session.scalar(query) or 0

    def documents() -> list[Document]:
        with app.app_context():
            query = select(Document).where(Document.id > before).order_by(Document.id)
            return db.session.scalars(query.execution_options(include_archived=True)).all()

    return documents


def stored_files(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file())
