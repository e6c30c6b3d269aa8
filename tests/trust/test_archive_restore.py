"""Deleting archives a record: it leaves every page, and an admin brings it back whole."""

import pytest
from pages.helpers import (
    delete,
    listed,
    make_article,
    make_city,
    make_contact,
    make_delegation,
    make_funder,
    make_grant,
    make_topic,
    make_visit,
    page,
    show,
)

from partnership.auth.models import Role

from .conftest import logged_in

TITLE = "Solar panels for the schools of Korosten"


@pytest.fixture
def visit_with_links(editor):
    """A visit with topics, a programme, a press article and a delegation with a member."""
    city = make_city(editor, "Korosten")
    delegation = make_delegation(editor, "Delegation of Korosten, May 2024", size=4)
    member = make_contact(editor, "Iryna Bondar")
    assert (
        editor.post(
            f"/delegations/{delegation}/members", data={"contact_id": member, "role": "Teacher"}
        ).status_code
        == 302
    )
    topics = [make_topic(editor, "Energy"), make_topic(editor, "Education")]
    visit = make_visit(
        editor,
        city,
        title=TITLE,
        date="12.–14. Mai 2024",
        partner_city_id=city,
        delegation_id=delegation,
        topic_ids=topics,
        programme="Welcome at the town hall\nVisit to School No. 3",
    )
    article = make_article(
        editor, title="Korosten guests see solar roofs", url="https://example.org/", event_ids=visit
    )
    return {"city": city, "delegation": delegation, "visit": visit, "article": article}


def visible_everywhere(client, ids) -> dict[str, bool]:
    """Where the visit can be found: its page, the list, timeline, search, city and article."""
    visit = ids["visit"]
    href = f"/visits/{visit}"
    return {
        "page": client.get(href).status_code == 200,
        "list": listed(client, "visits", visit),
        "timeline": page(client.get("/timeline/")).links_to(href),
        "search": page(client.get("/search/", query_string={"q": "Solar panels"})).links_to(href),
        "city": show(client, "cities", ids["city"]).links_to(href),
        "article": show(client, "press", ids["article"]).links_to(href),
        "delegation": show(client, "delegations", ids["delegation"]).links_to(href),
        "list export": TITLE in downloaded(client, "/visits/export.csv"),
        "timeline export": TITLE in downloaded(client, "/timeline/timeline.csv"),
    }


def downloaded(client, url: str) -> str:
    with client.get(url) as response:
        assert response.status_code == 200, url
        return response.get_data(as_text=True)


def test_a_deleted_visit_leaves_every_page_and_comes_back_whole(editor, admin, visit_with_links):
    ids = visit_with_links
    visit = ids["visit"]
    assert all(visible_everywhere(editor, ids).values()), visible_everywhere(editor, ids)

    response = delete(editor, "visits", visit)

    assert response.status_code == 302
    assert "moved to the archive" in page(editor.get(response.headers["Location"])).text
    assert not any(visible_everywhere(editor, ids).values()), visible_everywhere(editor, ids)
    archive = page(admin.get("/archive/"))
    assert TITLE in archive.text
    assert archive.form(f"/archive/Visit/{visit}/restore")

    restored = admin.post(f"/archive/Visit/{visit}/restore")

    assert restored.status_code == 302
    assert "is back, with its links" in page(admin.get("/archive/")).text
    assert TITLE not in page(admin.get("/archive/")).text
    assert all(visible_everywhere(editor, ids).values()), visible_everywhere(editor, ids)
    shown = show(editor, "visits", visit)
    for text in (
        "Energy",
        "Education",
        "Welcome at the town hall",
        "Visit to School No. 3",
        "Korosten guests see solar roofs",
        "Iryna Bondar",
        "4 people",
    ):
        assert text in shown.text, text
    assert shown.links_to(f"/delegations/{ids['delegation']}")


def test_the_delete_page_says_the_record_can_be_restored(editor, visit_with_links):
    """Deleting archives now; the confirmation must not claim it is final."""
    confirm = page(editor.get(f"/visits/{visit_with_links['visit']}/delete"))

    assert "cannot be undone" not in confirm.text
    assert "archive" in confirm.text.lower()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_only_admins_see_the_archive_and_restore(app, editor, visit_with_links, role):
    visit = visit_with_links["visit"]
    delete(editor, "visits", visit)
    client = logged_in(app, role)

    assert client.get("/archive/").status_code == 403
    assert client.post(f"/archive/Visit/{visit}/restore").status_code == 403
    assert client.get(f"/visits/{visit}").status_code == 404


def test_restoring_something_not_archived_or_unknown_is_404(admin, visit_with_links):
    visit = visit_with_links["visit"]

    assert admin.post(f"/archive/Visit/{visit}/restore").status_code == 404
    assert admin.post("/archive/Visit/999999/restore").status_code == 404
    assert admin.post(f"/archive/Nothing/{visit}/restore").status_code == 404


def test_an_archived_visit_no_longer_blocks_deleting_its_delegation(
    editor, admin, visit_with_links
):
    """The archived visit keeps its delegation id; restoring both brings the link back."""
    ids = visit_with_links
    refused = delete(editor, "delegations", ids["delegation"])
    assert refused.status_code == 409
    assert "1 visit refers to it as delegation." in page(refused).text

    delete(editor, "visits", ids["visit"])
    assert delete(editor, "delegations", ids["delegation"]).status_code == 302

    # The visit alone comes back without a dangling link, then the delegation joins it again.
    admin.post(f"/archive/Visit/{ids['visit']}/restore")
    alone = show(editor, "visits", ids["visit"])
    assert "No delegation is recorded for this visit." in alone.text
    admin.post(f"/archive/Delegation/{ids['delegation']}/restore")
    together = show(editor, "visits", ids["visit"])
    assert together.links_to(f"/delegations/{ids['delegation']}")
    assert "Iryna Bondar" in together.text


def test_an_archived_topic_name_can_be_used_again_or_is_explained(editor, admin):
    """A new record may not silently clash with an archived one nobody can see."""
    topic = make_topic(editor, "Water supply")
    delete(editor, "topics", topic)

    response = editor.post("/topics/new", data={"name": "Water supply"})

    if response.status_code == 302:
        return
    assert response.status_code == 422
    summary = page(response).text.split("Please check the form", 1)[1]
    assert "archive" in summary.lower(), summary


def test_a_visit_whose_grant_was_archived_still_opens(app, editor, visit_with_links):
    """Archiving a grant keeps its links for a restore; the funded visit's page must still work."""
    grant = make_grant(editor, make_funder(editor))
    visit = visit_with_links["visit"]
    assert editor.post(f"/grants/{grant}/events", data={"event_id": visit}).status_code == 302
    assert delete(editor, "grants", grant).status_code == 302

    response = editor.get(f"/visits/{visit}")

    assert response.status_code == 200
    assert not page(response).links_to(f"/grants/{grant}")
