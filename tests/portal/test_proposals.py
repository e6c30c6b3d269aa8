"""A partner proposes, edits, attaches and reports; the office confirms; history names them."""

import io
from datetime import date

from documents.helpers import png_bytes
from sqlalchemy import select

from partnership.documents.models import Document
from partnership.events.models import Event
from partnership.extensions import db
from partnership.history.models import Change
from partnership.home import events_lacking_press, events_per_city_and_year
from partnership.press.models import PressArticle
from partnership.visits.models import Direction, Visit, VisitStatus


def propose(partner, **changes):
    data = {"kind": "visit", "title": "Youth orchestra visits Homeburg", "date": "2025"}
    data |= {"direction": "incoming", "summary": "Two concerts"} | changes
    return partner.post("/partner/events/new", data=data)


def test_a_proposal_waits_until_the_office_confirms_it(app, world, partner, editor, viewer):
    response = propose(partner)
    assert response.status_code == 302
    visit_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        visit = db.session.get(Visit, visit_id)
        assert visit.awaiting_confirmation and visit.proposed_by_id == world.partner
        assert visit.partner_city.name == "Zhytomyr" and visit.host_city.name == "Homeburg"
        assert (visit.direction, visit.status) == (Direction.INCOMING, VisitStatus.PLANNED)
        # Not counted, nor asked for its press, until it is confirmed.
        chart = dict(events_per_city_and_year().rows)
        assert chart.get("Zhytomyr", {}).get(2025) is None
        assert visit_id not in events_lacking_press(date(2025, 12, 31))
        version = visit.version

    assert "Youth orchestra visits Homeburg" in editor.get("/").text
    assert "proposed, awaiting confirmation" in editor.get("/timeline/").text
    page = editor.get(f"/visits/{visit_id}").text
    button = f'action="/proposals/{visit_id}/confirm"'
    assert "Proposed by Olena Partner" in page and button in page
    assert button not in viewer.get(f"/visits/{visit_id}").text

    assert (
        viewer.post(f"/proposals/{visit_id}/confirm", data={"version": version}).status_code == 403
    )
    stale = editor.post(f"/proposals/{visit_id}/confirm", data={"version": version - 1})
    assert stale.status_code == 409
    confirmed = editor.post(f"/proposals/{visit_id}/confirm", data={"version": version})
    assert confirmed.status_code == 302
    with app.app_context():
        assert not db.session.get(Visit, visit_id).awaiting_confirmation
        assert dict(events_per_city_and_year().rows)["Zhytomyr"][2025] == 1

    # The partner changes it again: the office confirms the change again.
    edit = partner.post(
        f"/partner/events/{visit_id}/edit",
        data={
            "title": "Youth orchestra, two concerts",
            "date": "2025",
            "direction": "incoming",
            "version": version + 1,
        },
    )
    assert edit.status_code == 302
    with app.app_context():
        visit = db.session.get(Visit, visit_id)
        assert visit.awaiting_confirmation and visit.title == "Youth orchestra, two concerts"
        changes = db.session.scalars(
            select(Change).where(Change.entity == "Visit", Change.entity_id == visit_id)
        ).all()
        assert changes[0].action == "create" and changes[0].user_id == world.partner
        assert any(c.user_id == world.partner and c.action == "update" for c in changes)
    assert "Olena Partner" in viewer.get(f"/history/Visit/{visit_id}").text


def test_a_proposal_is_checked_like_the_offices_forms(world, partner):
    refused = propose(partner, place="Town hall", direction="")
    assert refused.status_code == 422
    assert "leave the place empty" in refused.text
    assert "Choose who travels." in refused.text
    meeting = propose(partner, kind="meeting", direction="", place="Online")
    assert meeting.status_code == 302


def test_a_partner_edits_only_what_they_proposed(app, world, partner):
    assert partner.get(f"/partner/events/{world.visit}/edit").status_code == 403
    assert (
        partner.post(
            f"/partner/events/{world.visit}/edit", data={"title": "Taken over", "date": "2024"}
        ).status_code
        == 403
    )
    assert partner.get(f"/partner/events/{world.other_visit}/edit").status_code == 404
    with app.app_context():
        assert db.session.get(Event, world.visit).title == "Zhytomyr comes to Homeburg"
        version = db.session.get(Event, world.proposed).version
    # Someone saved meanwhile: the partner's input stays, nothing is saved.
    conflict = partner.post(
        f"/partner/events/{world.proposed}/edit",
        data={"title": "Mayors meet online", "date": "2026", "version": version - 1},
    )
    assert conflict.status_code == 409
    assert "Mayors meet online" in conflict.text
    with app.app_context():
        assert db.session.get(Event, world.proposed).title == "Meeting of the mayors"


def test_a_partner_attaches_and_downloads_a_file(app, world, partner):
    upload = partner.post(
        f"/partner/events/{world.visit}/documents",
        data={
            "document-file": (io.BytesIO(png_bytes(colour="blue")), "concert.png"),
            "document-kind": "photo",
            "document-caption": "The concert",
        },
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302
    with app.app_context():
        document = db.session.scalars(
            select(Document).where(Document.filename == "concert.png")
        ).one()
        assert document.uploaded_by_id == world.partner and not document.public
        document_id = document.id
    download = partner.get(f"/partner/documents/{document_id}")
    assert download.status_code == 200 and download.data == png_bytes(colour="blue")
    assert partner.get(f"/documents/{document_id}").status_code == 403
    assert partner.get(f"/partner/documents/{world.other_document}").status_code == 404
    refused = partner.post(
        f"/partner/events/{world.visit}/documents",
        data={
            "document-file": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100), "tool.exe"),
            "document-kind": "photo",
        },
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422


def test_a_partner_adds_press_coverage_of_their_events(app, world, partner):
    form = partner.get(f"/partner/press/new?event={world.visit}")
    assert form.status_code == 200 and "Zhytomyr comes to Homeburg" in form.text
    data = {
        "title": "Orchestra delights Homeburg",
        "url": "https://news.example/zt",
        "outlet": "Zhytomyr News",
        "language": "uk",
        "event_ids": [world.visit],
    }
    assert partner.post("/partner/press/new", data=data).status_code == 302
    foreign = partner.post(
        "/partner/press/new", data=data | {"title": "Sneaky", "event_ids": [world.other_visit]}
    )
    assert foreign.status_code == 422
    with app.app_context():
        article = db.session.scalars(
            select(PressArticle).where(PressArticle.title.like("Orchestra%"))
        ).one()
        assert [event.id for event in article.events] == [world.visit]
        assert (
            db.session.scalars(select(PressArticle).where(PressArticle.title == "Sneaky")).first()
            is None
        )
    assert "Orchestra delights Homeburg" in partner.get("/partner/press").text
