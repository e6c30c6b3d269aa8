"""The timeline lists events in the order they happened, by year, with a today marker."""

from datetime import date, timedelta

from conftest import PASSWORD, USERS

from partnership.auth.models import Role
from partnership.formatting import format_day

from .timeline_helpers import (
    DEMO_AGREEMENT,
    DEMO_AID,
    DEMO_AMIENS,
    DEMO_DECISION,
    DEMO_EXCHANGE,
    DEMO_JUNE,
    DEMO_ROSTOV,
    DEMO_ROSTOV_SUSPENDED,
    DEMO_SIGNED,
    DEMO_TIMELINE,
    DEMO_TWINNING,
    DEMO_VISIT,
    add_milestone,
    event_id,
    page,
    post_milestone,
)


def test_demo_story_in_date_order(app, editor, demo):
    response = editor.get("/timeline/")
    shown = page(response)

    assert shown.titles == DEMO_TIMELINE
    assert [entry.date for entry in shown.entries] == [
        "2 April 1960",
        "4 July 1977",
        "31 March 2022",
        "9 February 2023",
        "23 February 2023",
        "June 2023",
        "24–29 September 2023",
        "24–29 September 2023",
        "probably February 2024",
        "13 November 2024",
        "9 July 2025",
    ]
    html = response.get_data(as_text=True)
    positions = [
        html.index("June 2023"),
        html.index("24–29 September 2023"),
        html.index(DEMO_AGREEMENT),
        html.index("probably February 2024"),
    ]
    assert positions == sorted(positions)
    # Same dates: the visit was recorded first and stays first.
    assert html.index(DEMO_VISIT) < html.index(DEMO_AGREEMENT)
    with app.app_context():
        assert event_id(DEMO_VISIT) < event_id(DEMO_AGREEMENT)


def test_same_date_ties_follow_the_record_order(editor):
    first = post_milestone(editor, "Recorded first", "12.10.2023")
    second = post_milestone(editor, "Recorded second", "12.10.2023")
    third = post_milestone(editor, "Recorded third", "October 2023")
    fourth = post_milestone(editor, "Recorded fourth", "October 2023")
    assert first < second < third < fourth

    titles = page(editor.get("/timeline/")).titles

    assert titles == ["Recorded first", "Recorded second", "Recorded third", "Recorded fourth"]


def test_days_come_before_their_month_quarter_and_year(editor):
    # Recorded in an order unlike the timeline's, so the id cannot explain the result.
    for title, typed in [
        ("Whole year", "2023"),
        ("Third quarter", "Q3 2023"),
        ("November day", "15.11.2023"),
        ("The month", "September 2023"),
        ("Last of September", "30.09.2023"),
        ("First of October", "01.10.2023"),
        ("Five days over the month end", "28.09.2023 – 02.10.2023"),
        ("Third of September", "3.9.2023"),
    ]:
        post_milestone(editor, title, typed)

    shown = page(editor.get("/timeline/"))

    assert [(entry.title, entry.date) for entry in shown.entries] == [
        ("Third of September", "3 September 2023"),
        ("Five days over the month end", "28 September – 2 October 2023"),
        ("Last of September", "30 September 2023"),
        ("The month", "September 2023"),
        ("Third quarter", "Q3 2023"),
        ("First of October", "1 October 2023"),
        ("November day", "15 November 2023"),
        ("Whole year", "2023"),
    ]
    assert all(entry.badge == "" for entry in shown.entries)


def test_tentative_dates_sort_like_their_plain_form(editor):
    post_milestone(editor, "Maybe September", "probably September 2023")
    post_milestone(editor, "September", "September 2023")
    post_milestone(editor, "End of September", "30.09.2023")
    post_milestone(editor, "Maybe mid-September", "voraussichtlich 15.09.2023")
    post_milestone(editor, "Twentieth", "20.09.2023")
    post_milestone(editor, "Maybe the third quarter", "circa Q3 2023")
    post_milestone(editor, "Third quarter", "Q3 2023")

    shown = page(editor.get("/timeline/"))

    assert shown.titles == [
        "Maybe mid-September",
        "Twentieth",
        "End of September",
        "Maybe September",  # same month as "September", recorded first
        "September",
        "Maybe the third quarter",
        "Third quarter",
    ]
    # A tentative date is marked once, by its own words: no "tentative" badge beside it.
    tentative = {e.title: (e.date, e.badge) for e in shown.entries if e.title.startswith("Maybe")}
    assert tentative == {
        "Maybe mid-September": ("probably 15 September 2023", ""),
        "Maybe September": ("probably September 2023", ""),
        "Maybe the third quarter": ("probably Q3 2023", ""),
    }
    assert shown.entry("September").date == "September 2023"
    assert shown.entry("September").badge == ""


def test_one_heading_per_year_in_order(editor):
    for title, typed in [
        ("Spring 2024", "March 2024"),
        ("Year 2022", "2022"),
        ("May 2023", "5.5.2023"),
        ("Turn of the year", "28.12.2023 – 02.01.2024"),
        ("First quarter 2024", "Q1 2024"),
        ("Last quarter 2023", "Q4 2023"),
        ("New Year 2022", "1.1.2022"),
    ]:
        post_milestone(editor, title, typed)

    shown = page(editor.get("/timeline/"))

    assert shown.years == ["2022", "2023", "2024"]
    assert shown.sequence() == [
        "YEAR 2022",
        "New Year 2022",
        "Year 2022",
        "YEAR 2023",
        "May 2023",
        "Turn of the year",  # a range sorts by its first day
        "Last quarter 2023",
        "YEAR 2024",
        "Spring 2024",
        "First quarter 2024",
        "TODAY",
    ]


def test_today_marker_separates_past_from_upcoming(editor, demo):
    next_year = date.today().year + 1
    post_milestone(editor, "Tenth anniversary planning", f"March {next_year}")

    shown = page(editor.get("/timeline/"))

    assert shown.sequence() == [
        "YEAR 1960",
        DEMO_AMIENS,
        "YEAR 1977",
        DEMO_ROSTOV,
        "YEAR 2022",
        DEMO_ROSTOV_SUSPENDED,
        "YEAR 2023",
        DEMO_DECISION,
        DEMO_SIGNED,
        DEMO_JUNE,
        DEMO_VISIT,
        DEMO_AGREEMENT,
        "YEAR 2024",
        DEMO_EXCHANGE,
        DEMO_AID,
        "YEAR 2025",
        DEMO_TWINNING,
        # Between the years: today's year has no entries, next year's has not begun.
        "TODAY",
        f"YEAR {next_year}",
        "Tenth anniversary planning",
    ]
    assert shown.markers == [f"Today, {format_day(date.today())}: planned and upcoming below"]
    assert shown.entry("Tenth anniversary planning").upcoming
    assert not any(shown.entry(title).upcoming for title in DEMO_TIMELINE)


def test_today_marker_appears_once_before_the_first_upcoming_event(editor):
    today = date.today()
    yesterday = today - timedelta(days=1)
    post_milestone(editor, "The year after next", str(today.year + 2))
    post_milestone(editor, "Next year", f"Q1 {today.year + 1}")
    post_milestone(editor, "Yesterday", yesterday.strftime("%d.%m.%Y"))
    post_milestone(editor, "Long ago", "2019")

    shown = page(editor.get("/timeline/"))

    titles_and_marker = [item for item in shown.sequence() if not item.startswith("YEAR")]
    assert titles_and_marker == [
        "Long ago",
        "Yesterday",
        "TODAY",
        "Next year",
        "The year after next",
    ]
    assert [e.title for e in shown.entries if e.upcoming] == ["Next year", "The year after next"]


def test_without_upcoming_events_the_marker_closes_the_timeline(editor, demo):
    shown = page(editor.get("/timeline/"))

    assert shown.sequence()[-1] == "TODAY"
    assert shown.markers == [f"Today, {format_day(date.today())}: nothing planned after this"]
    assert not any(entry.upcoming for entry in shown.entries)


def test_today_marker_is_not_claimed_on_a_page_before_today(short_pages_app):
    """With five events a page, page 1 holds only past events and page 2 the rest."""
    client = short_pages_app.test_client()
    next_year = date.today().year + 1
    with short_pages_app.app_context():
        for year in range(2015, 2021):
            add_milestone(f"Meeting {year}", str(year))
        add_milestone("Planned A", str(next_year))
        add_milestone("Planned B", str(next_year + 1))
    client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})

    first = page(client.get("/timeline/"))
    second = page(client.get("/timeline/", query_string={"page": 2}))

    assert first.titles == [f"Meeting {year}" for year in range(2015, 2020)]
    assert second.titles == ["Meeting 2020", "Planned A", "Planned B"]
    # Page 1 ends in 2019: today does not fall there and events are planned on page 2.
    assert not any("nothing planned" in marker for marker in first.markers), first.markers
    assert "TODAY" not in first.sequence()
    assert [item for item in second.sequence() if not item.startswith("YEAR")] == [
        "Meeting 2020",
        "TODAY",
        "Planned A",
        "Planned B",
    ]
