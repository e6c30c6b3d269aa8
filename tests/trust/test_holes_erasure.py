"""Erasure finds the person in every history entry that refers to them, whatever the alphabet of
their name, and leaves every other person's entries exactly as they were."""

import json

import pytest
from pages.helpers import create, edit, make_city, make_contact, make_delegation, make_milestone
from sqlalchemy import String, cast, select

from partnership.extensions import db
from partnership.history.models import Change
from partnership.people.models import Contact


def stored_history(app) -> dict[int, tuple[str, dict]]:
    """Every history entry as (label, changes), by id."""
    with app.app_context():
        return {c.id: (c.label, c.changes) for c in db.session.scalars(select(Change))}


def as_text(history: dict) -> str:
    return json.dumps(list(history.values()), ensure_ascii=False)


def raw_history_text(app) -> str:
    """The history as the database holds it, escapes and all."""
    with app.app_context():
        rows = db.session.execute(select(Change.label, cast(Change.changes, String))).all()
        return "\n".join(f"{label} {changes}" for label, changes in rows)


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in strings_in(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    return []


def add_member(client, delegation: int, contact: int, role: str = "") -> None:
    response = client.post(
        f"/delegations/{delegation}/members", data={"contact_id": contact, "role": role}
    )
    assert response.status_code == 302, response.status_code


def add_participant(client, event: int, contact: int, role: str = "") -> None:
    response = client.post(
        f"/events/{event}/funding/participants",
        data={
            "participant-contact_id": contact,
            "participant-role": role,
            "participant-origin": "international",
        },
    )
    assert response.status_code == 302, response.status_code


def involve(editor, person: int, other: int, cities: tuple[int, int], delegation_name: str):
    """Name `person` in every kind of reference the history keeps, beside `other`."""
    home, partner = cities
    partnership = create(
        editor, "partnerships", home_city_id=home, partner_city_id=partner, coordinator_id=person
    )
    edit(editor, "partnerships", partnership, coordinator_id=other)  # the person is "before"
    delegation = make_delegation(editor, delegation_name, head_id=person)
    add_member(editor, delegation, person, role="Mayor")
    add_member(editor, delegation, other, role="Interpreter")
    meeting = make_milestone(editor, title="Round table on water supply")
    add_participant(editor, meeting, person, role="Speaker")
    add_participant(editor, meeting, other)
    return partnership, delegation


def erase(admin, person: int) -> None:
    assert admin.post(f"/contacts/{person}/erase").status_code == 302


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Jürgen Müller", ("Jürgen", "Müller", "J\\u00fcrgen", "M\\u00fcller")),
        (
            "Світлана Ольшанська",
            ("Світлана", "Ольшанська", "\\u0421\\u0432\\u0456", "\\u041e\\u043b\\u044c"),
        ),
    ],
)
def test_a_name_in_any_alphabet_leaves_no_trace_in_the_history(app, editor, admin, name, parts):
    person = make_contact(editor, name, email="person@example.org")
    other = make_contact(editor, "Olena Kovalenko")
    cities = (make_city(editor, "Dortmund", "DE"), make_city(editor, "Zhytomyr"))
    partnership, delegation = involve(editor, person, other, cities, "Delegation of Zhytomyr")
    assert name in as_text(stored_history(app))

    erase(admin, person)

    decoded = as_text(stored_history(app))
    raw = raw_history_text(app)
    for part in parts:
        assert part not in decoded, part
        assert part not in raw, part
    erased = f"Erased person {person}"
    for area, record in (("partnerships", partnership), ("delegations", delegation)):
        entity = {"partnerships": "Partnership", "delegations": "Delegation"}[area]
        shown = editor.get(f"/history/{entity}/{record}").get_data(as_text=True)
        assert erased in shown, area
        assert "Olena Kovalenko" in shown, area  # the other person stays named
    assert "Mayor" not in decoded  # their role in the delegation went too


def refers_to(entry, name: str) -> bool:
    """Whether an entry names `name` as a whole value (or as a member with a role)."""
    return any(text == name or text.startswith(f"{name} (") for text in strings_in(list(entry)))


def own_entries(app, contact: int) -> set[int]:
    with app.app_context():
        query = select(Change.id).where(Change.entity == "Contact", Change.entity_id == contact)
        return set(db.session.scalars(query))


def test_erasing_anna_leaves_annaberg_and_anna_lena_alone(app, editor, admin):
    anna = make_contact(editor, "Anna")
    anna_lena = make_contact(editor, "Anna-Lena Vogt")
    cities = (make_city(editor, "Annaberg-Buchholz", "DE"), make_city(editor, "Annaba", "DZ"))
    involve(editor, anna, anna_lena, cities, "Delegation of Annaberg")
    before = stored_history(app)
    naming_anna = own_entries(app, anna) | {k for k, e in before.items() if refers_to(e, "Anna")}

    erase(admin, anna)

    after = stored_history(app)
    changed = {key for key in before if before[key] != after[key]}
    assert changed == naming_anna
    assert not [key for key, entry in after.items() if refers_to(entry, "Anna")]
    for kept in ("Annaberg-Buchholz", "Delegation of Annaberg", "Anna-Lena Vogt", "Annaba"):
        assert as_text(after).count(kept) == as_text(before).count(kept), kept


def test_a_namesake_keeps_their_entries(app, editor, admin):
    """Two people share a name; erasing one changes nothing that names the other."""
    first = make_contact(editor, "Olena Kovalenko", email="olena.k@kharkiv.example")
    # A namesake: the form warns of the first Olena until told this is someone else.
    second = make_contact(
        editor, "Olena Kovalenko", email="o.kovalenko@lviv.example", not_duplicate=True
    )
    home, partner = make_city(editor, "Dortmund", "DE"), make_city(editor, "Lviv")
    partnership = create(
        editor, "partnerships", home_city_id=home, partner_city_id=partner, coordinator_id=second
    )
    delegation = make_delegation(editor, "Delegation of Lviv", head_id=second)
    add_member(editor, delegation, first, role="Mayor")
    add_member(editor, delegation, second, role="Interpreter")
    before = stored_history(app)
    naming_first = own_entries(app, first) | {
        key for key, entry in before.items() if "Olena Kovalenko (Mayor)" in strings_in(entry[1])
    }

    erase(admin, first)

    after = stored_history(app)
    assert {key for key in before if before[key] != after[key]} == naming_first
    for entity, record in (("Partnership", partnership), ("Delegation", delegation)):
        shown = editor.get(f"/history/{entity}/{record}").get_data(as_text=True)
        assert "Olena Kovalenko" in shown, entity  # the second Olena coordinates and heads
    assert "Olena Kovalenko (Interpreter)" in as_text(after)
    assert "Olena Kovalenko (Mayor)" not in as_text(after)
    with app.app_context():
        assert db.session.get(Contact, second).name == "Olena Kovalenko"


def forget_ids(app) -> None:
    """Make every entry look as it was written before ids were kept beside the names."""
    with app.app_context():
        for change in db.session.scalars(select(Change)):
            change.changes = {k: v for k, v in change.changes.items() if not k.startswith("_")}
        db.session.commit()


def test_older_entries_without_ids_are_matched_by_the_whole_name(app, editor, admin):
    person = make_contact(editor, "Jürgen Müller")
    other = make_contact(editor, "Anna-Lena Vogt")
    cities = (make_city(editor, "Annaberg-Buchholz", "DE"), make_city(editor, "Zhytomyr"))
    involve(editor, person, other, cities, "Delegation of Jürgen Müller's town")
    forget_ids(app)
    before = stored_history(app)

    erase(admin, person)

    after = stored_history(app)
    assert not [key for key, entry in after.items() if refers_to(entry, "Jürgen Müller")]
    # Free text that merely contains the name is not a reference to the person.
    assert as_text(after).count("Delegation of Jürgen Müller's town") == as_text(before).count(
        "Delegation of Jürgen Müller's town"
    )
    assert as_text(after).count("Anna-Lena Vogt") == as_text(before).count("Anna-Lena Vogt")


def test_older_entries_are_left_alone_when_someone_else_has_the_name(app, editor, admin):
    first = make_contact(editor, "Olena Kovalenko", email="olena.k@kharkiv.example")
    # A namesake: the form warns of the first Olena until told this is someone else.
    second = make_contact(
        editor, "Olena Kovalenko", email="o.kovalenko@lviv.example", not_duplicate=True
    )
    cities = (make_city(editor, "Dortmund", "DE"), make_city(editor, "Lviv"))
    involve(editor, second, first, cities, "Delegation of Lviv")
    forget_ids(app)
    naming_second = {k for k, e in stored_history(app).items() if refers_to(e, "Olena Kovalenko")}

    erase(admin, first)

    after = stored_history(app)
    assert naming_second - own_entries(app, first)
    for key in naming_second - own_entries(app, first):
        assert refers_to(after[key], "Olena Kovalenko"), key
