"""Admins manage the users: create, refuse bad input, change roles, keep one admin."""

import re

import pytest
from conftest import PASSWORD, USERS
from sqlalchemy import func, select

from partnership.auth.models import Role, User
from partnership.extensions import db

NEW_PASSWORD = "Tulpen-im-Westfalenpark-7"


def user_by_email(app, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == email)).first()
        if user is not None:
            db.session.expunge(user)
        return user


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def field_error(html: str, field_id: str) -> str:
    """Return the error shown right after the field's input, failing when there is none."""
    match = re.search(
        rf'<input[^>]*\bid="{field_id}"[^>]*>\s*<p class="error" id="{field_id}-error">(.*?)</p>',
        html,
        re.DOTALL,
    )
    assert match, f"no error next to the field {field_id}"
    return match.group(1).strip()


def new_user_form(**changes) -> dict:
    return {
        "email": "anna.schmidt@example.org",
        "name": "Anna Schmidt",
        "role": "editor",
        "active": "y",
        "password": NEW_PASSWORD,
        **changes,
    }


def edit_form(user: User, **changes) -> dict:
    data = {"email": user.email, "name": user.name, "role": user.role.value, "password": ""}
    if user.active:
        data["active"] = "y"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_admin_creates_a_user_with_a_hashed_password(client, auth, app):
    auth.login(Role.ADMIN)
    response = client.post("/users/new", data=new_user_form())
    assert response.status_code == 302
    assert response.headers["Location"] == "/users/"
    assert "anna.schmidt@example.org" in client.get("/users/").text

    user = user_by_email(app, "anna.schmidt@example.org")
    assert user is not None
    assert user.name == "Anna Schmidt"
    assert user.role == Role.EDITOR
    assert user.active
    assert user.password_hash != NEW_PASSWORD
    assert NEW_PASSWORD not in user.password_hash
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(NEW_PASSWORD.lower())


def test_created_user_can_log_in_with_the_role_given(auth, app):
    auth.login(Role.ADMIN)
    auth._client.post("/users/new", data=new_user_form(role="viewer"))
    other = app.test_client()
    response = other.post(
        "/login", data={"email": "anna.schmidt@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert "Anna Schmidt" in other.get("/").text
    assert other.get("/cities/new").status_code == 403


def test_short_password_is_refused_next_to_the_field(client, auth, app):
    auth.login(Role.ADMIN)
    before = user_count(app)
    response = client.post("/users/new", data=new_user_form(password="kurz-123"))
    assert response.status_code == 422
    assert "10" in field_error(response.text, "password")
    assert 'value="anna.schmidt@example.org"' in response.text
    assert "kurz-123" not in response.text
    assert user_count(app) == before
    assert user_by_email(app, "anna.schmidt@example.org") is None


def test_missing_password_is_refused_for_a_new_user(client, auth, app):
    auth.login(Role.ADMIN)
    before = user_count(app)
    response = client.post("/users/new", data=new_user_form(password=""))
    assert response.status_code == 422
    assert field_error(response.text, "password")
    assert user_count(app) == before


@pytest.mark.parametrize("typed", [USERS[Role.VIEWER], USERS[Role.VIEWER].upper()])
def test_duplicate_email_is_refused_next_to_the_field(client, auth, app, typed):
    auth.login(Role.ADMIN)
    before = user_count(app)
    response = client.post("/users/new", data=new_user_form(email=typed))
    assert response.status_code == 422
    assert "exists already" in field_error(response.text, "email")
    assert f'value="{typed}"' in response.text
    assert NEW_PASSWORD not in response.text
    assert user_count(app) == before
    viewer = user_by_email(app, USERS[Role.VIEWER])
    assert viewer.role == Role.VIEWER
    assert viewer.check_password(PASSWORD)


def test_invalid_email_is_refused(client, auth, app):
    auth.login(Role.ADMIN)
    before = user_count(app)
    response = client.post("/users/new", data=new_user_form(email="not an address"))
    assert response.status_code == 422
    assert field_error(response.text, "email")
    assert user_count(app) == before


def test_admin_changes_a_role_and_keeps_the_password(client, auth, app):
    auth.login(Role.ADMIN)
    viewer = user_by_email(app, USERS[Role.VIEWER])
    response = client.post(f"/users/{viewer.id}/edit", data=edit_form(viewer, role="editor"))
    assert response.status_code == 302
    changed = user_by_email(app, USERS[Role.VIEWER])
    assert changed.role == Role.EDITOR
    assert changed.password_hash == viewer.password_hash
    assert changed.check_password(PASSWORD)

    other = app.test_client()
    other.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})
    assert other.get("/cities/new").status_code == 200


def test_admin_sets_a_new_password(client, auth, app):
    auth.login(Role.ADMIN)
    editor = user_by_email(app, USERS[Role.EDITOR])
    response = client.post(
        f"/users/{editor.id}/edit", data=edit_form(editor, password=NEW_PASSWORD)
    )
    assert response.status_code == 302
    changed = user_by_email(app, USERS[Role.EDITOR])
    assert changed.check_password(NEW_PASSWORD)
    assert not changed.check_password(PASSWORD)
    assert changed.password_hash != NEW_PASSWORD


def test_edit_form_does_not_show_the_password_or_its_hash(client, auth, app):
    auth.login(Role.ADMIN)
    editor = user_by_email(app, USERS[Role.EDITOR])
    response = client.get(f"/users/{editor.id}/edit")
    assert response.status_code == 200
    assert f'value="{editor.email}"' in response.text
    assert editor.password_hash not in response.text
    assert re.search(r'<input[^>]*id="password"[^>]*value=""', response.text)


@pytest.mark.parametrize(
    "change",
    [{"role": "editor"}, {"role": "viewer"}, {"active": None}],
    ids=["demote-to-editor", "demote-to-viewer", "deactivate"],
)
def test_last_active_admin_cannot_be_demoted_or_deactivated(client, auth, app, change):
    auth.login(Role.ADMIN)
    admin = user_by_email(app, USERS[Role.ADMIN])
    response = client.post(f"/users/{admin.id}/edit", data=edit_form(admin, **change))
    assert response.status_code == 422
    assert "last active admin" in response.text
    unchanged = user_by_email(app, USERS[Role.ADMIN])
    assert unchanged.role == Role.ADMIN
    assert unchanged.active
    assert client.get("/users/").status_code == 200


def test_an_inactive_admin_does_not_count_as_the_other_admin(client, auth, app):
    auth.login(Role.ADMIN)
    viewer = user_by_email(app, USERS[Role.VIEWER])
    client.post(f"/users/{viewer.id}/edit", data=edit_form(viewer, role="admin", active=None))
    assert user_by_email(app, USERS[Role.VIEWER]).role == Role.ADMIN
    admin = user_by_email(app, USERS[Role.ADMIN])
    response = client.post(f"/users/{admin.id}/edit", data=edit_form(admin, role="editor"))
    assert response.status_code == 422
    assert user_by_email(app, USERS[Role.ADMIN]).role == Role.ADMIN


def test_an_admin_can_step_down_once_there_is_another(client, auth, app):
    auth.login(Role.ADMIN)
    editor = user_by_email(app, USERS[Role.EDITOR])
    promoted = client.post(f"/users/{editor.id}/edit", data=edit_form(editor, role="admin"))
    assert promoted.status_code == 302
    admin = user_by_email(app, USERS[Role.ADMIN])
    response = client.post(f"/users/{admin.id}/edit", data=edit_form(admin, role="editor"))
    assert response.status_code == 302
    assert user_by_email(app, USERS[Role.ADMIN]).role == Role.EDITOR
    # A role change ends the sessions opened under the old role; as an editor, the user
    # pages are closed after the next login.
    assert client.get("/users/").headers["Location"].startswith("/login")
    auth.login(Role.ADMIN)
    assert client.get("/users/").status_code == 403


def test_email_of_another_user_is_refused_on_edit(client, auth, app):
    auth.login(Role.ADMIN)
    editor = user_by_email(app, USERS[Role.EDITOR])
    response = client.post(
        f"/users/{editor.id}/edit", data=edit_form(editor, email=USERS[Role.VIEWER])
    )
    assert response.status_code == 422
    assert "exists already" in response.text
    assert user_by_email(app, USERS[Role.EDITOR]) is not None


def test_unknown_user_is_404(client, auth):
    auth.login(Role.ADMIN)
    assert client.get("/users/9999/edit").status_code == 404
