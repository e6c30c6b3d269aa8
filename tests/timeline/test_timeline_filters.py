"""The timeline's filters, alone and together, kept in the address and across pages."""

import pytest
from conftest import PASSWORD, USERS

from partnership.auth.models import Role

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
    DEMO_TWINNING,
    DEMO_VISIT,
    add_city,
    add_milestone,
    city_id,
    page,
    post_milestone,
    query_of,
    topic_id,
)

COUNCIL = "Council of Dortmund debates the partnership"
LEEDS = "Letter to Leeds"
OLD = "First contacts with Zhytomyr"
LATER = "Mayors meet again in Zhytomyr"


@pytest.fixture
def events(app, demo):
    """The demo, plus milestones with Dortmund, another city and Zhytomyr, some with topics."""
    with app.app_context():
        add_city("Leeds")
        ids = {
            "zhytomyr": city_id("Zhytomyr"),
            "dortmund": city_id("Dortmund"),
            "culture": topic_id("Culture"),
            "education": topic_id("Education"),
        }
        add_milestone(COUNCIL, "Q3 2023", city="Dortmund", summary="A debate in the council")
        add_milestone(LEEDS, "12.09.2023", city="Leeds", topics=("Education",))
        add_milestone(OLD, "2022", city="Zhytomyr", summary="Letters and calls")
        add_milestone(LATER, "28.12.2023 – 02.01.2024", city="Zhytomyr", topics=("Culture",))
    return ids


def titles(client, **params) -> list[str]:
    return page(client.get("/timeline/", query_string=params)).titles


# The demo's older partnerships come first; its aid delivery and twinning after the rest.
OLDER = [DEMO_AMIENS, DEMO_ROSTOV, DEMO_ROSTOV_SUSPENDED]
ALL = [
    *OLDER,
    OLD,
    DEMO_DECISION,
    DEMO_SIGNED,
    DEMO_JUNE,
    LEEDS,
    DEMO_VISIT,
    DEMO_AGREEMENT,
    COUNCIL,
    LATER,
    DEMO_EXCHANGE,
    DEMO_AID,
    DEMO_TWINNING,
]
# Every event with Zhytomyr, the ones of its partnership's stages included.
ZHYTOMYR = [
    OLD,
    DEMO_DECISION,
    DEMO_SIGNED,
    DEMO_JUNE,
    DEMO_VISIT,
    DEMO_AGREEMENT,
    LATER,
    DEMO_EXCHANGE,
    DEMO_AID,
    DEMO_TWINNING,
]


def test_without_filters_everything_is_listed(editor, events):
    assert titles(editor) == ALL


def test_filter_by_city(editor, events):
    assert titles(editor, city=events["zhytomyr"]) == ZHYTOMYR
    # A city's timeline also holds the visits it hosted, like its page does.
    assert titles(editor, city=events["dortmund"]) == [DEMO_VISIT, COUNCIL]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("visit", [DEMO_JUNE, DEMO_VISIT]),
        ("agreement", [DEMO_AGREEMENT]),
        ("exchange", [DEMO_EXCHANGE]),
        ("milestone", [OLD, LEEDS, COUNCIL, LATER]),
    ],
)
def test_filter_by_kind(editor, events, kind, expected):
    shown = page(editor.get("/timeline/", query_string={"kind": kind}))

    assert shown.titles == expected
    assert all(f"entry-{kind}" in entry.classes for entry in shown.entries)


def test_filter_by_topic(editor, events):
    # The demo visit carries every demo topic; the milestones one each.
    assert titles(editor, topic=events["culture"]) == [DEMO_VISIT, LATER]
    assert titles(editor, topic=events["education"]) == [LEEDS, DEMO_VISIT]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"date_from": "2023", "date_to": "2023"},
            [
                DEMO_DECISION,
                DEMO_SIGNED,
                DEMO_JUNE,
                LEEDS,
                DEMO_VISIT,
                DEMO_AGREEMENT,
                COUNCIL,
                LATER,
            ],
        ),
        (
            {"date_from": "Q3 2023"},
            [
                LEEDS,
                DEMO_VISIT,
                DEMO_AGREEMENT,
                COUNCIL,
                LATER,
                DEMO_EXCHANGE,
                DEMO_AID,
                DEMO_TWINNING,
            ],
        ),
        ({"date_to": "2023"}, ALL[: ALL.index(LATER) + 1]),
        # An event overlapping the edge of the range is in it.
        ({"date_from": "2024"}, [LATER, DEMO_EXCHANGE, DEMO_AID, DEMO_TWINNING]),
        (
            {"date_from": "Q3 2023", "date_to": "September 2023"},
            [LEEDS, DEMO_VISIT, DEMO_AGREEMENT, COUNCIL],
        ),
        (
            {"date_from": "24.09.2023", "date_to": "voraussichtlich 24.09.2023"},
            [DEMO_VISIT, DEMO_AGREEMENT, COUNCIL],
        ),
        ({"date_from": "2026"}, []),
    ],
)
def test_filter_by_typed_date_range(editor, events, params, expected):
    response = editor.get("/timeline/", query_string=params)
    shown = page(response)

    assert shown.titles == expected
    for name, typed in params.items():
        assert shown.inputs[name]["value"] == typed
    if not expected:
        assert "No event matches these filters" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Schytomyr", ZHYTOMYR),
        ("Житомир", ZHYTOMYR),
        ("житомир", ZHYTOMYR),
        ("zytomierz", ZHYTOMYR),
        ("Leeds", [LEEDS]),
        ("cooperation", [DEMO_AGREEMENT, DEMO_EXCHANGE]),  # title, then a summary
        ("debate", [COUNCIL]),  # only in the summary
        ("nothing of the kind", []),
    ],
)
def test_free_text_finds_titles_summaries_and_every_name_of_a_city(editor, events, text, expected):
    shown = page(editor.get("/timeline/", query_string={"q": text}))

    assert shown.titles == expected
    assert shown.inputs["q"]["value"] == text


def test_free_text_ignores_case_in_titles_beyond_ascii(app, editor, events):
    with app.app_context():
        add_milestone("Übergabe der Spenden in Žytomyr", "Q4 2023")
        add_milestone("Ärztedelegation", "Q4 2023")

    for text in ("Übergabe", "übergabe", "ÜBERGABE"):
        assert titles(editor, q=text) == ["Übergabe der Spenden in Žytomyr"], text
    assert titles(editor, q="ärzte") == ["Ärztedelegation"]


def test_filters_combine(editor, events):
    zhytomyr = events["zhytomyr"]
    assert titles(editor, city=zhytomyr, kind="visit") == [DEMO_JUNE, DEMO_VISIT]
    assert titles(editor, city=zhytomyr, kind="visit", date_from="Q3 2023") == [DEMO_VISIT]
    assert titles(editor, city=zhytomyr, kind="milestone", date_to="2023") == [OLD, LATER]
    assert titles(editor, kind="milestone", topic=events["culture"]) == [LATER]
    assert titles(editor, q="Schytomyr", date_from="2023", date_to="2023", kind="agreement") == [
        DEMO_AGREEMENT
    ]
    assert titles(editor, city=events["dortmund"], q="Schytomyr") == [DEMO_VISIT]
    assert titles(editor, city=events["dortmund"], kind="milestone", q="Schytomyr") == []


def test_filtered_page_says_how_many_match_and_keeps_the_filters_in_links(editor, events):
    params = {"city": str(events["zhytomyr"]), "kind": "visit", "date_from": "2023"}
    response = editor.get("/timeline/", query_string=params)
    html = response.get_data(as_text=True)
    shown = page(response)

    assert "Showing 2 events matching the filters" in html
    expected = {name: [value] for name, value in params.items()}
    for text in ("CSV", "Calendar (.ics)"):
        assert query_of(shown.link_with_text(text)["href"]) == expected
    assert query_of(shown.link_with_text("CSV for Excel (;)")["href"]) == {
        **expected,
        "delimiter": [";"],
    }
    assert shown.link_with_text("Clear filters")["href"] == "/timeline/"
    assert 'value="visit" selected' in html or 'selected value="visit"' in html


def test_unreadable_date_filter_is_explained_and_ignored(editor, events):
    response = editor.get("/timeline/", query_string={"date_from": "Anfang 2023", "kind": "visit"})
    html = response.get_data(as_text=True)
    shown = page(response)

    assert response.status_code == 200
    assert "Some filters could not be read and are not applied" in html
    assert any("Anfang" in error and "too vague" in error for error in shown.errors)
    assert shown.inputs["date_from"]["value"] == "Anfang 2023"
    assert shown.inputs["date_from"].get("aria-invalid") == "true"
    # The readable filter still applies; the unreadable one does not.
    assert shown.titles == [DEMO_JUNE, DEMO_VISIT]
    assert "date_from" not in query_of(shown.link_with_text("CSV")["href"])


@pytest.mark.parametrize(
    "params",
    [
        {"date_to": "09/10/2023"},
        {"date_from": "2023", "date_to": "2022-13"},
        {"city": "not-a-number"},
        {"city": "9999"},
        {"kind": "party"},
        {"topic": "-1"},
        {"page": "abc"},
    ],
)
def test_bad_filter_values_do_not_break_the_page(editor, events, params):
    response = editor.get("/timeline/", query_string=params)

    assert response.status_code == 200
    assert page(response).titles  # the timeline is still listed
    for path in ("/timeline/timeline.csv", "/timeline/timeline.ics"):
        assert editor.get(path, query_string=params).status_code == 200


def test_filters_survive_paging(short_pages_app):
    client = short_pages_app.test_client()
    with short_pages_app.app_context():
        add_city("Zhytomyr", "UA")
        add_city("Leeds")
        for number in range(1, 13):
            add_milestone(f"Zhytomyr meeting {number:02}", f"{number}.03.2023", city="Zhytomyr")
            add_milestone(f"Leeds meeting {number:02}", f"{number}.03.2023", city="Leeds")
        zhytomyr = city_id("Zhytomyr")
    client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})

    seen = []
    response = client.get(
        "/timeline/", query_string={"city": zhytomyr, "q": "meeting", "date_from": "2023"}
    )
    for _ in range(3):
        shown = page(response)
        seen.append(shown.titles)
        later = [link for link in shown.links if link["text"] == "Later →"]
        if not later:
            break
        params = query_of(later[0]["href"])
        assert params["city"] == [str(zhytomyr)]
        assert params["q"] == ["meeting"]
        assert params["date_from"] == ["2023"]
        response = client.get(later[0]["href"])

    assert seen == [
        [f"Zhytomyr meeting {n:02}" for n in range(1, 6)],
        [f"Zhytomyr meeting {n:02}" for n in range(6, 11)],
        ["Zhytomyr meeting 11", "Zhytomyr meeting 12"],
    ]
    earlier = page(response).link_with_text("← Earlier")["href"]
    assert query_of(earlier) == {
        "city": [str(zhytomyr)],
        "q": ["meeting"],
        "date_from": ["2023"],
        "page": ["2"],
    }
    assert "Page 3 of 3 (12 events)" in response.get_data(as_text=True)


def test_default_page_holds_fifty_events(app, client, auth):
    with app.app_context():
        for number in range(1, 56):
            add_milestone(f"Meeting {number:02}", f"{(number % 28) + 1}.{(number % 12) + 1}.2022")
    auth.login(Role.VIEWER)

    first = page(client.get("/timeline/", query_string={"q": "Meeting"}))
    later = first.link_with_text("Later →")["href"]
    second = page(client.get(later))

    assert len(first.titles) == 50
    assert len(second.titles) == 5
    assert query_of(later) == {"q": ["Meeting"], "page": ["2"]}
    assert sorted(first.titles + second.titles) == [f"Meeting {n:02}" for n in range(1, 56)]


def test_milestone_recorded_through_its_form_is_found_by_topic_and_city(editor, events):
    new_id = post_milestone(
        editor,
        "Workshop on school partnerships",
        "Q2 2023",
        partner_city_id=str(events["zhytomyr"]),
        topic_ids=[str(events["education"]), str(events["culture"])],
    )

    shown = page(
        editor.get(
            "/timeline/", query_string={"topic": events["education"], "city": events["zhytomyr"]}
        )
    )

    assert shown.titles == ["Workshop on school partnerships", DEMO_VISIT]
    assert shown.entry("Workshop on school partnerships").url == f"/milestones/{new_id}"
    assert shown.entry("Workshop on school partnerships").kind_line == "Milestone · Zhytomyr"
