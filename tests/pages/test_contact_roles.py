"""A contact's roles over time: added and removed on the contact's page, each with its period."""

import json
import re

from sqlalchemy import select

from partnership.extensions import db
from partnership.history.models import Change
from partnership.people.models import Contact, ContactRole

from .helpers import count, make_contact, make_organisation, page, show, submit


def add_role(client, contact_id: int, **fields):
    """Fill the contact page's 'Add a role' form and send it."""
    changes = {f"role-{name}": value for name, value in fields.items()}
    return submit(client, f"/contacts/{contact_id}", changes, f"/contacts/{contact_id}/roles")


def roles_shown(client, contact_id: int) -> list[str]:
    texts = show(client, "contacts", contact_id).texts_by_id
    return [text for key, text in texts.items() if re.fullmatch(r"role-\d+", key)]


def test_roles_are_added_with_their_periods_and_shown_in_date_order(editor, app):
    city = make_organisation(editor, "City of Zhytomyr", kind="city administration")
    contact = make_contact(editor, "Serhii Sukhomlyn")

    for title, since, until in (
        ("Mayor", "2015", "2020"),
        ("Head of the regional council", "März 2021", ""),
        ("Deputy mayor", "2010", "2015"),
    ):
        response = add_role(
            editor, contact, title=title, organisation_id=city, since=since, until=until
        )
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/contacts/{contact}#roles")

    assert roles_shown(editor, contact) == [
        "Deputy mayor, City of Zhytomyr, 2010–2015",
        "Mayor, City of Zhytomyr, 2015–2020",
        "Head of the regional council, City of Zhytomyr, since March 2021",
    ]
    with app.app_context():
        # A current role fills an empty role or title; the office's own words stay otherwise.
        assert db.session.get(Contact, contact).role_title == "Head of the regional council"


def test_a_role_cannot_end_before_it_began_and_nothing_is_lost(editor, app):
    contact = make_contact(editor, "Olena Kovalenko", role_title="Teacher")
    response = add_role(editor, contact, title="Mayor", since="2020", until="Mai 2015")

    assert response.status_code == 422
    form = page(response)
    form.assert_error("role-until", "cannot end before it began")
    assert form.field("role-title").value == "Mayor"
    assert form.field("role-until").value == "Mai 2015"
    missing = add_role(editor, contact, title="", since="2020")
    assert missing.status_code == 422
    assert page(missing).field("role-title").invalid
    with app.app_context():
        assert count(ContactRole) == 0
        assert db.session.get(Contact, contact).role_title == "Teacher"


def test_a_role_is_removed_and_only_editors_change_roles(editor, viewer, app):
    contact = make_contact(editor, "Fabian Zeuch")
    add_role(editor, contact, title="Coordinator", since="2022")
    with app.app_context():
        role = db.session.scalars(select(ContactRole)).one().id

    assert viewer.post(f"/contacts/{contact}/roles/{role}/remove").status_code == 403
    assert "Add a role" not in show(viewer, "contacts", contact).text
    other = make_contact(editor, "Someone Else")
    assert editor.post(f"/contacts/{other}/roles/{role}/remove").status_code == 404

    removed = editor.post(f"/contacts/{contact}/roles/{role}/remove")
    assert removed.status_code == 302
    assert "Role “Coordinator” removed." in show(editor, "contacts", contact).text
    assert roles_shown(editor, contact) == []


def test_a_persons_data_export_lists_their_roles_and_erasure_removes_them(editor, admin, app):
    contact = make_contact(editor, "Svitlana Olshanska")
    add_role(editor, contact, title="Deputy mayor", since="2021", until="2024")
    add_role(editor, contact, title="Coordinator", since="2024")
    with app.app_context():
        gone = db.session.scalars(select(ContactRole).where(ContactRole.title == "Coordinator"))
        coordinator = gone.one().id
    editor.post(f"/contacts/{contact}/roles/{coordinator}/remove")

    report = json.loads(admin.get(f"/contacts/{contact}/data.json").data)
    assert [(r["title"], r["since"], r["until"]) for r in report["roles"]] == [
        ("Deputy mayor", "2021", "2024"),
        ("Coordinator", "2024", ""),
    ], "a removed role is still held, so it is reported"
    assert "Deputy mayor" in admin.get(f"/contacts/{contact}/data").text

    assert admin.post(f"/contacts/{contact}/erase").status_code == 302
    with app.app_context():
        assert db.session.execute(select(ContactRole.__table__)).all() == []
        entries = db.session.scalars(select(Change).where(Change.entity == "ContactRole")).all()
        assert len(entries) >= 3, "adding and removing roles was recorded"
        recorded = " ".join(entry.label + json.dumps(entry.changes) for entry in entries)
        assert "mayor" not in recorded and "Coordinator" not in recorded
