"""The invitation's e-mail: written in the language the admin chose for the invited person."""

from contextlib import contextmanager
from dataclasses import dataclass

from flask import g, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from partnership import mail
from partnership.formatting import format_day
from partnership.partner_access.models import PartnerInvitation


@dataclass(frozen=True)
class Outcome:
    """What became of the e-mail: sent, or not, and why; the link to show when it was not."""

    link: str
    sent: bool
    problem: str = ""
    configured: bool = True


def invitation_link(token: str) -> str:
    return mail.absolute_url("partner_access.accept", token=token)


def compose(invitation: PartnerInvitation, link: str, language: str, inviter):
    """Write the message in `language`: subject, plain text and an HTML alternative."""
    with force_locale(language), _city_names_read_anew():
        context = {
            "invitation": invitation,
            "partnership": invitation.partnership,
            "partner_city": invitation.partnership.partner_city,
            "inviter": inviter,
            "link": link,
            "expires": format_day(invitation.expires_at.date()),
            "language": language,
        }
        subject = _(
            "Invitation to the partnership %(partnership)s", partnership=invitation.partnership
        )
        text = render_template("partner_access/invitation_mail_text.html", **context)
        html = render_template("partner_access/invitation_mail.html", **context)
    return mail.compose(invitation.email, invitation.name, subject, text, html, language)


@contextmanager
def _city_names_read_anew():
    # A request keeps the cities' names in its reader's language (partners/display.py); the
    # e-mail is read in another language, so they are read anew for it and put back after.
    kept = g.pop("city_names", None)
    try:
        yield
    finally:
        g.pop("city_names", None)
        if kept is not None:
            g.city_names = kept


def send_invitation(invitation: PartnerInvitation, token: str, language: str, inviter) -> Outcome:
    """Send the invitation; where that cannot be done, say why (the caller shows the link)."""
    link = invitation_link(token)
    if not mail.is_configured():
        return Outcome(link, sent=False, configured=False)
    try:
        mail.send(compose(invitation, link, language, inviter))
    except mail.MailNotSent as error:
        return Outcome(link, sent=False, problem=str(error))
    return Outcome(link, sent=True)
