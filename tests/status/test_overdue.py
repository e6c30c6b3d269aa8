"""A planned exchange whose expected date has passed is asked about on the start page: it took
place (recorded as a visit) or it did not (cancelled, by an editor, in one click)."""

from pages.helpers import page, show, submit

from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.home import OVERDUE_LENGTH
from partnership.visits.models import Visit
from status.status_helpers import city, day, exchange, row_of, visit


def _overdue(app, title="Youth exchange in spring", when=None, **fields) -> int:
    with app.app_context():
        found = exchange(title, when or day(-40), **fields)
        db.session.remove()
    return found


def _stored(app, exchange_id) -> PlannedExchange:
    with app.app_context():
        found = db.session.get(PlannedExchange, exchange_id)
        db.session.expunge(found)
    return found


def _cancel_form(client, exchange_id) -> dict:
    form = page(client.get("/")).form(f"/exchanges/{exchange_id}/cancel")
    return dict(form.data())


def test_an_overdue_exchange_is_asked_about_and_can_be_marked_cancelled(app, editor, viewer):
    overdue = _overdue(app)
    with app.app_context():
        exchange("Exchange still to come", day(20))
        exchange("Exchange that ended today", day(0))
        db.session.remove()
    home = page(editor.get("/"))
    assert "Did it take place?" in home.text
    assert "1 planned exchange is overdue" in home.text
    assert home.links_to(f"/visits/record?exchange={overdue}")
    sent = _cancel_form(editor, overdue)
    assert sent["next"] == "/" and sent["version"]
    exchanges = editor.get("/exchanges/").get_data(as_text=True)
    assert "planned, overdue" in row_of(exchanges, "Youth exchange in spring")
    assert "overdue" not in row_of(exchanges, "Exchange still to come")

    # A viewer sees the question but has no buttons, and cannot send the form.
    assert not page(viewer.get("/")).links_to(f"/visits/record?exchange={overdue}")
    assert viewer.post(f"/exchanges/{overdue}/cancel", data=sent).status_code == 403
    assert _stored(app, overdue).status == ExchangeStatus.PLANNED

    answer = editor.post(f"/exchanges/{overdue}/cancel", data=sent)
    assert (answer.status_code, answer.headers["Location"]) == (302, "/")
    assert _stored(app, overdue).status == ExchangeStatus.CANCELLED
    home = page(editor.get("/"))
    assert "marked as cancelled" in home.text
    assert "Did it take place?" not in home.text


def test_marking_cancelled_refuses_a_form_older_than_the_exchange(app, editor):
    overdue = _overdue(app)
    sent = _cancel_form(editor, overdue)
    with app.app_context():
        db.session.get(PlannedExchange, overdue).title = "Renamed meanwhile"
        db.session.commit()
    answer = editor.post(f"/exchanges/{overdue}/cancel", data=sent, follow_redirects=True)
    assert (
        "Someone changed “Renamed meanwhile” meanwhile; nothing was changed." in page(answer).text
    )
    assert _stored(app, overdue).status == ExchangeStatus.PLANNED
    assert editor.post("/exchanges/999999/cancel", data=sent).status_code == 404


def test_an_exchange_that_took_place_cannot_be_marked_cancelled(app, editor):
    with app.app_context():
        took_place = visit("Choir visits Kharkiv", day(-40))
        realised = exchange("Choir exchange", day(-40), ExchangeStatus.REALISED)
        db.session.get(PlannedExchange, realised).realised_visit_id = took_place
        db.session.commit()
        version = db.session.get(PlannedExchange, realised).version
        db.session.remove()
    sent = {"version": version, "next": "https://elsewhere.example/"}
    answer = editor.post(f"/exchanges/{realised}/cancel", data=sent, follow_redirects=True)
    assert "It took place as a visit" in page(answer).text
    assert _stored(app, realised).status == ExchangeStatus.REALISED


def test_an_overdue_exchange_recorded_as_a_visit_is_realised(app, editor):
    with app.app_context():
        kharkiv = city()
        kharkiv_id = kharkiv.id
        db.session.commit()
    overdue = _overdue(app, "Choir exchange", when=day(-30) + "?", partner=None)
    with app.app_context():
        db.session.get(PlannedExchange, overdue).partner_city_id = kharkiv_id
        db.session.commit()
    form = page(editor.get(f"/visits/record?exchange={overdue}"))
    assert form.field("title").value == "Choir exchange"
    assert form.field("date").value and "probably" not in form.field("date").value
    assert form.field("partner_city_id").value == str(kharkiv_id)
    assert "the planned exchange Choir exchange" in form.text

    answer = submit(editor, f"/visits/record?exchange={overdue}", {"host_city_id": kharkiv_id})
    assert answer.status_code == 302, page(answer).text[:1500]
    stored = _stored(app, overdue)
    assert stored.status == ExchangeStatus.REALISED
    with app.app_context():
        visit = db.session.get(Visit, stored.realised_visit_id)
        assert visit.title == "Choir exchange"
    assert show(editor, "exchanges", overdue).links_to(f"/visits/{stored.realised_visit_id}")
    assert "Did it take place?" not in page(editor.get("/")).text


def test_the_start_page_shows_a_bounded_number_and_links_to_all(app, editor):
    with app.app_context():
        for n in range(OVERDUE_LENGTH + 2):
            exchange(f"Overdue exchange {n:02d}", day(-10 - n))
        db.session.remove()
    home = page(editor.get("/"))
    assert home.text.count("No: mark it cancelled") == OVERDUE_LENGTH
    # Counted no further than the page shows: the number grew with the years.
    assert f"More than {OVERDUE_LENGTH} planned exchanges are overdue" in home.text
    assert "All overdue exchanges" in home.text
    assert home.links_to("/exchanges/overdue")
    listed = page(editor.get("/exchanges/overdue"))
    assert all(f"Overdue exchange {n:02d}" in listed.text for n in range(OVERDUE_LENGTH + 2))
