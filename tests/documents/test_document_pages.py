"""Attaching files to a record's page, downloading them, and who may do which."""

import hashlib
import io

import pytest
from page_reader import page
from PIL import Image
from sqlalchemy import select

from partnership.extensions import db
from partnership.records.entity import with_pages

from .conftest import stored_files
from .helpers import docx_bytes, pdf_bytes, png_bytes, upload, windows_program_bytes


def test_a_photo_round_trips_byte_for_byte_with_a_preview(app, editor, folder, visit_id, added):
    data = png_bytes()
    response = upload(
        editor,
        "visit",
        visit_id,
        "Empfang im Rathaus – Müller.png",
        data,
        kind="photo",
        caption="Mayors",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/visits/{visit_id}#documents"
    [document] = added()
    assert (document.table_name, document.record_id) == ("event", visit_id)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.content_type == "image/png" and document.size == len(data)
    # Never named after the upload: the key is the store's own.
    assert "Rathaus" not in document.storage_key

    shown = page(editor.get(f"/visits/{visit_id}"))
    assert "Empfang im Rathaus – Müller.png" in shown.text and "Mayors" in shown.text
    assert shown.links_to(f"/documents/{document.id}")

    download = editor.get(f"/documents/{document.id}")
    assert download.status_code == 200
    assert download.data == data
    assert download.headers["Content-Type"] == "image/png"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Cache-Control"] == "no-store"
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # The name as typed for browsers that read RFC 6266, a plain one for the others.
    assert "filename*=UTF-8''Empfang%20im%20Rathaus%20%E2%80%93%20M%C3%BCller.png" in disposition
    assert 'filename="Empfang im Rathaus  Muller.png"' in disposition

    preview = editor.get(f"/documents/{document.id}/preview")
    assert preview.status_code == 200 and preview.headers["Content-Type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(preview.data)).size) == 240


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("Teilnehmerliste.pdf", png_bytes(), "PNG"),
        ("Teilnehmerliste.pdf", windows_program_bytes(), "Windows program"),
        ("photo.jpg", pdf_bytes(), "PDF"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(
    app, editor, folder, visit_id, added, name, data, found
):
    response = upload(editor, "visit", visit_id, name, data, caption="kept?")
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("document-file", "is not what its name says")
    assert found in shown.error("document-file")
    assert added() == [] and stored_files(folder) == []


def test_office_documents_and_text_are_accepted_and_unknown_endings_refused(
    app, editor, folder, visit_id, added
):
    assert upload(editor, "visit", visit_id, "Programm.docx", docx_bytes()).status_code == 302
    assert upload(editor, "visit", visit_id, "liste.csv", b"Name;Stadt\n").status_code == 302
    refused = upload(editor, "visit", visit_id, "tool.exe", windows_program_bytes())
    assert refused.status_code == 422
    page(refused).assert_error("document-file", "cannot be attached")
    assert [d.content_type for d in added()] == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/plain",
    ]


def test_a_too_large_file_is_refused_with_a_message(app, editor, folder, visit_id, added):
    # Larger than the app's limit for other uploads (10 MB), within the documents' (20 MB).
    big = pdf_bytes() + b"%" * (12 * 1024 * 1024)
    assert upload(editor, "visit", visit_id, "Plakat.pdf", big).status_code == 302
    [accepted] = [document.id for document in added()]

    app.config["DOCUMENT_MAX_BYTES"] = 50 * 1024
    response = upload(editor, "visit", visit_id, "big.pdf", pdf_bytes() + b"%" * 60_000)
    assert response.status_code == 422
    page(response).assert_error("document-file", "too large: at most 50 KB")
    # Larger than a request may be: refused before it is read, on the record's page still.
    response = upload(editor, "visit", visit_id, "scan.pdf", pdf_bytes() + b"%" * 200_000)
    assert response.status_code == 413
    shown = page(response)
    shown.assert_error("document-file", "too large: at most 50 KB")
    assert shown.form(f"/documents/attach/event/{visit_id}")
    assert [document.id for document in added()] == [accepted]
    assert len(stored_files(folder)) == 1


def test_a_store_that_fails_saves_nothing_and_says_so(app, editor, tmp_path, visit_id, added):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    app.config["DOCUMENTS_FOLDER"] = str(blocked)
    response = upload(editor, "visit", visit_id, "scan.pdf", pdf_bytes())
    assert response.status_code == 422
    page(response).assert_error("document-file", "could not be stored")
    assert added() == []


def test_viewers_download_but_cannot_attach_and_strangers_must_log_in(
    app, editor, viewer, client, folder, visit_id, added
):
    assert upload(editor, "visit", visit_id, "scan.pdf", pdf_bytes()).status_code == 302
    [document] = added()
    shown = page(viewer.get(f"/visits/{visit_id}"))
    assert "scan.pdf" in shown.text
    assert not any(f.action.startswith("/documents/") for f in shown.forms)
    assert viewer.get(f"/documents/{document.id}").data == pdf_bytes()
    assert upload(viewer, "visit", visit_id, "more.pdf", pdf_bytes()).status_code == 403
    assert viewer.post(f"/documents/{document.id}/remove").status_code == 403
    for url in (f"/documents/{document.id}", f"/documents/{document.id}/preview"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert upload(client, "visit", visit_id, "x.pdf", pdf_bytes()).status_code == 302
    assert len(added()) == 1


@pytest.mark.parametrize(
    "url", ["/documents/0", "/documents/99999999999", "/documents/2147483647/preview"]
)
def test_ids_no_document_has_are_not_found(editor, url):
    assert editor.get(url).status_code == 404


def test_every_kind_of_record_has_a_documents_section(app, editor, demo):
    """Each kind with pages shows the section and its upload form, for its own table."""
    with app.app_context():
        firsts = {
            entity.name: (entity.model, db.session.scalar(select(entity.model.id).limit(1)))
            for entity in with_pages()
        }
    checked = {area: found for area, found in firsts.items() if found[1] is not None}
    assert len(checked) >= 12, sorted(checked)
    for area, (model, object_id) in checked.items():
        shown = page(editor.get(f"/{area}/{object_id}"))
        assert "Documents" in shown.text, area
        table = model.__mapper__.base_mapper.local_table.name
        assert shown.form(f"/documents/attach/{table}/{object_id}"), area
