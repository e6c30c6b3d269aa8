"""Press articles on the timeline, the city page's embedded timeline, and printing."""

import re

import pytest
from conftest import PASSWORD, USERS
from pages.helpers import Page as FormPage

from partnership.auth.models import Role
from partnership.demo.story import load_demo_story

from .timeline_helpers import (
    DEMO_AID,
    DEMO_ARTICLE,
    DEMO_ARTICLE_URL,
    DEMO_DECISION,
    DEMO_EXCHANGE,
    DEMO_SIGNED,
    DEMO_TIMELINE,
    DEMO_TITLES,
    DEMO_TWINNING,
    TimelinePage,
    add_milestone,
    city_id,
    event_id,
    page,
    post_milestone,
)

DEMO_PRESS = [
    {
        "href": DEMO_ARTICLE_URL,
        "rel": "noopener noreferrer",
        "target": "_blank",
        "text": DEMO_ARTICLE,
    }
]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_each_demo_event_links_its_press_article(client, auth, demo, role):
    auth.login(role)
    shown = page(client.get("/timeline/"))

    assert shown.titles == DEMO_TIMELINE
    for entry in shown.entries:
        if entry.title in DEMO_TITLES:
            assert entry.press == DEMO_PRESS, entry.title
            assert entry.no_press == ""
        else:
            # The partnerships' stages and the aid delivery: no article reports them.
            assert entry.press == [], entry.title


def test_event_without_article_offers_an_editor_to_add_one(editor, demo):
    milestone = post_milestone(editor, "Partnership council meets", "10.10.2023")

    shown = page(editor.get("/timeline/"))
    entry = shown.entry("Partnership council meets")

    assert entry.press == []
    assert "no press article" in entry.no_press
    assert entry.add_press_links == [f"/press/new?event={milestone}"]
    assert all(shown.entry(title).add_press_links == [] for title in DEMO_TITLES)
    # The link opens the article form with the event already picked.
    form = FormPage(editor.get(entry.add_press_links[0]).get_data(as_text=True))
    assert form.field("event_ids").value == [str(milestone)]
    assert "Partnership council meets" in form.text


def test_viewer_sees_missing_press_but_no_link_to_add_it(app, viewer, demo):
    with app.app_context():
        add_milestone("Partnership council meets", "10.10.2023", city="Zhytomyr")

    response = viewer.get("/timeline/")
    entry = page(response).entry("Partnership council meets")

    assert "no press article" in entry.no_press
    assert entry.add_press_links == []
    assert "/press/new" not in response.get_data(as_text=True)


def test_article_linked_to_several_events_shows_under_each(app, editor, demo):
    first = post_milestone(editor, "Mayors sign the declaration", "3.10.2023")
    second = post_milestone(editor, "Declaration presented to the council", "November 2023")
    post_milestone(editor, "Unreported meeting", "December 2023")
    with app.app_context():
        exchange = event_id(DEMO_EXCHANGE)

    response = editor.post(
        "/press/new",
        data={
            "title": "Schytomyr und Dortmund vertiefen Partnerschaft",
            "url": "https://example.org/news/partnerschaft",
            "outlet": "Ruhr Nachrichten",
            "published_on": "2023-11-20",
            "language": "de",
            "section": "",
            "tags": "",
            "event_ids": [str(first), str(second), str(exchange)],
            "notes": "",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)

    shown = page(editor.get("/timeline/"))
    article = {
        "href": "https://example.org/news/partnerschaft",
        "rel": "noopener noreferrer",
        "target": "_blank",
        "text": "Schytomyr und Dortmund vertiefen Partnerschaft",
    }

    assert shown.entry("Mayors sign the declaration").press == [article]
    assert shown.entry("Declaration presented to the council").press == [article]
    assert article in shown.entry(DEMO_EXCHANGE).press
    assert DEMO_PRESS[0] in shown.entry(DEMO_EXCHANGE).press
    assert len(shown.entry(DEMO_EXCHANGE).press) == 2
    for title in ("Mayors sign the declaration", "Declaration presented to the council"):
        assert shown.entry(title).no_press == ""
    unreported = shown.entry("Unreported meeting")
    assert unreported.press == []
    assert "no press article" in unreported.no_press


def test_city_page_embeds_its_timeline_with_press_links(app, viewer, demo):
    with app.app_context():
        zhytomyr = city_id("Zhytomyr")
        add_milestone("Dortmund council budget", "Q4 2023", city="Dortmund")
        add_milestone("Zhytomyr volunteers report", "15.10.2023", city="Zhytomyr")

    response = viewer.get(f"/cities/{zhytomyr}")
    html = response.get_data(as_text=True)
    shown = page(response)

    assert shown.titles == [
        DEMO_DECISION,
        DEMO_SIGNED,
        *DEMO_TITLES[:3],
        "Zhytomyr volunteers report",
        DEMO_TITLES[3],
        DEMO_AID,
        DEMO_TWINNING,
    ]
    assert "Dortmund council budget" not in html
    for title in DEMO_TITLES:
        assert shown.entry(title).press == DEMO_PRESS
    assert "no press article" in shown.entry("Zhytomyr volunteers report").no_press
    assert shown.years == ["2023", "2024", "2025"]
    assert re.search(r'<h3 id="year-2023" class="year">2023</h3>', html)
    assert len(shown.markers) == 1
    link = shown.link_with_text("Open this city's timeline with filters and downloads")
    assert link["href"] == f"/timeline/?city={zhytomyr}"


# -- printing -----------------------------------------------------------------------------


def print_block(css: str) -> str:
    """Return the body of the stylesheet's @media print block."""
    start = css.index("@media print")
    opening = css.index("{", start)
    depth = 0
    for position in range(opening, len(css)):
        depth += {"{": 1, "}": -1}.get(css[position], 0)
        if depth == 0:
            return css[opening + 1 : position]
    raise AssertionError("the @media print block is not closed")


def rules(block: str) -> list[tuple[list[str], str]]:
    found = []
    for selectors, declarations in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
        found.append(([s.strip() for s in selectors.split(",")], declarations))
    return found


def test_timeline_prints_without_navigation_and_with_link_addresses(client, editor, demo):
    html = editor.get("/timeline/").get_data(as_text=True)
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert stylesheet and stylesheet[1] == "/static/style.css"
    with client.get(stylesheet[1]) as response:
        assert response.status_code == 200
        css = response.get_data(as_text=True)

    printed = rules(print_block(css))
    hidden = {
        selector
        for selectors, declarations in printed
        if re.search(r"display\s*:\s*none", declarations)
        for selector in selectors
    }
    assert ".no-print" in hidden
    assert hidden & {".site-header", "header", "nav"}
    assert re.search(r'<header class="site-header">.*<nav', html, re.DOTALL)
    shows_addresses = [
        selectors
        for selectors, declarations in printed
        if "attr(href)" in declarations and re.search(r"content\s*:", declarations)
    ]
    assert shows_addresses and all("::after" in s for s in shows_addresses[0])


def test_filters_downloads_and_pager_are_marked_not_to_print(short_pages_app):
    client = short_pages_app.test_client()
    with short_pages_app.app_context():
        load_demo_story()
        for day in range(1, 8):
            add_milestone(f"Meeting {day}", f"{day}.10.2023")
    client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})

    html = client.get("/timeline/").get_data(as_text=True)

    assert re.search(r'<form class="[^"]*\bfilters\b[^"]*\bno-print\b', html)
    assert re.search(r'<p class="[^"]*\bdownloads\b[^"]*\bno-print\b', html)
    assert re.search(r'<nav class="[^"]*\bpager\b[^"]*\bno-print\b', html)
    assert re.search(r'<details class="[^"]*\bsubscribe\b[^"]*\bno-print\b', html)
    downloads = re.search(r'<p class="downloads no-print">(.*?)</p>', html, re.DOTALL)[1]
    assert len(TimelinePage(downloads).links) == 3
