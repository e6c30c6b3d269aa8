"""The start page uses a desktop's width and keeps a wide chart inside a phone's screen."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _box(page: Page, selector: str) -> dict:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def test_latest_events_beside_the_boxes_on_a_desktop(page: Page, log_in, demo):
    log_in()
    page.goto("/")
    expect(page.get_by_role("heading", name="Latest events")).to_be_visible()
    latest, boxes = _box(page, ".home-latest"), _box(page, ".home-boxes")
    assert latest["x"] + latest["width"] <= boxes["x"], (latest, boxes)
    # Side by side: both start at the same height, not one below the other.
    assert abs(latest["y"] - boxes["y"]) < 40, (latest, boxes)


def test_a_wide_chart_scrolls_in_its_frame_on_a_phone(app, page: Page, log_in):
    with app.app_context():
        lviv = City(name="Lviv", country_code="UA")
        db.session.add(lviv)
        db.session.flush()
        # A meeting in every year the chart shows (the last ten and the next): eleven
        # columns are wider than a phone.
        this_year = date.today().year
        for year in range(this_year - 9, this_year + 2):
            milestone = Milestone(
                title=f"Meeting {year}",
                milestone_kind=MilestoneKind.MEETING,
                partner_city_id=lviv.id,
            )
            milestone.date = parse_fuzzy_date(str(year))
            db.session.add(milestone)
        db.session.commit()
        db.session.remove()
    log_in()
    page.set_viewport_size(PHONE)
    page.goto("/")
    frame = page.locator(".chart-scroll")
    expect(frame).to_be_visible()
    page_overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert page_overflow <= 0, f"the start page is {page_overflow}px wider than a phone"
    box = _box(page, ".chart-scroll")
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The chart is wider than its frame, and the frame scrolls to show the rest.
    hidden = frame.evaluate("f => f.scrollWidth - f.clientWidth")
    assert hidden > 0
    frame.evaluate("f => { f.scrollLeft = f.scrollWidth; }")
    assert frame.evaluate("f => f.scrollLeft") >= hidden - 1
    expect(page.get_by_text("Swipe sideways to see every year.")).to_be_visible()
