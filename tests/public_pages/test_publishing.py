"""The office publishes an event on its page and withdraws it; only editors may, each choice
checked against the version seen and kept in the event's history."""

import re

from sqlalchemy import select

from partnership.auth.models import Role
from partnership.events.models import Event
from partnership.extensions import db
from partnership.history.models import Change
from partnership.visits.models import Visit

from .conftest import event_page, public_page


def _version(app, event_id: int) -> int:
    with app.app_context():
        return db.session.get(Event, event_id).version


def _published(app, event_id: int) -> bool:
    with app.app_context():
        return db.session.get(Event, event_id).published


def test_an_editor_publishes_and_withdraws_an_event(app, editor, client, public_ids):
    hidden = public_ids["hidden"]
    partnership = public_ids["partnership"]
    shown = editor.get(f"/visits/{hidden}")
    assert "Not on the public page." in shown.text
    assert f'action="/events/{hidden}/publish"' in shown.text
    assert client.get(event_page(partnership, hidden)).status_code == 404

    answer = editor.post(f"/events/{hidden}/publish", data={"version": _version(app, hidden)})

    assert answer.status_code == 302 and answer.location.endswith(f"/visits/{hidden}#publication")
    assert _published(app, hidden)
    assert client.get(event_page(partnership, hidden)).status_code == 200
    assert f"/events/{hidden}" in client.get(public_page(partnership)).text
    box = editor.get(f"/visits/{hidden}").text
    assert "On the public page" in box and event_page(partnership, hidden) in box
    with app.app_context():
        change = db.session.scalars(
            select(Change)
            .where(Change.entity_id == hidden, Change.entity.in_(("Visit", "Event")))
            .order_by(Change.id.desc())
        ).first()
        assert change.changes["published"] == [False, True]
        assert change.user.role is Role.EDITOR

    answer = editor.post(f"/events/{hidden}/withdraw", data={"version": _version(app, hidden)})

    assert answer.status_code == 302
    assert not _published(app, hidden)
    assert client.get(event_page(partnership, hidden)).status_code == 404
    # The office's partnership page says how many events are public, and links the page.
    office = editor.get(f"/partnerships/{partnership}").text
    assert "1 event published" in office and f'href="{public_page(partnership)}"' in office


def test_a_stale_version_changes_nothing(app, editor, public_ids):
    hidden = public_ids["hidden"]
    stale = _version(app, hidden) - 1

    answer = editor.post(f"/events/{hidden}/publish", data={"version": stale})

    assert answer.status_code == 409
    assert "Someone else changed this event meanwhile" in answer.text
    assert not _published(app, hidden)


def test_viewers_and_strangers_cannot_publish(app, viewer, client, public_ids):
    hidden = public_ids["hidden"]
    version = _version(app, hidden)
    assert viewer.post(f"/events/{hidden}/publish", data={"version": version}).status_code == 403
    assert "Not on the public page." in viewer.get(f"/visits/{hidden}").text
    assert f"/events/{hidden}/publish" not in viewer.get(f"/visits/{hidden}").text
    stranger = client.post(f"/events/{hidden}/publish", data={"version": version})
    assert stranger.status_code == 302 and "/login" in stranger.location
    assert not _published(app, hidden)


def test_an_event_awaiting_confirmation_stays_off_the_public_page(app, client, public_ids):
    with app.app_context():
        event = db.session.get(Event, public_ids["event"])
        event.awaiting_confirmation = True
        db.session.commit()

    partnership = public_ids["partnership"]
    assert client.get(event_page(partnership, public_ids["event"])).status_code == 404
    # Its only published event is not public: the partnership has no public page either.
    assert client.get(public_page(partnership)).status_code == 404


def test_programme_days_round_trip_through_the_visit_form(app, editor, public_ids):
    from pages.helpers import page, submit

    visit = public_ids["event"]
    lines = "25.09.2023 Reception at the town hall\n2023-09-26: Tour of the port\nFarewell dinner"
    answer = submit(editor, f"/visits/{visit}/edit", {"programme": lines})
    assert answer.status_code == 302, answer.status_code

    with app.app_context():
        items = db.session.get(Visit, visit).programme
        assert [(str(i.day), i.description) for i in items] == [
            ("2023-09-25", "Reception at the town hall"),
            ("2023-09-26", "Tour of the port"),
            ("None", "Farewell dinner"),
        ]
    form = page(editor.get(f"/visits/{visit}/edit"))
    assert form.field("programme").value.splitlines() == [
        "2023-09-25: Reception at the town hall",
        "2023-09-26: Tour of the port",
        "Farewell dinner",
    ]
    public = editor.get(event_page(public_ids["partnership"], visit)).text
    assert re.search(r"<h3>25 September 2023</h3>\s*<ul><li>Reception at the town hall", public)

    refused = submit(editor, f"/visits/{visit}/edit", {"programme": "31.02.2024: Impossible"})

    assert refused.status_code == 422
    assert "“31.02.2024” is not a day of the calendar" in page(refused).error("programme")
    with app.app_context():
        assert len(db.session.get(Visit, visit).programme) == 3
