"""Every change is recorded with who made it, shown on the record's History page and, for
admins, in the filterable list of all changes."""

import json
import re
from datetime import datetime

import pytest
from conftest import PASSWORD, USERS
from pages.helpers import (
    delete,
    edit,
    make_city,
    make_milestone,
    make_topic,
    make_visit,
    page,
    show,
    submit,
)
from sqlalchemy import select, update

from partnership.auth.models import Role, User
from partnership.extensions import db
from partnership.history.models import Change

from .conftest import logged_in


def changes(app, entity: str, record_id: int) -> list[Change]:
    """The recorded changes of one record, oldest first."""
    with app.app_context():
        found = db.session.scalars(
            select(Change)
            .where(Change.entity == entity, Change.entity_id == record_id)
            .order_by(Change.id)
        ).all()
        db.session.expunge_all()
        return found


def user_id(app, role: Role) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == USERS[role]))


@pytest.fixture
def visit(editor):
    """A visit to Berdychiv with one topic, created by the editor."""
    city = make_city(editor, "Berdychiv")
    water = make_topic(editor, "Water supply")
    return make_visit(
        editor, city, title="Mayors meet", date="24.–29. September 2023", topic_ids=[water]
    )


def test_creating_a_visit_is_recorded_with_the_editor_and_its_values(app, visit):
    created = changes(app, "Visit", visit)

    assert [c.action for c in created] == ["create"]
    assert created[0].user_id == user_id(app, Role.EDITOR)
    assert created[0].label == "Mayors meet"
    assert created[0].changes["title"] == [None, "Mayors meet"]
    assert created[0].changes["date"] == [None, "24–29 September 2023"]
    assert created[0].changes["topics"] == [None, ["Water supply"]]


def test_editing_records_each_field_before_and_after(app, editor, visit):
    edit(editor, "visits", visit, title="Mayors meet again", date="Oktober 2023")

    change = changes(app, "Visit", visit)[-1]
    assert change.action == "update"
    assert change.user_id == user_id(app, Role.EDITOR)
    assert change.changes["title"] == ["Mayors meet", "Mayors meet again"]
    # The four date columns are one field for a reader, shown as people write dates.
    assert change.changes["date"] == ["24–29 September 2023", "October 2023"]
    assert not {"date_start", "date_end", "date_precision", "version"} & set(change.changes)


def test_an_unchanged_save_records_nothing(app, editor, visit):
    before = len(changes(app, "Visit", visit))

    edit(editor, "visits", visit)

    assert len(changes(app, "Visit", visit)) == before


def test_changing_the_topics_is_recorded(app, editor, visit):
    culture = make_topic(editor, "Culture")

    edit(editor, "visits", visit, topic_ids=[culture])

    topic_changes = [
        c.changes["topics"] for c in changes(app, "Visit", visit)[1:] if "topics" in c.changes
    ]
    assert topic_changes == [[["Water supply"], ["Culture"]]]


def test_archiving_and_restoring_are_recorded_with_who_did_it(app, editor, admin, visit):
    assert delete(editor, "visits", visit).status_code == 302
    assert admin.post(f"/archive/Visit/{visit}/restore").status_code == 302

    archived, restored = changes(app, "Visit", visit)[-2:]
    assert (archived.action, archived.user_id) == ("archive", user_id(app, Role.EDITOR))
    assert (restored.action, restored.user_id) == ("restore", user_id(app, Role.ADMIN))


def test_the_history_page_shows_every_change_newest_first(app, editor, admin, viewer, visit):
    edit(editor, "visits", visit, title="Mayors meet again", date="Oktober 2023")
    delete(editor, "visits", visit)
    admin.post(f"/archive/Visit/{visit}/restore")

    assert show(editor, "visits", visit).links_to(f"/history/Visit/{visit}")
    response = viewer.get(f"/history/Visit/{visit}")

    assert response.status_code == 200
    text = page(response).text
    assert "History of “Mayors meet again”" in text
    badges = re.findall(r'<span class="badge">([^<]+)</span>', response.text)
    assert badges == ["restored", "archived", "changed", "created"], "newest first"
    assert "24–29 September 2023 October 2023" in text
    assert "Mayors meet Mayors meet again" in text
    assert "Editor User" in text and "Admin User" in text


def test_the_history_of_something_unknown_is_404(viewer, visit):
    assert viewer.get("/history/Visit/999999").status_code == 404
    assert viewer.get(f"/history/Nothing/{visit}").status_code == 404


def test_history_values_read_as_text_not_as_program_objects(app, editor, viewer):
    """A city's other names and a visit's host city show as names a person recognises."""
    city = make_city(editor, "Korosten", other_names="uk: Коростень")
    visit = make_visit(editor, city, title="Meeting in Korosten")

    for entity, record_id in (("City", city), ("Visit", visit)):
        text = page(viewer.get(f"/history/{entity}/{record_id}")).text
        assert "<CityName" not in text and "pending" not in text, text
        assert "['" not in text, text
    assert "Korosten" in page(viewer.get(f"/history/Visit/{visit}")).text.split("Host city")[1]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_the_list_of_all_changes_is_for_admins_only(app, role):
    assert logged_in(app, role).get("/history/").status_code == 403


def history_labels(admin, **filters) -> str:
    response = admin.get("/history/", query_string=filters)
    assert response.status_code == 200
    return page(response).text.split("Filter", 1)[1]


def test_each_filter_of_the_list_of_all_changes(app, editor, admin):
    city = make_city(editor, "Korosten")
    milestone = make_milestone(editor, title="Council votes")
    make_topic(admin, "Sister schools")
    delete(editor, "milestones", milestone)
    with app.app_context():
        db.session.execute(
            update(Change)
            .where(Change.entity == "City", Change.entity_id == city)
            .values(at=datetime(2020, 3, 15, 10, 0))
        )
        db.session.commit()

    everything = history_labels(admin)
    assert all(name in everything for name in ("Korosten", "Council votes", "Sister schools"))

    by_entity = history_labels(admin, entity="Milestone")
    assert "Council votes" in by_entity and "Korosten" not in by_entity

    by_user = history_labels(admin, user=user_id(app, Role.ADMIN))
    assert "Sister schools" in by_user
    assert "Council votes" not in by_user and "Korosten" not in by_user

    archived = history_labels(admin, action="archive")
    assert "Council votes" in archived
    assert "Korosten" not in archived and "Sister schools" not in archived

    in_march_2020 = history_labels(admin, **{"from": "2020-03-01", "to": "2020-03-31"})
    assert "Korosten" in in_march_2020
    assert "Council votes" not in in_march_2020 and "Sister schools" not in in_march_2020
    since_2021 = history_labels(admin, **{"from": "2021-01-01"})
    assert "Korosten" not in since_2021 and "Council votes" in since_2021
    until_2020 = history_labels(admin, to="2020-12-31")
    assert "Korosten" in until_2020 and "Council votes" not in until_2020


def test_a_password_change_shows_as_changed_and_never_as_a_value(app, admin, viewer):
    viewer_id = user_id(app, Role.VIEWER)
    new_password = "a much newer passphrase"
    with app.app_context():
        old_hash = db.session.get(User, viewer_id).password_hash

    response = submit(admin, f"/users/{viewer_id}/edit", {"password": new_password})
    assert response.status_code == 302

    recorded = changes(app, "User", viewer_id)
    stored = json.dumps([c.changes for c in recorded], ensure_ascii=False)
    assert new_password not in stored and PASSWORD not in stored and old_hash not in stored
    with app.app_context():
        new_hash = db.session.get(User, viewer_id).password_hash
    assert new_hash not in stored
    text = page(admin.get(f"/history/User/{viewer_id}")).text
    assert new_password not in text and new_hash not in text
    # The change itself is recorded, by whom, without its value.
    assert recorded and recorded[-1].user_id == user_id(app, Role.ADMIN)
    assert "(changed)" in json.dumps(recorded[-1].changes), recorded[-1].changes
    assert "(changed)" in text
