"""Sessions end for real: a cookie kept from before opens nothing afterwards."""

from datetime import timedelta

import pytest
from conftest import PASSWORD, USERS, logged_in, make_app
from sqlalchemy import select, update

from partnership.audit.models import AuditEntry
from partnership.auth.models import Role, User
from partnership.auth.sessions import UserSession, utcnow
from partnership.extensions import db


def copy_of(app, client):
    """A second browser holding a copy of `client`'s session cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def is_logged_in(client) -> bool:
    response = client.get("/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200
    return True


def user_id(app, role) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == USERS[role]))


def edit_form(app, who, **changes):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == USERS[who]))
        form = {"email": user.email, "name": user.name, "role": user.role.value, "password": ""}
        if user.active:
            form["active"] = "y"
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def test_a_cookie_copied_before_logout_is_refused_afterwards(app):
    client = logged_in(app)
    thief = copy_of(app, client)
    assert is_logged_in(thief)
    client.post("/logout")
    assert not is_logged_in(client)
    assert not is_logged_in(thief)


def test_logout_is_refused_on_every_worker(app, database_path):
    # A second app on the same database stands for another worker or machine.
    other_worker = make_app(database_path)
    client = logged_in(app)
    on_other_worker = copy_of(other_worker, client)
    assert is_logged_in(on_other_worker)
    client.post("/logout")
    assert not is_logged_in(on_other_worker)
    with other_worker.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    "change",
    [
        {"password": "a brand new password"},
        {"active": None},
        {"role": "viewer"},
    ],
    ids=["password reset", "disabled", "role change"],
)
def test_an_admins_change_ends_every_earlier_session(app, change):
    victim = logged_in(app, Role.EDITOR)
    second_device = logged_in(app, Role.EDITOR)
    admin = logged_in(app, Role.ADMIN)
    editor = user_id(app, Role.EDITOR)
    response = admin.post(f"/users/{editor}/edit", data=edit_form(app, Role.EDITOR, **change))
    assert response.status_code == 302
    assert not is_logged_in(victim)
    assert not is_logged_in(second_device)
    assert is_logged_in(admin)


def test_a_name_change_keeps_the_sessions(app):
    editor_client = logged_in(app, Role.EDITOR)
    admin = logged_in(app, Role.ADMIN)
    editor = user_id(app, Role.EDITOR)
    admin.post(f"/users/{editor}/edit", data=edit_form(app, Role.EDITOR, name="Renamed"))
    assert is_logged_in(editor_client)


def test_enabling_a_user_again_does_not_bring_old_sessions_back(app):
    victim = logged_in(app, Role.EDITOR)
    admin = logged_in(app, Role.ADMIN)
    editor = user_id(app, Role.EDITOR)
    admin.post(f"/users/{editor}/edit", data=edit_form(app, Role.EDITOR, active=None))
    admin.post(f"/users/{editor}/edit", data=edit_form(app, Role.EDITOR, active="y"))
    assert not is_logged_in(victim)
    assert is_logged_in(logged_in(app, Role.EDITOR))


def test_a_disabled_user_cannot_log_in(app):
    admin = logged_in(app, Role.ADMIN)
    editor = user_id(app, Role.EDITOR)
    admin.post(f"/users/{editor}/edit", data=edit_form(app, Role.EDITOR, active=None))
    response = app.test_client().post(
        "/login", data={"email": USERS[Role.EDITOR], "password": PASSWORD}
    )
    assert response.status_code == 401


def test_log_me_out_everywhere_ends_every_session_of_the_user(app):
    laptop = logged_in(app, Role.VIEWER)
    phone = logged_in(app, Role.VIEWER)
    someone_else = logged_in(app, Role.EDITOR)
    response = laptop.post("/account/end-sessions")
    assert response.headers["Location"].startswith("/login")
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert is_logged_in(someone_else)


def test_an_admin_logs_any_user_out_everywhere(app):
    victim = logged_in(app, Role.EDITOR)
    admin = logged_in(app, Role.ADMIN)
    response = admin.post(f"/users/{user_id(app, Role.EDITOR)}/end-sessions")
    assert response.status_code == 302
    assert not is_logged_in(victim)
    assert is_logged_in(admin)
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "sessions-ended" in actions


def test_only_admins_end_other_users_sessions(app):
    victim = logged_in(app, Role.VIEWER)
    editor = logged_in(app, Role.EDITOR)
    response = editor.post(f"/users/{user_id(app, Role.VIEWER)}/end-sessions")
    assert response.status_code == 403
    assert is_logged_in(victim)


def test_changing_ones_own_password_ends_every_session(app):
    client = logged_in(app, Role.VIEWER)
    other_device = logged_in(app, Role.VIEWER)
    new = "another long password"
    response = client.post(
        "/account/password", data={"current": PASSWORD, "new": new, "repeat": new}
    )
    assert response.headers["Location"].startswith("/login")
    assert not is_logged_in(client)
    assert not is_logged_in(other_device)
    assert (
        app.test_client()
        .post("/login", data={"email": USERS[Role.VIEWER], "password": new})
        .status_code
        == 302
    )


def test_a_wrong_current_password_changes_nothing(app):
    client = logged_in(app, Role.VIEWER)
    new = "another long password"
    response = client.post(
        "/account/password", data={"current": "not it at all", "new": new, "repeat": new}
    )
    assert response.status_code == 422
    assert "The current password is not right." in response.get_data(as_text=True)
    assert is_logged_in(client)


def test_the_account_page_counts_open_sessions(app):
    client = logged_in(app, Role.VIEWER)
    logged_in(app, Role.VIEWER)
    page = client.get("/account/").get_data(as_text=True)
    assert "2 open sessions, this one included." in page
    assert "Log me out everywhere" in page


def shift_session_clock(app, **columns):
    with app.app_context():
        db.session.execute(update(UserSession).values(**columns))
        db.session.commit()


def test_a_session_ends_after_the_idle_time(app):
    client = logged_in(app)
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    shift_session_clock(app, last_seen_at=utcnow() - idle)
    assert not is_logged_in(client)


def test_a_session_in_use_ends_after_its_lifetime(app):
    client = logged_in(app)
    lifetime = timedelta(hours=app.config["SESSION_LIFETIME_HOURS"], minutes=1)
    shift_session_clock(app, started_at=utcnow() - lifetime)
    assert not is_logged_in(client)


def test_using_a_session_keeps_it_alive(app):
    client = logged_in(app)
    almost_idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] - 1)
    shift_session_clock(app, last_seen_at=utcnow() - almost_idle)
    assert is_logged_in(client)
    with app.app_context():
        last_seen = db.session.scalar(select(UserSession.last_seen_at))
    assert utcnow() - last_seen < timedelta(minutes=1)


def test_idle_and_lifetime_come_from_the_configuration(database_path):
    app = make_app(database_path, SESSION_IDLE_MINUTES=5, SESSION_LIFETIME_HOURS=1)
    client = logged_in(app)
    shift_session_clock(app, last_seen_at=utcnow() - timedelta(minutes=6))
    assert not is_logged_in(client)
    with app.app_context():
        db.engine.dispose()


def test_the_cookie_holds_no_user_data_but_a_key_the_database_knows_only_hashed(app):
    client = logged_in(app)
    with client.session_transaction() as cookie:
        key = cookie["sid"]
    with app.app_context():
        stored = db.session.scalar(select(UserSession.key_hash))
    assert key not in stored
    assert len(stored) == 64
