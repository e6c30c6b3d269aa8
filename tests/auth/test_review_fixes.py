"""What a security review asked of sessions, the audit log and the account page."""

from conftest import PASSWORD, USERS, logged_in
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.audit.services import clean
from partnership.auth.models import Role, User
from partnership.extensions import db

from .test_sessions import is_logged_in


def audit_entries(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def feed_address(client) -> str:
    page = client.get("/timeline/").get_data(as_text=True)
    start = page.index("/timeline/feed/")
    return page[start : page.index(".ics", start) + 4]


def test_a_restore_ends_the_sessions_the_backup_brought_back(app, runner, tmp_path):
    client = logged_in(app)
    backup = tmp_path / "backup.sqlite"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    result = runner.invoke(args=["restore", str(backup), "--yes"])
    assert result.exit_code == 0, result.output
    assert "session(s) from the backup ended" in result.output
    assert not is_logged_in(client)


def test_logging_out_everywhere_gives_the_calendar_feed_a_new_address(app):
    client = logged_in(app, Role.VIEWER)
    old_feed = feed_address(client)
    assert app.test_client().get(old_feed).status_code == 200
    client.post("/account/end-sessions")
    assert app.test_client().get(old_feed).status_code == 404
    new_feed = feed_address(logged_in(app, Role.VIEWER))
    assert new_feed != old_feed


def test_a_role_change_keeps_the_calendar_feed_address(app):
    client = logged_in(app, Role.VIEWER)
    feed = feed_address(client)
    admin = logged_in(app, Role.ADMIN)
    with app.app_context():
        viewer = db.session.scalar(select(User).where(User.email == USERS[Role.VIEWER]))
        form = {"email": viewer.email, "name": viewer.name, "role": "editor", "active": "y"}
        viewer_id = viewer.id
    assert admin.post(f"/users/{viewer_id}/edit", data=form).status_code == 302
    assert app.test_client().get(feed).status_code == 200


def test_a_wrong_current_password_is_audited_and_counted_like_a_failed_login(app):
    client = logged_in(app, Role.VIEWER)
    new = "another long password"
    wrong = {"current": "a wrong guess", "new": new, "repeat": new}
    for _ in range(app.config["LOGIN_ATTEMPTS_PER_ACCOUNT"]):
        assert client.post("/account/password", data=wrong).status_code == 422
    failures = audit_entries(app, "login-failed")
    assert len(failures) == app.config["LOGIN_ATTEMPTS_PER_ACCOUNT"]
    assert all("a wrong guess" not in entry.detail for entry in failures)
    # Locked now: even the right current password is not tried.
    right = {"current": PASSWORD, "new": new, "repeat": new}
    page = client.post("/account/password", data=right).get_data(as_text=True)
    assert "Too many failed attempts" in page
    assert is_logged_in(client)


def test_a_user_made_on_the_command_line_is_audited_as_the_command_line(app, runner):
    result = runner.invoke(
        args=["users", "create", "cli-made@example.org", "--role", "editor"],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    (entry,) = [e for e in audit_entries(app, "user-created") if "cli-made" in e.detail]
    assert entry.actor == "command line"


def test_bidirectional_overrides_cannot_disguise_an_entry():
    assert clean("admin\u202eevil", 100) == "admin\\u202eevil"
    assert clean("line\nbreak", 100) == "line\\x0abreak"


def test_the_last_day_there_is_filters_without_an_error(app):
    admin = logged_in(app, Role.ADMIN)
    assert admin.get("/audit/?to=9999-12-31").status_code == 200
    assert admin.get("/audit/audit.csv?to=9999-12-31").status_code == 200
    assert admin.get("/history/?to=9999-12-31").status_code == 200
