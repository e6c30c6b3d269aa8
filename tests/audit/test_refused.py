"""Every refused request is in the audit log with its path, status and user."""

import logging
from datetime import timedelta

import pytest
from conftest import USERS, make_app
from flask import abort
from sqlalchemy import select, text, update

from partnership.audit.models import AuditAction
from partnership.auth.models import Role
from partnership.auth.sessions import UserSession, utcnow
from partnership.extensions import db
from partnership.partners.models import City

from .conftest import all_entries, logged_in

REFUSED = AuditAction.REFUSED


def test_a_viewer_on_an_admin_page_is_recorded_with_path_and_status(app, viewer, entries):
    assert viewer.get("/users/?sort=email").status_code == 403
    [entry] = entries(REFUSED)
    assert entry.path == "/users/?sort=email"
    assert entry.status == 403
    assert entry.actor == USERS[Role.VIEWER]
    assert entry.user_id is not None
    assert entry.address == "127.0.0.1"


def test_a_refused_post_is_recorded(app, viewer, entries):
    assert viewer.post("/cities/new", data={"name": "Lviv"}).status_code == 403
    assert [(e.path, e.status) for e in entries(REFUSED)] == [("/cities/new", 403)]


def test_every_refusal_is_one_entry(app, editor, entries):
    for url in ("/audit/", "/history/", "/archive/"):
        assert editor.get(url).status_code == 403
    assert [e.path for e in entries(REFUSED)] == ["/audit/", "/history/", "/archive/"]


def test_an_anonymous_visitor_sent_to_the_login_is_not_recorded(client, entries):
    # Being sent to log in is how every visit starts; only refusals of a known user count.
    response = client.get("/contacts/")
    assert response.status_code == 302
    assert entries(REFUSED) == []


def test_pages_opened_are_not_recorded(app, viewer, entries):
    assert viewer.get("/cities/").status_code == 200
    assert entries(REFUSED) == []


def test_a_failed_login_is_one_entry_of_its_own(client, entries):
    response = client.post("/login", data={"email": "nobody@example.org", "password": "x" * 12})
    assert response.status_code == 401
    assert [e.action for e in entries()[-1:]] == [AuditAction.LOGIN_FAILED]
    assert entries(REFUSED) == []


@pytest.mark.parametrize("how", ["ended", "idle"])
def test_an_ended_or_expired_session_is_recorded_once(app, entries, how):
    browser = logged_in(app, Role.EDITOR)
    long_ago = utcnow() - timedelta(days=2)
    values = {"ended_at": utcnow()} if how == "ended" else {"last_seen_at": long_ago}
    with app.app_context():
        db.session.execute(update(UserSession).values(**values))
        db.session.commit()
    response = browser.get("/cities/")
    assert response.status_code == 302
    [entry] = entries(REFUSED)
    assert entry.detail == "session ended"
    assert entry.path == "/cities/"
    assert entry.actor == USERS[Role.EDITOR]
    # The browser is anonymous from now on: following the redirect writes nothing more.
    assert browser.get(response.headers["Location"]).status_code == 200
    assert browser.get("/cities/").status_code == 302
    assert len(entries(REFUSED)) == 1


def test_half_done_work_of_a_refused_request_is_not_committed(database_path):
    app = make_app(database_path)

    def adds_then_refuses():
        db.session.add(City(name="Half-done", country_code="UA"))
        db.session.flush()
        abort(403)

    app.add_url_rule("/test/half-done", "half_done", adds_then_refuses)
    browser = logged_in(app, Role.EDITOR)
    assert browser.get("/test/half-done").status_code == 403
    with app.app_context():
        assert db.session.scalars(select(City).where(City.name == "Half-done")).first() is None
    assert [e.path for e in all_entries(app, REFUSED)] == ["/test/half-done"]
    with app.app_context():
        db.engine.dispose()


def test_an_unwritable_log_does_not_break_the_answer(app, viewer, caplog):
    with app.app_context():
        db.session.execute(text("DROP TABLE audit_entry"))
        db.session.commit()
    with caplog.at_level(logging.WARNING, logger="partnership.audit.hooks"):
        response = viewer.get("/users/")
    assert response.status_code == 403
    warnings = [r for r in caplog.records if r.name == "partnership.audit.hooks"]
    assert len(warnings) == 1
    assert "\n" not in warnings[0].getMessage()
    assert "/users/" in warnings[0].getMessage()
