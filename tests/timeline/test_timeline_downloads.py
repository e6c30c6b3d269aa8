"""The timeline as CSV and as iCalendar, and the private calendar feed."""

import csv
import io
from datetime import date
from urllib.parse import urlsplit

import pytest
from conftest import PASSWORD, USERS
from icalendar import Calendar

from partnership.auth.models import Role, User
from partnership.extensions import db

from .timeline_helpers import (
    DEMO_AGREEMENT,
    DEMO_AID,
    DEMO_ARTICLE,
    DEMO_ARTICLE_URL,
    DEMO_EXCHANGE,
    DEMO_JUNE,
    DEMO_TIMELINE,
    DEMO_TITLES,
    DEMO_TWINNING,
    DEMO_VISIT,
    add_milestone,
    city_id,
    event_id,
    page,
    post_milestone,
)

CSV_HEADER = [
    "date",
    "start",
    "end",
    "precision",
    "tentative",
    "kind",
    "title",
    "partner city",
    "summary",
    "topics",
    "press articles",
    "press urls",
    "link",
]
DEMO_TOPICS = (
    "Culture, Digitalisation, Education, IT, Reconstruction, Smart city, Urban transformation"
)


def read_csv(response, delimiter=",") -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="timeline.csv"' in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(
        csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
    )


def read_calendar(response) -> list:
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return list(Calendar.from_ical(response.get_data()).walk("VEVENT"))


def by_summary(entries) -> dict:
    return {str(entry["SUMMARY"]): entry for entry in entries}


# -- CSV ------------------------------------------------------------------------------------


def test_csv_lists_the_timeline_in_order_with_both_kinds_of_dates(app, editor, demo):
    rows = read_csv(editor.get("/timeline/timeline.csv"))
    with app.app_context():
        ids = {title: event_id(title) for title in DEMO_TITLES}

    assert rows[0] == CSV_HEADER
    records = [dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]]
    assert [r["title"] for r in records] == DEMO_TIMELINE
    # The events of the September 2023 visit, in detail (the stages and the aid delivery aside).
    records = [r for r in records if r["title"] in DEMO_TITLES]
    assert [r["title"] for r in records] == DEMO_TITLES
    assert [(r["date"], r["start"], r["end"], r["precision"], r["tentative"]) for r in records] == [
        ("June 2023", "2023-06-01", "2023-06-30", "month", "no"),
        ("24–29 September 2023", "2023-09-24", "2023-09-29", "day", "no"),
        ("24–29 September 2023", "2023-09-24", "2023-09-29", "day", "no"),
        ("probably February 2024", "2024-02-01", "2024-02-29", "month", "yes"),
    ]
    assert [r["kind"] for r in records] == ["Visit", "Visit", "Agreement", "Planned exchange"]
    assert {r["partner city"] for r in records} == {"Zhytomyr"}
    visit = records[1]
    assert visit["topics"] == DEMO_TOPICS
    assert visit["summary"].startswith("Six guests from Zhytomyr")
    assert all(r["press articles"] == DEMO_ARTICLE for r in records)
    assert all(r["press urls"] == DEMO_ARTICLE_URL for r in records)
    assert [r["link"] for r in records] == [
        f"http://localhost/visits/{ids[DEMO_JUNE]}",
        f"http://localhost/visits/{ids[DEMO_VISIT]}",
        f"http://localhost/agreements/{ids[DEMO_AGREEMENT]}",
        f"http://localhost/exchanges/{ids[DEMO_EXCHANGE]}",
    ]


def test_csv_applies_the_filters(app, editor, demo):
    with app.app_context():
        add_milestone("Dortmund council decision", "Q3 2023", city="Dortmund")
        add_milestone("Zhytomyr council decision", "2023", city="Zhytomyr")
        zhytomyr = city_id("Zhytomyr")

    def titles(**params):
        return [
            row[6]
            for row in read_csv(editor.get("/timeline/timeline.csv", query_string=params))[1:]
        ]

    assert titles(kind="visit") == [DEMO_JUNE, DEMO_VISIT]
    assert titles(city=zhytomyr, kind="milestone") == ["Zhytomyr council decision"]
    assert titles(date_from="Q3 2023", date_to="2023") == [
        DEMO_VISIT,
        DEMO_AGREEMENT,
        "Dortmund council decision",
        "Zhytomyr council decision",
    ]
    assert titles(q="Житомир", date_from="2024") == [DEMO_EXCHANGE, DEMO_AID, DEMO_TWINNING]
    assert titles(q="nothing like this") == []


def test_csv_with_semicolons_for_excel(editor, demo):
    comma = read_csv(editor.get("/timeline/timeline.csv"))
    response = editor.get("/timeline/timeline.csv", query_string={"delimiter": ";"})
    text = response.get_data().decode("utf-8").removeprefix("\ufeff")

    assert text.splitlines()[0] == ";".join(CSV_HEADER)
    assert read_csv(response, delimiter=";") == comma
    assert "\r\n" in text


def test_csv_semicolon_link_on_page_keeps_the_filters(editor, demo):
    link = page(editor.get("/timeline/", query_string={"kind": "exchange"})).link_with_text(
        "CSV for Excel (;)"
    )["href"]

    rows = read_csv(editor.get(link), delimiter=";")

    assert [row[6] for row in rows[1:]] == [DEMO_EXCHANGE]


def test_csv_cells_cannot_run_as_formulas(editor):
    post_milestone(
        editor, '=HYPERLINK("https://evil.example","click")', "3.9.2023", summary="+49 231 50-0"
    )
    post_milestone(editor, "@SUM(A1:A9)", "4.9.2023", summary="-1 for the plan")
    post_milestone(editor, "Plain title", "5.9.2023")

    rows = read_csv(editor.get("/timeline/timeline.csv"))[1:]

    assert [(row[6], row[8]) for row in rows] == [
        ('\'=HYPERLINK("https://evil.example","click")', "'+49 231 50-0"),
        ("'@SUM(A1:A9)", "'-1 for the plan"),
        ("Plain title", ""),
    ]
    assert [row[1] for row in rows] == ["2023-09-03", "2023-09-04", "2023-09-05"]


# -- iCalendar ------------------------------------------------------------------------------

# Without dates of its own a calendar holds a window around today (see
# partnership.timeline.calendar): these tests ask for every date from the demo's first on.
WHOLE_HISTORY = {"date_from": "1900"}


def test_calendar_has_one_all_day_entry_per_event(app, editor, demo):
    entries = read_calendar(editor.get("/timeline/timeline.ics", query_string=WHOLE_HISTORY))
    with app.app_context():
        ids = {title: event_id(title) for title in DEMO_TITLES}

    assert len(entries) == len(DEMO_TIMELINE)
    # The events of the September 2023 visit, in detail (the stages and the aid delivery aside).
    entries = [e for e in entries if str(e["SUMMARY"]).split(": ", 1)[1] in DEMO_TITLES]
    assert [str(e["SUMMARY"]) for e in entries] == [
        f"Visit: {DEMO_JUNE}",
        f"Visit: {DEMO_VISIT}",
        f"Agreement: {DEMO_AGREEMENT}",
        f"Planned exchange: {DEMO_EXCHANGE}",
    ]
    spans = [(e["DTSTART"].dt, e["DTEND"].dt) for e in entries]
    assert spans == [
        (date(2023, 6, 1), date(2023, 7, 1)),
        (date(2023, 9, 24), date(2023, 9, 30)),
        (date(2023, 9, 24), date(2023, 9, 30)),
        (date(2024, 2, 1), date(2024, 3, 1)),
    ]
    assert all(type(day) is date for span in spans for day in span)  # all-day, no time
    assert [str(e["URL"]) for e in entries] == [
        f"http://localhost/visits/{ids[DEMO_JUNE]}",
        f"http://localhost/visits/{ids[DEMO_VISIT]}",
        f"http://localhost/agreements/{ids[DEMO_AGREEMENT]}",
        f"http://localhost/exchanges/{ids[DEMO_EXCHANGE]}",
    ]
    assert [str(e["STATUS"]) for e in entries] == ["CONFIRMED"] * 3 + ["TENTATIVE"]
    assert len({str(e["UID"]) for e in entries}) == 4
    assert DEMO_ARTICLE_URL in str(entries[0]["DESCRIPTION"])


def test_calendar_spans_the_whole_period_of_each_precision(editor):
    for title, typed in [
        ("A day", "3.9.2023"),
        ("Over the month end", "28.09.2023 – 02.10.2023"),
        ("A quarter", "Q4 2023"),
        ("A year", "2024"),
        ("Maybe a leap day", "voraussichtlich 29.02.2024"),
    ]:
        post_milestone(editor, title, typed)

    calendar = editor.get("/timeline/timeline.ics", query_string=WHOLE_HISTORY)
    entries = by_summary(read_calendar(calendar))

    def span(title):
        entry = entries[f"Milestone: {title}"]
        return entry["DTSTART"].dt, entry["DTEND"].dt, str(entry["STATUS"])

    assert span("A day") == (date(2023, 9, 3), date(2023, 9, 4), "CONFIRMED")
    assert span("Over the month end") == (date(2023, 9, 28), date(2023, 10, 3), "CONFIRMED")
    assert span("A quarter") == (date(2023, 10, 1), date(2024, 1, 1), "CONFIRMED")
    assert span("A year") == (date(2024, 1, 1), date(2025, 1, 1), "CONFIRMED")
    assert span("Maybe a leap day") == (date(2024, 2, 29), date(2024, 3, 1), "TENTATIVE")


def test_calendar_applies_the_filters(app, editor, demo):
    with app.app_context():
        add_milestone("Dortmund council decision", "Q3 2023", city="Dortmund")
        zhytomyr = city_id("Zhytomyr")

    def summaries(**params):
        asked = {**WHOLE_HISTORY, **params}
        entries = read_calendar(editor.get("/timeline/timeline.ics", query_string=asked))
        return [str(e["SUMMARY"]) for e in entries]

    assert summaries(kind="exchange") == [f"Planned exchange: {DEMO_EXCHANGE}"]
    assert summaries(city=zhytomyr, date_from="Q3 2023", date_to="2023") == [
        f"Visit: {DEMO_VISIT}",
        f"Agreement: {DEMO_AGREEMENT}",
    ]
    assert summaries(q="Schytomyr", kind="visit") == [f"Visit: {DEMO_JUNE}", f"Visit: {DEMO_VISIT}"]
    assert summaries(kind="milestone") == ["Milestone: Dortmund council decision"]


# -- private feed ---------------------------------------------------------------------------


def feed_path(client, **params) -> str:
    shown = page(client.get("/timeline/", query_string=params))
    address = shown.inputs["calendar-url"]
    assert "readonly" in address
    url = urlsplit(address["value"])
    assert url.scheme == "http" and url.netloc == "localhost"
    assert url.path.startswith("/timeline/feed/") and url.path.endswith(".ics")
    return f"{url.path}?{url.query}" if url.query else url.path


def test_feed_works_without_login_with_the_token_from_the_page(app, editor, demo):
    path = feed_path(editor, **WHOLE_HISTORY)
    assert feed_path(editor, **WHOLE_HISTORY) == path  # the secret stays the same between visits
    stranger = app.test_client()

    entries = read_calendar(stranger.get(path))

    assert [str(e["SUMMARY"]).split(": ", 1)[1] for e in entries] == DEMO_TIMELINE
    assert stranger.get("/timeline/").status_code == 302  # the feed logged nobody in


def test_feed_keeps_the_filters_of_the_page(app, editor, demo):
    path = feed_path(editor, kind="visit", date_from="Q3 2023")

    entries = read_calendar(app.test_client().get(path))

    assert [str(e["SUMMARY"]) for e in entries] == [f"Visit: {DEMO_VISIT}"]


def test_feed_with_a_wrong_token_is_not_found(app, editor, demo):
    path = feed_path(editor)
    token = path.removeprefix("/timeline/feed/").removesuffix(".ics")
    stranger = app.test_client()

    assert stranger.get("/timeline/feed/not-the-token.ics").status_code == 404
    assert stranger.get(f"/timeline/feed/{token[:-1]}.ics").status_code == 404
    assert stranger.get(f"/timeline/feed/{token}x.ics").status_code == 404
    assert stranger.get("/timeline/feed/None.ics").status_code == 404
    assert stranger.get(path).status_code == 200


def test_each_user_has_an_own_feed_which_ends_with_the_account(app, client, auth, demo):
    auth.login(Role.EDITOR)
    editor_path = feed_path(client)
    auth.logout()
    auth.login(Role.VIEWER)
    viewer_path = feed_path(client)
    auth.logout()

    assert editor_path != viewer_path
    with app.app_context():
        user = db.session.query(User).filter_by(email=USERS[Role.VIEWER]).one()
        user.active = False
        db.session.commit()

    assert client.get(viewer_path).status_code == 404
    assert client.get(editor_path).status_code == 200


# -- login ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/timeline/",
        "/timeline/?kind=visit",
        "/timeline/timeline.csv",
        "/timeline/timeline.csv?delimiter=;",
        "/timeline/timeline.ics",
    ],
)
def test_logged_out_visitors_are_sent_to_login(client, demo, path):
    response = client.get(path)

    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/login"
    assert DEMO_VISIT not in response.get_data(as_text=True)


def test_login_then_download(client, demo):
    client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})

    rows = read_csv(client.get("/timeline/timeline.csv"))

    assert len(rows) == 1 + len(DEMO_TIMELINE)
