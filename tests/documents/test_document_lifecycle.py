"""A document's life: changed, removed to the archive and restored, in the history, in a
person's data export and erasure, in a backup and its restore."""

import pytest
from conftest import logged_in
from page_reader import page
from sqlalchemy import select

from partnership.auth.models import Role
from partnership.documents import services
from partnership.documents.models import Document
from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.people.models import Contact

from .conftest import stored_files
from .helpers import pdf_bytes, png_bytes, upload


def attach(app, editor, table, record_id, name, data, **fields) -> int:
    assert upload(editor, table, record_id, name, data, **fields).status_code == 302
    with app.app_context():
        return db.session.scalar(select(Document.id).order_by(Document.id.desc()).limit(1))


def test_edit_remove_restore_and_the_history_of_both(app, editor, admin, folder, visit_id):
    document_id = attach(app, editor, "visit", visit_id, "flyer.pdf", pdf_bytes(), kind="flyer")
    response = editor.post(
        f"/documents/{document_id}/edit",
        data={"kind": "photo", "caption": "Poster of the festival", "public": "y", "version": 1},
    )
    assert response.status_code == 302
    assert "Poster of the festival" in page(editor.get(f"/visits/{visit_id}")).text

    assert editor.post(f"/documents/{document_id}/remove").status_code == 302
    assert not page(editor.get(f"/visits/{visit_id}")).links_to(f"/documents/{document_id}")
    # Gone for everyone but the admins, who find it in the archive.
    assert editor.get(f"/documents/{document_id}").status_code == 404
    assert admin.get(f"/documents/{document_id}").data == pdf_bytes()
    archive = page(admin.get("/archive/"))
    assert f"/archive/Document/{document_id}/restore" in [form.action for form in archive.forms]
    assert archive.links_to(f"/documents/{document_id}")

    assert admin.post(f"/archive/Document/{document_id}/restore").status_code == 302
    assert editor.get(f"/documents/{document_id}").data == pdf_bytes()

    # The visit's history tells of the file coming, going and coming back.
    visit_history = page(editor.get(f"/history/Visit/{visit_id}")).text
    assert visit_history.count("flyer.pdf (flyer)") == 1
    assert visit_history.count("flyer.pdf (photo)") == 2
    own = page(editor.get(f"/history/Document/{document_id}")).text
    assert "Poster of the festival" in own and "flyer.pdf" in own


def test_an_edit_with_a_bad_choice_or_an_old_version_changes_nothing(app, editor, folder, visit_id):
    document_id = attach(app, editor, "visit", visit_id, "a.pdf", pdf_bytes(), caption="first")
    bad = editor.post(f"/documents/{document_id}/edit", data={"kind": "bogus", "version": 1})
    assert bad.status_code == 422
    assert (
        editor.post(
            f"/documents/{document_id}/edit", data={"kind": "other", "caption": "x", "version": 1}
        ).status_code
        == 302
    )
    stale = editor.post(
        f"/documents/{document_id}/edit", data={"kind": "other", "caption": "y", "version": 1}
    )
    assert stale.status_code == 409
    with app.app_context():
        assert db.session.get(Document, document_id).caption == "x"


def test_a_persons_export_and_erasure_reach_their_documents(app, editor, admin, folder, demo):
    with app.app_context():
        contact = db.session.scalars(select(Contact).order_by(Contact.id)).first()
        contact_id, name = contact.id, contact.name
        organisation_id = db.session.scalar(select(Organisation.id).limit(1))
    own_id = attach(app, editor, "contact", contact_id, "portrait.png", png_bytes(), kind="photo")
    other_id = attach(
        app,
        editor,
        "organisation",
        organisation_id,
        "signing.png",
        png_bytes(),
        caption=f"{name} signs",
    )
    exported = admin.get(f"/contacts/{contact_id}/data.json").get_json()["documents"]
    assert [d["file"] for d in exported] == ["portrait.png", "signing.png"]
    assert exported[1]["why"] == "the caption or file name names the person"
    assert "portrait.png" in page(admin.get(f"/contacts/{contact_id}/data")).text
    assert len(stored_files(folder)) == 4  # two files and their previews

    assert admin.post(f"/contacts/{contact_id}/erase").status_code == 302
    with app.app_context():
        kept = services.get_document(other_id)
        assert services.get_document(own_id, include_archived=True) is None
        assert kept.caption == f"Erased person {contact_id} signs"
        assert len(stored_files(folder)) == 2
    review = page(admin.get("/contacts/review"))
    assert review.links_to(f"/documents/{other_id}/edit")
    assert name not in page(admin.get(f"/history/Document/{other_id}")).text


@pytest.mark.own_database
def test_a_backup_and_its_restore_bring_the_files_back(
    app, editor, folder, visit_id, runner, tmp_path
):
    data = png_bytes(colour="orange")
    document_id = attach(app, editor, "visit", visit_id, "photo.png", data, kind="photo")
    target = tmp_path / "office.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "2 document file(s) written" in result.output
    for path in stored_files(folder):
        path.unlink()
    assert editor.get(f"/documents/{document_id}").status_code == 404

    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert "2 document file(s) restored" in result.output
    # The restore ended every session: a new login.
    restored = logged_in(app, Role.EDITOR).get(f"/documents/{document_id}")
    assert restored.status_code == 200 and restored.data == data
