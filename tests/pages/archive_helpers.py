"""Deleting archives: what an admin finds in the archive, and bringing a record back from it."""

from conftest import logged_in
from page_reader import Page, page

from partnership.auth.models import Role


def admin_client(app):
    """A second browser, logged in as an admin."""
    return logged_in(app, Role.ADMIN)


def archive_page(app) -> Page:
    response = admin_client(app).get("/archive/")
    assert response.status_code == 200
    return page(response)


def in_archive(app, entity: str, object_id: int) -> bool:
    """The admins' archive lists the record with a button to restore it."""
    archive = archive_page(app)
    restore_forms = [f.action for f in archive.forms if f.method == "post"]
    return f"/archive/{entity}/{object_id}/restore" in restore_forms


def restore(app, entity: str, object_id: int) -> None:
    """An admin restores the record from the archive."""
    response = admin_client(app).post(f"/archive/{entity}/{object_id}/restore")
    assert response.status_code == 302, response.status_code
    assert response.headers["Location"] == "/archive/"
    assert not in_archive(app, entity, object_id)
