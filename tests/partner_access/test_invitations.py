"""An admin invites a person of the partner city; the link opens a partner's account once."""

import re
from datetime import timedelta

from babel.dates import format_date
from conftest import USERS, logged_in
from sqlalchemy import select

from partnership.audit.models import AuditAction, AuditEntry
from partnership.auth.models import Role, User
from partnership.auth.sessions import utcnow
from partnership.extensions import db
from partnership.partner_access.models import PartnerInvitation
from partnership.partner_access.views import partner_home
from partnership.partners.models import CityName, Partnership

LINK = re.compile(r"https?://[^\s\"<>]+/invitations/[A-Za-z0-9_-]{43}")
PASSWORD = "a long partner password"


def invite(client, partnership_id: int, **fields):
    data = {"email": "olena@zhytomyr.example", "name": "Olena Petrenko", "language": "en"}
    return client.post(f"/partnerships/{partnership_id}/invite", data={**data, **fields})


def accept(client, link: str, name: str = "Olena Petrenko", password: str = PASSWORD):
    return client.post(link, data={"name": name, "password": password, "password_again": password})


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def the_invitation(app, email: str = "olena@zhytomyr.example") -> PartnerInvitation:
    with app.app_context():
        invitation = db.session.scalars(
            select(PartnerInvitation).where(PartnerInvitation.email == email)
        ).one()
        db.session.expunge(invitation)
        return invitation


def test_the_invitation_arrives_by_mail_and_its_link_opens_a_partner_account_once(
    mail_app, smtp, partnership_id
):
    admin = logged_in(mail_app, Role.ADMIN)
    assert admin.get(f"/partnerships/{partnership_id}/invite").status_code == 200

    answer = invite(admin, partnership_id, language="de")

    assert answer.status_code == 200
    assert "was sent to olena@zhytomyr.example" in answer.text
    assert not LINK.search(answer.text), "a sent link is not shown again"
    [(recipients, message)] = smtp.messages
    assert recipients == ["olena@zhytomyr.example"]
    assert message["To"] == "Olena Petrenko <olena@zhytomyr.example>"
    assert message["From"] == "partnerships@city.example"
    assert "Dortmund – Zhytomyr" in message["Subject"]
    assert message["Content-Language"] == "de"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = LINK.search(text).group()
    assert link in html
    assert "Admin User" in text
    invitation = the_invitation(mail_app)
    assert invitation.token_hash not in text and link.rsplit("/", 1)[1] != invitation.token_hash
    # The expiry date in the chosen language: German month names.
    assert format_date(invitation.expires_at.date(), "d. MMMM y", locale="de") in text
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)

    person = mail_app.test_client()
    form = person.get(link)
    assert form.status_code == 200
    assert form.headers["Referrer-Policy"] == "no-referrer"
    assert 'value="Olena Petrenko"' in form.text
    opened = accept(person, link)

    assert opened.status_code == 302
    with mail_app.test_request_context():
        assert opened.headers["Location"] == partner_home()
    # Logged in (a visitor would be sent to the login page), as a partner: no office page.
    assert person.get("/cities/").status_code == 403
    with mail_app.app_context():
        user = db.session.scalars(select(User).where(User.email == invitation.email)).one()
        assert (user.role, user.partnership_id, user.auth_source) == (
            Role.PARTNER,
            partnership_id,
            "local",
        )
        assert user.check_password(PASSWORD)
        used = db.session.get(PartnerInvitation, invitation.id)
        assert used.accepted_at is not None and used.accepted_user_id == user.id
    assert {
        AuditAction.INVITATION_CREATED,
        AuditAction.INVITATION_SENT,
        AuditAction.INVITATION_ACCEPTED,
    } <= set(audit_actions(mail_app))

    again = mail_app.test_client()
    assert again.get(link).status_code == 410
    assert accept(again, link, password="another long password").status_code == 410
    with mail_app.app_context():
        assert db.session.scalar(select(User.name).where(User.email == invitation.email)) == (
            "Olena Petrenko"
        )


def test_an_english_invitation_is_written_in_english(mail_app, smtp, partnership_id):
    admin = logged_in(mail_app, Role.ADMIN)

    assert invite(admin, partnership_id, language="en").status_code == 200

    [(_, message)] = smtp.messages
    assert message["Content-Language"] == "en"
    text = message.get_body(("plain",)).get_content()
    expires = the_invitation(mail_app).expires_at.date()
    assert format_date(expires, "d MMMM y", locale="en") in text
    assert "invites you to the pages of the partnership Dortmund – Zhytomyr" in text


def test_without_a_mail_server_the_link_is_shown_once_and_works(app, partnership_id):
    admin = logged_in(app, Role.ADMIN)

    answer = invite(admin, partnership_id)

    assert answer.status_code == 200
    assert "No e-mail was sent, since no mail server is set up" in answer.text
    link = LINK.search(answer.text).group()
    assert link.startswith("http://localhost/invitations/")
    assert link not in admin.get(f"/partnerships/{partnership_id}").text
    assert app.test_client().get(link).status_code == 200
    actions = audit_actions(app)
    assert AuditAction.INVITATION_CREATED in actions
    assert AuditAction.INVITATION_SENT not in actions


def test_a_failed_sending_keeps_the_invitation_and_says_why(database_path, partnership_id):
    from .conftest import app_with, free_port

    for app in app_with(
        database_path,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=free_port(),  # nobody listens there
        MAIL_FROM="partnerships@city.example",
        PUBLIC_BASE_URL="https://partnership.city.example/",
    ):
        admin = logged_in(app, Role.ADMIN)
        answer = invite(admin, partnership_id)

        assert answer.status_code == 200
        assert "the e-mail could not be sent" in answer.text
        assert "could not be reached" in answer.text
        link = LINK.search(answer.text).group()
        assert link.startswith("https://partnership.city.example/invitations/")
        assert the_invitation(app).accepted_at is None
        with app.app_context():
            sent = db.session.scalars(
                select(AuditEntry).where(AuditEntry.action == AuditAction.INVITATION_SENT)
            ).one()
            assert "not sent" in sent.detail


def test_expired_withdrawn_and_unknown_links_are_refused(app, partnership_id):
    admin = logged_in(app, Role.ADMIN)
    first = LINK.search(invite(admin, partnership_id).text).group()
    second = LINK.search(invite(admin, partnership_id, email="ivan@zhytomyr.example").text).group()
    with app.app_context():
        invitation = db.session.scalars(
            select(PartnerInvitation).where(PartnerInvitation.email == "olena@zhytomyr.example")
        ).one()
        invitation.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        withdrawn_id = db.session.scalar(
            select(PartnerInvitation.id).where(PartnerInvitation.email == "ivan@zhytomyr.example")
        )
    page = admin.get(f"/partnerships/{partnership_id}").text
    assert "ivan@zhytomyr.example" in page and "expired" in page
    withdrawn = admin.post(f"/invitations/{withdrawn_id}/withdraw")
    assert withdrawn.status_code == 302
    visitor = app.test_client()

    expired = visitor.get(first)
    assert expired.status_code == 410 and "expired" in expired.text
    assert accept(visitor, first).status_code == 410
    refused = visitor.get(second)
    assert refused.status_code == 410 and "withdrawn" in refused.text
    assert accept(visitor, second).status_code == 410
    unknown = visitor.get(first[:-5] + "AAAAA")
    assert unknown.status_code == 404
    assert unknown.headers["Referrer-Policy"] == "no-referrer"
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email.like("%zhytomyr%"))) is None
    assert AuditAction.INVITATION_WITHDRAWN in audit_actions(app)


def test_a_logged_in_user_opening_a_link_is_told_to_log_out_first(app, partnership_id):
    admin = logged_in(app, Role.ADMIN)
    link = LINK.search(invite(admin, partnership_id).text).group()

    answer = admin.get(link)
    sent = accept(admin, link)

    assert answer.status_code == 409 and "log out" in answer.text.lower()
    assert sent.status_code == 409
    assert the_invitation(app).accepted_at is None


def test_the_form_refuses_bad_addresses_accounts_and_a_second_open_invitation(app, partnership_id):
    admin = logged_in(app, Role.ADMIN)
    invite(admin, partnership_id)

    refusals = {
        "not an address": "Enter a valid email address.",
        USERS[Role.VIEWER].upper(): "has an account already",
        "OLENA@zhytomyr.example": "has an open invitation",
    }
    for email, message in refusals.items():
        answer = invite(admin, partnership_id, email=email)
        assert answer.status_code == 422, email
        assert message in answer.text, email
    with app.app_context():
        assert len(db.session.scalars(select(PartnerInvitation)).all()) == 1


def test_the_new_account_needs_a_name_and_matching_passwords(app, partnership_id):
    admin = logged_in(app, Role.ADMIN)
    link = LINK.search(invite(admin, partnership_id).text).group()
    person = app.test_client()

    short = accept(person, link, password="short")
    differ = person.post(
        link, data={"name": "Olena", "password": PASSWORD, "password_again": PASSWORD + "!"}
    )

    assert short.status_code == 422 and "Between 10 and 200 characters" in short.text
    assert differ.status_code == 422 and "The two passwords differ." in differ.text
    assert the_invitation(app).accepted_at is None


def test_only_admins_invite_and_withdraw(app, partnership_id):
    admin = logged_in(app, Role.ADMIN)
    invite(admin, partnership_id)
    invitation_id = the_invitation(app).id
    for role in (Role.VIEWER, Role.EDITOR):
        client = logged_in(app, role)
        assert client.get(f"/partnerships/{partnership_id}/invite").status_code == 403
        assert invite(client, partnership_id, email="x@zhytomyr.example").status_code == 403
        assert client.post(f"/invitations/{invitation_id}/withdraw").status_code == 403
        assert "Invite a person of" not in client.get(f"/partnerships/{partnership_id}").text
    assert the_invitation(app).revoked_at is None
    assert "Invite a person of Zhytomyr" in admin.get(f"/partnerships/{partnership_id}").text


def test_a_ukrainian_invitation_names_the_city_and_the_date_in_ukrainian(
    mail_app, smtp, partnership_id
):
    with mail_app.app_context():
        partnership = db.session.get(Partnership, partnership_id)
        partnership.partner_city.names.append(CityName("Житомир", language="uk"))
        db.session.commit()
    admin = logged_in(mail_app, Role.ADMIN)

    answer = invite(admin, partnership_id, language="uk")

    [(_, message)] = smtp.messages
    assert message["Content-Language"] == "uk"
    assert "Житомир" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    expires = the_invitation(mail_app).expires_at.date()
    assert format_date(expires, "MMMM", locale="uk") in text
    assert "Житомир" not in answer.text, "the admin's own page keeps the admin's language"
