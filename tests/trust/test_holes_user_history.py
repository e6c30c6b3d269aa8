"""The history of users (e-mail addresses, roles, who was disabled when) is for admins only."""

import pytest
from conftest import USERS
from pages.helpers import make_city, page, submit
from sqlalchemy import select

from partnership.auth.models import Role, User
from partnership.extensions import db


def user_id(app, role: Role) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == USERS[role]))


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_editors_and_viewers_cannot_read_the_history_of_a_user(app, request, role):
    client = request.getfixturevalue(role.value)
    for whose in Role:
        response = client.get(f"/history/User/{user_id(app, whose)}")

        assert response.status_code == 403, (role, whose)
        assert USERS[whose] not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_editors_and_viewers_cannot_filter_all_changes_by_users(request, role):
    client = request.getfixturevalue(role.value)

    for query in ({}, {"entity": "User"}):
        assert client.get("/history/", query_string=query).status_code == 403


def test_editors_and_viewers_still_read_the_history_of_other_records(editor, viewer):
    city = make_city(editor, "Korosten")

    for client in (editor, viewer):
        response = client.get(f"/history/City/{city}")
        assert response.status_code == 200
        assert "Korosten" in page(response).text


def test_admins_read_the_history_of_users(app, admin):
    viewer_id = user_id(app, Role.VIEWER)
    assert submit(admin, f"/users/{viewer_id}/edit", {"name": "Vera Viewer"}).status_code == 302

    own_page = page(admin.get(f"/history/User/{viewer_id}"))
    assert "Vera Viewer" in own_page.text and USERS[Role.VIEWER] in own_page.text

    response = admin.get("/history/", query_string={"entity": "User"})
    assert response.status_code == 200
    listed = page(response)
    assert "Vera Viewer" in listed.text
    assert listed.links_to(f"/history/User/{viewer_id}")
