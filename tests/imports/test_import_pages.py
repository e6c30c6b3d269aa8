"""The import pages: upload, preview, confirm; refusals; roles and CSRF; nothing half-written."""

import io
import re
from dataclasses import replace

import pytest
from conftest import PASSWORD, USERS, make_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from partnership.auth.models import Role
from partnership.extensions import db
from partnership.imports.kinds import importable
from partnership.partners.models import City, Organisation
from partnership.people.models import Contact
from partnership.records.values import Invalid
from partnership.visits.models import Visit

from .import_helpers import (
    IMPORTABLE,
    confirm,
    count,
    csv_bytes,
    hidden_fields,
    text_of,
    upload,
    xlsx_bytes,
)

GERMAN_OFFICE_FILE = (
    "Name;Funktion;Organisation;Stadt;E-Mail;Telefon;Bemerkungen\r\n"
    "Jürgen Weiß;Leiter Jugendamt;City of Dortmund;Dortmund;jw@example.org;+49 231 50-0;\r\n"
    "Olha Kovalenko;Schulleiterin;Zhytomyr Volunteer Headquarter;Schytomyr;;;"
    "Kontakt über Frau Müller\r\n"
    ";;;;;;\r\n"
).encode("cp1252")


def test_a_windows_1252_file_with_semicolons_and_german_headers_imports_after_preview(
    app, editor, demo
):
    before = count(app, Contact)
    preview = upload(editor, "contacts", GERMAN_OFFICE_FILE, "Kontakte.csv")
    assert preview.status_code == 200
    page = text_of(preview)
    assert "Read as Windows-1252, columns separated by “;”" in page
    assert "2 new, 0 updates, 0 unchanged, 0 rows with errors" in page
    assert "Jürgen Weiß" in page and "Stadt: Zhytomyr" in page, "named as the file names it"
    assert count(app, Contact) == before, "the preview wrote something"

    done = confirm(editor, preview)
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/contacts/")
    assert count(app, Contact) == before + 2
    with app.app_context():
        weiss = db.session.scalars(select(Contact).where(Contact.email == "jw@example.org")).one()
        assert (weiss.name, weiss.role_title, weiss.phone) == (
            "Jürgen Weiß",
            "Leiter Jugendamt",
            "+49 231 50-0",
        )
        assert weiss.organisation.name == "City of Dortmund"
        kovalenko = db.session.scalars(
            select(Contact).where(Contact.name == "Olha Kovalenko")
        ).one()
        assert kovalenko.city.name == "Zhytomyr"
        assert kovalenko.notes == "Kontakt über Frau Müller"
    assert "Imported “Kontakte.csv”" in text_of(editor.get("/contacts/"))


def test_one_bad_row_among_good_ones_writes_nothing(app, editor, demo):
    rows = [["Name", "Kind", "Website"]]
    rows += [[f"Verein {i}", "Verein", f"https://verein{i}.example.org"] for i in range(5)]
    rows.insert(4, ["Broken", "Verein", "verein.example.org"])
    before = count(app, Organisation)
    preview = upload(editor, "organisations", csv_bytes(rows))
    assert preview.status_code == 422
    page = text_of(preview)
    assert "1 problem: nothing will be imported until it is corrected" in page
    assert (
        "Row 5, column “Website”, value “verein.example.org”: is not a web address starting "
        "with http:// or https://." in page
    )
    assert 'action="/imports/confirm"' not in preview.text, "a file with errors offers import"

    # Even a hand-made confirmation is refused while the file has an error.
    fields = hidden_fields(preview.text, "/imports/check")
    response = editor.post("/imports/confirm", data=fields)
    assert response.status_code == 422
    assert count(app, Organisation) == before


def test_an_excel_workbook_imports(app, editor, demo):
    data = xlsx_bytes(
        [
            ["Titel", "Datum", "Gastgeberstadt", "Partnerstadt", "Erster offizieller Besuch"],
            ["Bürgermeisterin in Schytomyr", "März 2024", "Schytomyr", "Schytomyr", "ja"],
        ]
    )
    preview = upload(editor, "visits", data, "Besuche.xlsx")
    assert preview.status_code == 200, text_of(preview)
    assert "Read as XLSX" in text_of(preview)
    assert confirm(editor, preview).status_code == 302
    with app.app_context():
        visit = db.session.scalars(
            select(Visit).where(Visit.title == "Bürgermeisterin in Schytomyr")
        ).one()
        assert visit.first_official and visit.host_city.name == "Zhytomyr"
        assert visit.date.format("de") == "März 2024"


def test_an_update_shows_old_and_new_values_before_it_is_saved(app, editor, demo):
    data = csv_bytes([["Name", "Role"], ["Fabian Zeuch", "Head of the partnership office"]])
    preview = upload(editor, "contacts", data)
    page = text_of(preview)
    assert "0 new, 1 update" in page
    assert (
        "Role: Coordinator of the partnership with Zhytomyr → Head of the partnership office"
        in page
    )
    confirm(editor, preview)
    with app.app_context():
        zeuch = db.session.scalars(select(Contact).where(Contact.name == "Fabian Zeuch")).one()
        assert zeuch.role_title == "Head of the partnership office"
        assert zeuch.organisation is not None, "a column left out of the file stays as it was"


def test_create_missing_can_be_ticked_on_the_preview_without_uploading_again(app, editor, demo):
    data = csv_bytes([["Name", "City"], ["Andriy Sadovyi", "Lviv"]])
    before = count(app, City)
    preview = upload(editor, "contacts", data)
    assert preview.status_code == 422
    assert "No city is called “Lviv”" in text_of(preview)
    fields = hidden_fields(preview.text, "/imports/check")
    again = editor.post("/imports/check", data={**fields, "create_missing": "y"})
    assert again.status_code == 200
    assert "Also creates (city): Lviv" in text_of(again)
    assert count(app, City) == before
    assert confirm(editor, again).status_code == 302
    assert count(app, City) == before + 1


def test_records_changed_between_preview_and_confirm_ask_for_a_new_look(app, editor, demo):
    preview = upload(editor, "contacts", csv_bytes([["Name"], ["Lena Vogt"]]))
    with app.app_context():
        db.session.add(Contact(name="Lena Vogt"))
        db.session.commit()
    response = confirm(editor, preview)
    assert response.status_code == 409
    assert "changed since the preview" in text_of(response)
    assert count(app, Contact) == 4
    # The new preview knows her: confirming it changes nothing and duplicates nobody.
    assert "0 new, 0 updates, 1 unchanged" in text_of(response)


def test_a_failure_while_writing_rolls_everything_back_and_says_so(app, editor, demo, monkeypatch):
    from partnership.imports import views

    def failing_apply(plan, progress=None):
        views_apply(plan)
        raise IntegrityError("INSERT INTO contact", {}, Exception("constraint contact_secret"))

    views_apply = views.apply_plan
    monkeypatch.setattr(views, "apply_plan", failing_apply)
    before = count(app, Contact)
    preview = upload(editor, "contacts", csv_bytes([["Name"], ["A"], ["B"]]))
    response = confirm(editor, preview)
    assert response.status_code == 422
    assert "Nothing was imported: the database refused the changes." in text_of(response)
    # The database's own words stay in the log.
    assert "contact_secret" not in response.text
    assert "INSERT" not in response.text
    assert count(app, Contact) == before


def test_a_row_the_records_service_refuses_is_shown_and_nothing_is_written(
    app, editor, demo, monkeypatch
):
    from partnership.imports import views

    contacts = importable("contacts")

    def save(record, values):
        if values.name == "B":
            raise Invalid({"phone": "is not a number we may call."})
        contacts.save(record, values)

    monkeypatch.setattr(views, "importable", lambda name: replace(contacts, save=save))
    before = count(app, Contact)
    preview = upload(editor, "contacts", csv_bytes([["Name", "Phone"], ["A", "1"], ["B", "2"]]))
    assert "2 new" in text_of(preview)
    response = confirm(editor, preview)
    assert response.status_code == 422
    assert "Row 3, column “Phone”, value “2”: is not a number we may call." in text_of(response)
    assert 'action="/imports/confirm"' not in response.text
    assert count(app, Contact) == before


def test_the_kept_file_is_gone_after_the_import(app, editor, demo, upload_folder):
    preview = upload(editor, "contacts", csv_bytes([["Name"], ["Lena Vogt"]]))
    assert len(list(upload_folder.iterdir())) == 2
    confirm(editor, preview)
    assert list(upload_folder.iterdir()) == []
    again = confirm(editor, preview)
    assert again.status_code == 302 and again.headers["Location"].endswith("/imports/")
    assert count(app, Contact) == 4, "a second confirmation imported twice"


def test_a_token_is_useless_to_another_user(app, client, auth, demo):
    auth.login(Role.EDITOR)
    preview = upload(client, "contacts", csv_bytes([["Name"], ["Lena Vogt"]]))
    fields = hidden_fields(preview.text)
    auth.logout()
    auth.login(Role.ADMIN)
    response = client.post("/imports/confirm", data=fields)
    assert response.status_code == 302
    assert count(app, Contact) == 3


@pytest.mark.parametrize(
    "data, filename, message",
    [
        (bytes(range(256)) * 40, "export.csv", "This file is not a spreadsheet"),
        (csv_bytes([["Vorname", "Nachname"], ["Anna", "Schmidt"]]), "a.csv", "“Name” is missing"),
        (b"PK\x03\x04broken", "a.xlsx", "may be damaged"),
        (b"", "empty.csv", "The file is empty"),
    ],
    ids=["binary", "wrong columns", "damaged xlsx", "empty"],
)
def test_an_unusable_file_is_refused_with_a_clear_message(app, editor, data, filename, message):
    response = upload(editor, "contacts", data, filename)
    assert response.status_code == 422
    assert message in text_of(response)
    assert editor.get("/contacts/").status_code == 200


def test_a_file_with_too_many_rows_is_refused(app, editor):
    app.config["IMPORT_MAX_ROWS"] = 5
    rows = [["Name"]] + [[f"Person {i}"] for i in range(6)]
    response = upload(editor, "contacts", csv_bytes(rows))
    assert response.status_code == 422
    assert "more than 5 rows; split it" in text_of(response)
    assert count(app, Contact) == 0


def test_a_50_megabyte_upload_gets_a_friendly_413_page_and_the_app_goes_on(app, editor):
    # The body is built here, in memory: the test client would spool it to a temporary file.
    body = (
        b'--B\r\nContent-Disposition: form-data; name="entity"\r\n\r\ncontacts\r\n'
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\nName\r\n" + b"x" * (50 * 1024 * 1024) + b"\r\n--B--\r\n"
    )
    response = editor.post("/imports/", data=body, content_type="multipart/form-data; boundary=B")
    assert response.status_code == 413
    page = text_of(response)
    assert "too large" in page and "10 MB" in page
    assert editor.get("/imports/").status_code == 200
    assert count(app, Contact) == 0


def test_the_import_page_explains_the_columns_and_offers_templates(editor):
    response = editor.get("/imports/")
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    for name in IMPORTABLE:
        assert ", ".join(importable(name).importer.header) in text_of(response)
        assert f'href="/imports/templates/{name}.csv"' in response.text
        assert f'href="/imports/templates/{name}.xlsx"' in response.text


@pytest.mark.parametrize("entity", IMPORTABLE)
def test_templates_hold_exactly_the_documented_columns(client, auth, entity):
    from openpyxl import load_workbook

    auth.login(Role.VIEWER)
    header = importable(entity).importer.header
    with client.get(f"/imports/templates/{entity}.csv") as csv_file:
        assert (
            csv_file.data.decode("utf-8")
            == "\ufeff" + ",".join(f'"{name}"' if "," in name else name for name in header) + "\r\n"
        )
    excel = client.get(f"/imports/templates/{entity}.xlsx")
    sheet = load_workbook(io.BytesIO(excel.data), read_only=True).worksheets[0]
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [header]


def test_viewers_cannot_import(app, viewer):
    assert viewer.get("/imports/").status_code == 403
    refused = upload(viewer, "contacts", csv_bytes([["Name"], ["Viewer was here"]]))
    assert refused.status_code == 403
    assert viewer.post("/imports/confirm", data={"token": "x" * 43}).status_code == 403
    assert viewer.post("/imports/check", data={"token": "x" * 43}).status_code == 403
    assert count(app, Contact) == 0
    assert 'href="/imports/"' not in viewer.get("/").text


def test_editors_find_the_import_in_the_menu(editor):
    assert 'href="/imports/"' in editor.get("/").text


@pytest.fixture
def csrf_client(database_path, upload_folder):
    app = make_app(database_path, WTF_CSRF_ENABLED=True, IMPORT_FOLDER=str(upload_folder))
    client = app.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").text)[1]
    client.post(
        "/login",
        data={"email": USERS[Role.EDITOR], "password": PASSWORD, "csrf_token": token},
    )
    yield app, client
    with app.app_context():
        db.engine.dispose()


def test_import_forms_need_their_csrf_token(csrf_client, upload_folder):
    app, client = csrf_client
    data = csv_bytes([["Name"], ["Forged Person"]])
    assert upload(client, "contacts", data).status_code == 400
    assert not upload_folder.exists() or not list(upload_folder.iterdir())

    page = client.get("/imports/").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    preview = upload(client, "contacts", data, csrf_token=token)
    assert preview.status_code == 200
    fields = hidden_fields(preview.text)
    assert fields["csrf_token"]
    forged = client.post("/imports/confirm", data={**fields, "csrf_token": "forged"})
    assert forged.status_code == 400
    assert count(app, Contact) == 0
    assert client.post("/imports/confirm", data=fields).status_code == 302
    assert count(app, Contact) == 1
