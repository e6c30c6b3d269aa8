"""Creating or importing a record that is likely already there warns and names it."""

from imports.import_helpers import csv_bytes, text_of, upload
from page_reader import page
from pages.helpers import fill, id_of
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from partnership.extensions import db
from partnership.partners.models import City
from partnership.people.models import Contact


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_new_contact_like_one_already_there_is_saved_only_once_confirmed(app, editor, demo):
    svitlana = id_of(app, Contact, name="Svitlana Olshanska")
    before = count(app, Contact)
    typed = {"name": "Світлана Ольшанська", "role_title": "Deputy mayor", "email": "so@example.org"}

    warned = editor.post("/contacts/new", data=typed)
    assert warned.status_code == 422
    shown = page(warned)
    assert shown.links_to(f"/contacts/{svitlana}")
    assert "may already be there" in shown.text
    # What was typed is kept, and nothing is saved until the user says it is someone else.
    assert shown.field("name").value == "Світлана Ольшанська"
    assert shown.field("not_duplicate").type == "checkbox"
    assert count(app, Contact) == before

    confirmed = MultiDict(fill(shown.form().data(), {"not_duplicate": True}))
    saved = editor.post("/contacts/new", data=confirmed)
    assert saved.status_code == 302
    assert count(app, Contact) == before + 1


def test_a_city_under_another_name_warns_and_a_new_one_does_not(app, editor, demo):
    zhytomyr = id_of(app, City, name="Zhytomyr")
    warned = editor.post("/cities/new", data={"name": "Schytomyr", "country_code": "UA"})
    assert warned.status_code == 422
    assert page(warned).links_to(f"/cities/{zhytomyr}")
    created = editor.post("/cities/new", data={"name": "Lviv", "country_code": "UA"})
    assert created.status_code == 302


def test_editing_a_record_never_warns(app, editor, demo):
    fabian = id_of(app, Contact, name="Fabian Zeuch")
    response = editor.post(f"/contacts/{fabian}/edit", data={"name": "Fabian Zeuch", "version": 1})
    assert response.status_code == 302


def test_the_import_preview_warns_of_a_row_that_repeats_a_contact(app, editor, demo):
    rows = [
        ["Name", "E-Mail"],
        ["Anna Neu", "anna@example.org"],
        ["Світлана Ольшанська", "olshanska@example.org"],
    ]
    preview = upload(editor, "contacts", csv_bytes(rows))
    assert preview.status_code == 200
    text = text_of(preview)
    assert "Row 3 may repeat a record already there: “Svitlana Olshanska”" in text
    assert "Row 2 may repeat" not in text
    # A warning does not stop the import.
    assert "Import 2 new and 0 changed records" in text
