"""Partner users on the users' pages, and the ways in that never make one."""

import pytest
from conftest import USERS, logged_in
from sqlalchemy import select

from partnership.auth import oidc_claims
from partnership.auth.ldap_settings import office_role
from partnership.auth.models import Role, User
from partnership.extensions import db

PASSWORD = "a long partner password"


@pytest.fixture
def partner_id(app, partnership_id) -> int:
    """A partner user of the partnership, made by an invitation accepted."""
    admin = logged_in(app, Role.ADMIN)
    answer = admin.post(
        f"/partnerships/{partnership_id}/invite",
        data={"email": "olena@zhytomyr.example", "name": "Olena", "language": "en"},
    )
    link = answer.text.split('id="invitation-link"', 1)[1].split(">", 2)[1].split("<", 1)[0]
    person = app.test_client()
    opened = person.post(
        link, data={"name": "Olena Petrenko", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert opened.status_code == 302
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == "olena@zhytomyr.example"))


def role_options(html: str) -> list[str]:
    select_html = html.split('name="role"', 1)[1].split("</select>", 1)[0]
    return [part.split('"', 1)[0] for part in select_html.split('value="')[1:]]


def test_the_role_choice_never_offers_partner(admin, app, partner_id):
    viewer_id = db_id(app, USERS[Role.VIEWER])

    assert role_options(admin.get("/users/new").text) == ["viewer", "editor", "admin"]
    assert role_options(admin.get(f"/users/{viewer_id}/edit").text) == [
        "viewer",
        "editor",
        "admin",
    ]
    assert 'name="role"' not in admin.get(f"/users/{partner_id}/edit").text
    made = admin.post(
        "/users/new",
        data={"email": "sneaky@example.org", "role": "partner", "password": PASSWORD},
    )
    changed = admin.post(
        f"/users/{viewer_id}/edit",
        data={"email": USERS[Role.VIEWER], "role": "partner", "active": "y"},
    )

    assert made.status_code == 422 and changed.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "sneaky@example.org")) is None
        assert db.session.get(User, viewer_id).role is Role.VIEWER


def db_id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def test_a_partner_shows_their_partnership_stays_a_partner_and_can_be_disabled(
    admin, app, partnership_id, partner_id
):
    listed = admin.get("/users/").text
    assert "Dortmund – Zhytomyr" in listed
    assert f'href="/partnerships/{partnership_id}"' in listed
    page = admin.get(f"/users/{partner_id}/edit").text
    assert "A partner user of the partnership Dortmund – Zhytomyr" in page
    assert "Olena Petrenko" in admin.get(f"/partnerships/{partnership_id}").text
    partner = app.test_client()
    partner.post("/login", data={"email": "olena@zhytomyr.example", "password": PASSWORD})
    assert partner.get("/cities/").status_code == 403, "logged in as a partner"

    saved = admin.post(
        f"/users/{partner_id}/edit",
        data={"email": "olena@zhytomyr.example", "name": "Olena P.", "role": "admin"},
    )

    assert saved.status_code == 302
    with app.app_context():
        user = db.session.get(User, partner_id)
        assert (user.role, user.partnership_id, user.name) == (
            Role.PARTNER,
            partnership_id,
            "Olena P.",
        )
        assert not user.active
    assert partner.get("/cities/").status_code == 302, "the disabled partner's session ended"
    again = app.test_client().post(
        "/login", data={"email": "olena@zhytomyr.example", "password": PASSWORD}
    )
    assert again.status_code == 401


def test_no_command_directory_group_or_claim_makes_a_partner(runner):
    result = runner.invoke(
        args=["users", "create", "partner2@example.org", "--role", "partner"],
        input=f"{PASSWORD}\n",
    )

    assert result.exit_code != 0 and "partner" in result.output
    with pytest.raises(ValueError):
        office_role("partner")
    with pytest.raises(ValueError):
        oidc_claims.parse_role_map('{"partner-city": "partner"}')
    with pytest.raises(ValueError):
        oidc_claims.parse_default_role("partner")
    assert office_role("editor") is Role.EDITOR
