"""Two people editing the same record: the second save never overwrites the first silently."""

import pytest
from pages.helpers import make_city, page
from sqlalchemy import event, func, select, text
from werkzeug.datastructures import MultiDict

from partnership.auth.models import Role
from partnership.extensions import db
from partnership.history.models import Change
from partnership.partners.models import City

from .conftest import logged_in

CONFLICT = "Someone else saved this record while you were editing it"


def edit_form(client, city: int):
    """Open the edit page and return its form, as the browser holds it."""
    response = client.get(f"/cities/{city}/edit")
    assert response.status_code == 200
    return page(response).form("")


def send(client, city: int, form, **typed):
    data = [(name, value) for name, value in form.data() if name not in typed]
    data += list(typed.items())
    return client.post(f"/cities/{city}/edit", data=MultiDict(data))


def stored(app, city: int) -> dict:
    with app.app_context():
        row = db.session.get(City, city)
        return {"region": row.region, "notes": row.notes, "version": row.version}


def change_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Change))


@pytest.fixture
def city(editor):
    return make_city(editor, "Vinnytsia", country_code="UA", region="Vinnytsia Oblast")


@pytest.fixture
def second_editor(app):
    return logged_in(app, Role.EDITOR)


def test_the_second_save_shows_both_versions_and_keeps_its_input(app, editor, second_editor, city):
    first_form = edit_form(editor, city)
    second_form = edit_form(second_editor, city)
    assert ("version", str(stored(app, city)["version"])) in first_form.data()

    assert send(editor, city, first_form, region="Podillia").status_code == 302
    after_first = stored(app, city)
    changes_after_first = change_count(app)

    response = send(
        second_editor, city, second_form, region="Vinnytsia region", notes="Met the mayor twice"
    )

    assert response.status_code == 409
    conflict = page(response)
    assert CONFLICT in conflict.text
    assert "Region Podillia Vinnytsia region" in conflict.text
    assert "Notes Met the mayor twice" in conflict.text
    assert conflict.field("region").value == "Vinnytsia region"
    assert conflict.field("notes").value == "Met the mayor twice"
    assert conflict.field("name").value == "Vinnytsia"
    assert ("version", str(after_first["version"])) in conflict.form("").data()
    assert stored(app, city) == after_first, "nothing of the second person's was saved"
    assert change_count(app) == changes_after_first

    again = second_editor.post(f"/cities/{city}/edit", data=MultiDict(conflict.form("").data()))

    assert again.status_code == 302
    final = stored(app, city)
    assert (final["region"], final["notes"]) == ("Vinnytsia region", "Met the mayor twice")
    assert final["version"] == after_first["version"] + 1


def test_saving_twice_from_the_same_form_is_a_conflict_too(app, editor, city):
    """A form submitted twice (a second tab, the back button) cannot undo the first save."""
    form = edit_form(editor, city)
    assert send(editor, city, form, region="Podillia").status_code == 302

    response = send(editor, city, form, region="Old value from the back button")

    assert response.status_code == 409
    assert stored(app, city)["region"] == "Podillia"


def test_a_save_from_the_current_version_goes_through(app, editor, second_editor, city):
    assert send(editor, city, edit_form(editor, city), region="Podillia").status_code == 302

    response = send(second_editor, city, edit_form(second_editor, city), notes="Fresh")

    assert response.status_code == 302
    assert stored(app, city)["region"] == "Podillia"
    assert stored(app, city)["notes"] == "Fresh"


def test_a_race_between_the_check_and_the_write_is_a_conflict_not_an_error(app, editor, city):
    """Another save lands after the version check but before the UPDATE (two requests racing):
    the UPDATE's own version check notices, and the user sees the conflict page."""
    form = edit_form(editor, city)
    before = stored(app, city)
    changes_before = change_count(app)

    def someone_else_saves(_mapper, connection, target):
        connection.execute(
            text("UPDATE city SET version = version + 1 WHERE id = :id"), {"id": target.id}
        )

    event.listen(City, "before_update", someone_else_saves)
    try:
        response = send(editor, city, form, region="Podillia")
    finally:
        event.remove(City, "before_update", someone_else_saves)

    assert response.status_code == 409
    conflict = page(response)
    assert CONFLICT in conflict.text
    assert conflict.field("region").value == "Podillia"
    assert stored(app, city) == before
    assert change_count(app) == changes_before
