"""Where the today marker goes between years, and what an entry says about itself:
cancelled, lacking its press article, its city (not repeated on the city's own page)."""

from datetime import date, timedelta
from types import SimpleNamespace

from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.timeline.sections import year_sections
from partnership.visits.models import Direction, Visit, VisitStatus
from timeline.timeline_helpers import add_milestone, city_id, page

TODAY = date(2026, 6, 15)


def _layout(days: list[str], marker_at: int, today: date = TODAY) -> list:
    """Lay out events dated `days` (ISO); return years, 'TODAY' and the events' days."""
    events = [SimpleNamespace(date_sort=date.fromisoformat(day)) for day in days]
    shown = []
    for section in year_sections(events, today, marker_at):
        if section is None:
            shown.append("TODAY")
            continue
        shown.append(section.year)
        shown += ["TODAY" if e is None else e.date_sort.isoformat() for e in section.items]
    return shown


def test_marker_between_years_when_todays_year_has_no_events_around_it():
    assert _layout(["2025-03-01", "2027-02-01"], 1) == [
        2025,
        "2025-03-01",
        "TODAY",
        2027,
        "2027-02-01",
    ]
    # Newest first, the same rule: never under the heading of a year not yet begun.
    assert _layout(["2027-02-01", "2025-03-01"], 1) == [
        2027,
        "2027-02-01",
        "TODAY",
        2025,
        "2025-03-01",
    ]


def test_marker_inside_todays_year_before_or_after_its_entries():
    assert _layout(["2025-03-01", "2026-09-01", "2027-01-01"], 1) == [
        2025,
        "2025-03-01",
        2026,
        "TODAY",
        "2026-09-01",
        2027,
        "2027-01-01",
    ]
    assert _layout(["2026-02-01", "2027-01-01"], 1) == [
        2026,
        "2026-02-01",
        "TODAY",
        2027,
        "2027-01-01",
    ]
    assert _layout(["2026-02-01", "2026-09-01"], 1) == [
        2026,
        "2026-02-01",
        "TODAY",
        "2026-09-01",
    ]


def test_marker_at_either_end():
    assert _layout(["2024-01-01"], 1) == [2024, "2024-01-01", "TODAY"]
    assert _layout(["2026-01-01"], 1) == [2026, "2026-01-01", "TODAY"]
    assert _layout(["2028-01-01"], 0) == ["TODAY", 2028, "2028-01-01"]
    assert _layout(["2024-01-01"], None) == [2024, "2024-01-01"]
    assert year_sections([], TODAY, 0) == []


def test_timeline_marks_today_after_last_years_events_and_before_next_years(editor, app):
    today = date.today()
    with app.app_context():
        add_milestone("Last year's meeting", f"10.03.{today.year - 1}")
        add_milestone("Next year's meeting", f"10.03.{today.year + 1}")

    shown = page(editor.get("/timeline/"))

    assert shown.sequence() == [
        f"YEAR {today.year - 1}",
        "Last year's meeting",
        "TODAY",
        f"YEAR {today.year + 1}",
        "Next year's meeting",
    ]


def _cancelled_events(day: date) -> None:
    when = parse_fuzzy_date(day.strftime("%d.%m.%Y"))
    zhytomyr = city_id("Zhytomyr")
    db.session.add_all(
        [
            Visit(
                title="Visit that was called off",
                direction=Direction.INCOMING,
                status=VisitStatus.CANCELLED,
                date=when,
                partner_city_id=zhytomyr,
            ),
            PlannedExchange(
                title="Exchange that was called off",
                exchange_kind=ExchangeKind.YOUTH,
                direction=Direction.OUTGOING,
                status=ExchangeStatus.CANCELLED,
                date=when,
                partner_city_id=zhytomyr,
            ),
        ]
    )
    db.session.commit()


def test_cancelled_events_say_so_and_ask_for_no_article(editor, app, demo):
    with app.app_context():
        _cancelled_events(date(2023, 10, 5))
        add_milestone("Meeting that took place", "06.10.2023", city="Zhytomyr")
        add_milestone("Meeting to come", (date.today() + timedelta(days=30)).strftime("%d.%m.%Y"))

    shown = page(editor.get("/timeline/"))

    for title in ("Visit that was called off", "Exchange that was called off"):
        entry = shown.entry(title)
        assert entry.kind_line.endswith("· cancelled"), entry.kind_line
        assert "cancelled" in entry.classes
        assert entry.no_press == "" and entry.add_press_links == []
    assert "no press article" in shown.entry("Meeting that took place").no_press
    assert "cancelled" not in shown.entry("Meeting that took place").kind_line
    # Nothing to report yet about an event still to come.
    assert shown.entry("Meeting to come").no_press == ""


def test_city_page_does_not_repeat_its_own_name_on_its_events(viewer, app, demo):
    with app.app_context():
        zhytomyr = city_id("Zhytomyr")

    shown = page(viewer.get(f"/cities/{zhytomyr}"))

    assert shown.entries
    assert all("Zhytomyr" not in entry.kind_line for entry in shown.entries)
    assert shown.entry("Delegation from Zhytomyr visits Dortmund").kind_line == "Visit"
    # The timeline itself names each event's city.
    assert page(viewer.get("/timeline/")).entry(
        "Delegation from Zhytomyr visits Dortmund"
    ).kind_line == ("Visit · Zhytomyr")


def test_filter_fold_is_open_folds_on_a_phone_and_counts_the_filters(viewer):
    html = viewer.get("/timeline/").get_data(as_text=True)
    assert '<details class="filters-fold no-print" open data-fold-on-phone>' in html
    assert "filters applied" not in html

    html = viewer.get("/timeline/?kind=visit&date_from=2023").get_data(as_text=True)
    assert "(2 filters applied)" in html

    # A filter that cannot be read stays in sight with its message, on a phone too.
    html = viewer.get("/timeline/?date_from=someday").get_data(as_text=True)
    assert '<details class="filters-fold no-print" open>' in html
