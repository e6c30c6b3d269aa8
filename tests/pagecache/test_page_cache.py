"""Pages kept for a few seconds: served again to their user only, never after that user's own
change, with this session's CSRF token and a new one-time key in every copy."""

import re

import pytest
from conftest import PASSWORD, USERS, make_app
from sql_counting import statements_during
from sqlalchemy import select

from partnership.auth.models import Role
from partnership.events.models import Milestone
from partnership.extensions import db

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ONCE = re.compile(r'name="once_key" value="([^"]+)"')


@pytest.fixture
def kept_app(database_path):
    app = make_app(database_path, PAGE_CACHE_SECONDS=60, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()


def browser(app, role=Role.EDITOR):
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    answer = client.post(
        "/login", data={"email": USERS[role], "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302
    client.get("/milestones/")  # the page that shows the login's flashed welcome, if any
    return client


def statements_of(app, action):
    """The answer of `action` and the statements it sent."""
    answers = []
    sent = statements_during(app, lambda: answers.append(action()))
    return answers[0], [statement for statement, _parameters in sent]


def test_a_page_read_again_is_served_kept_after_the_session_check_alone(kept_app):
    reader = browser(kept_app)
    first, drawn = statements_of(kept_app, lambda: reader.get("/timeline/"))
    again, sent = statements_of(kept_app, lambda: reader.get("/timeline/"))
    _, trivial = statements_of(kept_app, lambda: reader.get("/.well-known/security.txt"))
    assert first.status_code == again.status_code == 200
    assert "Age" not in first.headers and again.headers["Age"] == "0"
    # The session check as for the app's trivial page; the timeline itself ran no query.
    assert len(sent) == len(trivial) < len(drawn)
    assert again.headers["Cache-Control"] == "no-store"  # the security headers as on any page
    assert TOKEN.sub("", first.get_data(as_text=True)) == TOKEN.sub(
        "", again.get_data(as_text=True)
    )


def test_a_users_own_change_shows_at_once_and_a_colleagues_within_the_window(kept_app):
    writer, colleague = browser(kept_app), browser(kept_app, Role.ADMIN)
    assert b"Kept-page test milestone" not in writer.get("/milestones/").data
    colleague.get("/milestones/")  # kept for the colleague
    page = writer.get("/milestones/new").get_data(as_text=True)
    answer = writer.post(
        "/milestones/new",
        data={
            "title": "Kept-page test milestone",
            "date": "Q3 2024",
            "milestone_kind": "meeting",
            "csrf_token": TOKEN.search(page).group(1),
            "once_key": ONCE.search(page).group(1),
        },
    )
    assert answer.status_code == 302
    writer.get(answer.headers["Location"])  # the flashed confirmation is shown there
    assert b"Kept-page test milestone" in writer.get("/milestones/").data
    stale = colleague.get("/milestones/")
    assert "Age" in stale.headers and b"Kept-page test milestone" not in stale.data


def test_a_kept_page_is_served_to_its_user_only(kept_app):
    editor, viewer = browser(kept_app), browser(kept_app, Role.VIEWER)
    editor.get("/cities/")
    for_editor, for_viewer = editor.get("/cities/"), viewer.get("/cities/")
    assert "Age" in for_editor.headers and "Age" not in for_viewer.headers
    assert b'href="/cities/new"' in for_editor.data
    assert b'href="/cities/new"' not in for_viewer.data  # a viewer may not add one


def test_every_copy_of_a_create_form_has_its_sessions_token_and_a_key_of_its_own(kept_app):
    first, second = browser(kept_app), browser(kept_app)
    forms = [
        first.get("/milestones/new"),
        first.get("/milestones/new"),
        second.get("/milestones/new"),
    ]
    texts = [form.get_data(as_text=True) for form in forms]
    assert "Age" in forms[1].headers and "Age" in forms[2].headers
    keys = [ONCE.search(text).group(1) for text in texts]
    assert len(set(keys)) == 3
    titles = []
    for client, text, title in (
        (first, texts[1], "From copy one"),
        (second, texts[2], "From copy two"),
    ):
        answer = client.post(
            "/milestones/new",
            data={
                "title": title,
                "date": "2024",
                "milestone_kind": "meeting",
                "csrf_token": TOKEN.search(text).group(1),
                "once_key": ONCE.search(text).group(1),
            },
        )
        assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
        titles.append(title)
    with kept_app.app_context():
        saved = set(db.session.scalars(select(Milestone.title).where(Milestone.title.in_(titles))))
    assert saved == set(titles)


def test_no_page_is_kept_when_the_setting_is_zero(database_path):
    app = make_app(database_path, PAGE_CACHE_SECONDS=0)
    client = browser(app)
    client.get("/timeline/")
    assert "Age" not in client.get("/timeline/").headers
    assert "page_cache" not in app.extensions


def test_a_write_through_the_api_sets_no_cookie(kept_app):
    from api.helpers import bearer, make_token

    secret = make_token(kept_app)
    created = kept_app.test_client().post(
        "/api/v1/topics", headers=bearer(secret), json={"name": "Kept-page topic"}
    )
    assert created.status_code == 201
    assert "Set-Cookie" not in created.headers


def test_only_pages_drawn_from_the_data_are_drawn_anew_after_the_users_change(kept_app):
    writer = browser(kept_app)
    writer.get("/milestones/")
    assert "Age" in writer.get("/milestones/").headers
    writer.get("/milestones/new")
    form = writer.get("/milestones/new")
    assert "Age" in form.headers
    text = form.get_data(as_text=True)
    answer = writer.post(
        "/milestones/new",
        data={
            "title": "Drawn anew after the change",
            "date": "2024",
            "milestone_kind": "meeting",
            "csrf_token": TOKEN.search(text).group(1),
            "once_key": ONCE.search(text).group(1),
        },
    )
    assert answer.status_code == 302
    writer.get(answer.headers["Location"])
    listed = writer.get("/milestones/")
    assert "Age" not in listed.headers and b"Drawn anew after the change" in listed.data
    # The empty form read nothing a change alters: still served kept, with a key of its own.
    again = writer.get("/milestones/new")
    assert "Age" in again.headers
    assert ONCE.search(again.get_data(as_text=True)).group(1) != ONCE.search(text).group(1)


def test_a_page_out_of_its_window_is_drawn_by_one_request_while_others_get_the_copy(
    database_path, monkeypatch
):
    import partnership.pagecache as pagecache

    app = make_app(database_path, PAGE_CACHE_SECONDS=5)
    reader = browser(app)
    reader.get("/timeline/")
    store = app.extensions["page_cache"]
    (key,) = [key for key in store.pages if key[2].startswith("/timeline/")]
    later = pagecache.time.time() + 6  # past the window, within twice it
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    assert store.start_drawing(key)  # another request is drawing it anew
    older = reader.get("/timeline/")
    assert older.headers["Age"] == "6"
    store.done_drawing(key)
    drawn = reader.get("/timeline/")
    assert "Age" not in drawn.headers and not store.drawing
