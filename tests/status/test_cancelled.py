"""A cancelled visit or exchange says so on its pages and lists, on the start page and in the
calendar, and asks for no press article (the chart: test_chart.py)."""

import re

from icalendar import Calendar
from pages.helpers import page, show

from partnership.exchanges.models import ExchangeStatus
from partnership.extensions import db
from partnership.visits.models import VisitStatus
from status.status_helpers import city, day, exchange, page_text, row_of, visit


def _story(app) -> dict:
    with app.app_context():
        kharkiv = city()
        ids = {
            "called off": visit(
                "Mayors' visit called off", day(-20), VisitStatus.CANCELLED, kharkiv
            ),
            "took place": visit("Choir visits Kharkiv", day(-10), VisitStatus.DONE, kharkiv),
            "trip dropped": exchange(
                "School trip dropped", day(-5), ExchangeStatus.CANCELLED, kharkiv
            ),
        }
        kharkiv_id = kharkiv.id
        db.session.remove()
    return {**ids, "city": kharkiv_id}


def test_a_cancelled_visit_and_exchange_say_so_on_lists_and_pages(app, editor):
    ids = _story(app)
    visits = editor.get("/visits/").get_data(as_text=True)
    assert "cancelled" in row_of(visits, "Mayors' visit called off")
    assert "cancelled" not in row_of(visits, "Choir visits Kharkiv")
    assert "cancelled" in row_of(editor.get("/exchanges/").get_data(as_text=True), "School trip")

    shown = show(editor, "visits", ids["called off"])
    assert "Cancelled: this visit did not take place." in shown.text
    assert not shown.links_to(f"/press/new?event={ids['called off']}")
    shown = show(editor, "exchanges", ids["trip dropped"])
    assert "Cancelled: this exchange did not take place." in shown.text
    assert not shown.links_to(f"/press/new?event={ids['trip dropped']}")
    # The city's page (its timeline, from the timeline's entries) says so too.
    city_page = editor.get(f"/cities/{ids['city']}").get_data(as_text=True)
    assert re.search(r"Visit · cancelled Mayors' visit called off", page_text(city_page))
    # A visit that took place still asks for its article.
    assert show(editor, "visits", ids["took place"]).links_to(
        f"/press/new?event={ids['took place']}"
    )


def test_the_start_page_marks_cancelled_events_and_asks_press_only_for_the_rest(app, editor):
    ids = _story(app)
    html = editor.get("/").get_data(as_text=True)
    latest = page_text(html.split('id="latest"')[1].split("</section>")[0])
    assert "Mayors' visit called off" in latest
    assert re.search(r"Visit · Kharkiv · cancelled Mayors' visit called off", latest)
    lacking = page_text(html.split('id="lacking"')[1].split("</section>")[0])
    assert "Choir visits Kharkiv" in lacking
    assert "called off" not in lacking and "dropped" not in lacking
    home = page(editor.get("/"))
    assert home.links_to(f"/press/new?event={ids['took place']}")
    for cancelled in (ids["called off"], ids["trip dropped"]):
        assert not home.links_to(f"/press/new?event={cancelled}")


def test_the_message_that_every_event_has_its_article_never_stands_beside_a_flag(app, editor):
    """An old event without an article is outside the past year: neither listed nor flagged."""
    with app.app_context():
        visit("Old visit without an article", day(-800))
        visit("Cancelled visit", day(-3), VisitStatus.CANCELLED)
        db.session.remove()
    home = page(editor.get("/"))
    assert "Every event of the past year has its press article." in home.text
    assert "No press article yet." not in home.text


def test_the_calendar_says_cancelled_tentative_or_confirmed(app, editor):
    ids = _story(app)
    with app.app_context():
        ids["planned"] = visit("Planned visit", day(30), VisitStatus.PLANNED)
        ids["idea"] = exchange("An idea", day(60), ExchangeStatus.IDEA)
        db.session.remove()
    response = editor.get("/timeline/timeline.ics")
    assert response.status_code == 200
    entries = {
        str(entry["uid"]): entry for entry in Calendar.from_ical(response.data).walk("VEVENT")
    }
    status = {
        name: str(entries[f"event-{i}@partnership"]["status"])
        for name, i in ids.items()
        if name != "city"
    }
    assert status == {
        "called off": "CANCELLED",
        "took place": "CONFIRMED",
        "trip dropped": "CANCELLED",
        "planned": "TENTATIVE",
        "idea": "TENTATIVE",
    }
    assert "(cancelled)" in str(entries[f"event-{ids['called off']}@partnership"]["summary"])
