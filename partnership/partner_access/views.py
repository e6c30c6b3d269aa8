"""Admins invite a person of the partner city; the invited person opens their account."""

from flask import Blueprint, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError

from partnership import once
from partnership.audit.models import LoginMethod
from partnership.auth import sessions
from partnership.auth.access import requires
from partnership.auth.login_flow import complete_login
from partnership.auth.models import Role
from partnership.extensions import db
from partnership.i18n import LANGUAGES, current_language
from partnership.partner_access import entity, queries, sending, services  # noqa: F401
from partnership.partner_access.forms import AcceptForm, InvitationForm
from partnership.partner_access.models import InvitationState, PartnerInvitation
from partnership.partners.models import Partnership
from partnership.records.pages import show_invalid
from partnership.records.values import Invalid

bp = Blueprint("partner_access", __name__)

# The language an invitation is written in by default: the partner city's, where we have it.
COUNTRY_LANGUAGES = {"UA": "uk", "DE": "de", "AT": "de", "CH": "de", "LI": "de"}


@bp.app_template_global("partner_access_of")
def partner_access_of(partnership: Partnership) -> queries.PartnerAccess:
    return queries.partner_access_of(partnership.id)


@bp.route("/partnerships/<int:object_id>/invite", methods=["GET", "POST"])
@requires(Role.ADMIN)
def invite(object_id: int):
    """Invite a person of the partner city as a partner user of this partnership."""
    partnership = db.get_or_404(Partnership, object_id)
    back = url_for("partnerships.detail", object_id=partnership.id)
    if location := once.already_saved():
        return once.repeat_response(location)
    form = InvitationForm()
    if not form.is_submitted():
        form.language.data = _default_language(partnership)
    if form.validate_on_submit():
        values = services.InvitationValues(
            partnership.id, form.email.data, form.name.data, form.language.data
        )
        try:
            invitation, token = services.invite(values, current_user)
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        else:
            # Saved before sending: an e-mail must never carry a link the database lacks.
            if repeat := once.commit(back):
                return repeat
            outcome = sending.send_invitation(invitation, token, values.language, current_user)
            if outcome.configured:
                services.note_sending(invitation, current_user, outcome.problem)
                db.session.commit()
            # The link is shown here once and never again (only its hash is kept).
            return render_template(
                "partner_access/invited.html",
                invitation=invitation,
                partnership=partnership,
                outcome=outcome,
            )
    return render_template(
        "partner_access/invite.html", form=form, partnership=partnership
    ), 422 if form.errors else 200


def _default_language(partnership: Partnership) -> str:
    language = COUNTRY_LANGUAGES.get(partnership.partner_city.country_code.upper(), "en")
    return language if language in LANGUAGES else current_language()


@bp.post("/invitations/<int:invitation_id>/withdraw")
@requires(Role.ADMIN)
def withdraw(invitation_id: int):
    """End an open invitation, e.g. one sent to a wrong address."""
    invitation = db.get_or_404(PartnerInvitation, invitation_id)
    back = url_for("partnerships.detail", object_id=invitation.partnership_id)
    try:
        services.withdraw(invitation, current_user)
    except services.NoLongerOpen:
        flash(_("This invitation was no longer open."), "info")
        return redirect(back)
    message = _("The invitation of %(email)s was withdrawn.", email=invitation.email)
    db.session.commit()
    flash(message, "success")
    return redirect(back)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept(token: str):
    """Open the invited person's account: their name and a password, then they are in."""
    if current_user.is_authenticated:
        return _private(render_template("partner_access/logged_in.html"), 409)
    invitation = services.find_invitation(token)
    if invitation is None:
        return _unusable(None)
    if invitation.state_at(sessions.utcnow()) is not InvitationState.OPEN:
        return _unusable(invitation)
    form = AcceptForm(data={"name": invitation.name})
    if form.validate_on_submit():
        values = services.AcceptValues(form.name.data, form.password.data, form.password_again.data)
        try:
            user = services.accept(invitation, values)
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        except services.NoLongerOpen:
            db.session.rollback()
            return _unusable(db.session.get(PartnerInvitation, invitation.id), taken=True)
        else:
            sessions.end_current()
            return _private(complete_login(user, LoginMethod.LOCAL, partner_home()))
    page = render_template("partner_access/accept.html", form=form, invitation=invitation)
    return _private(page, 422 if form.errors else 200)


def partner_home() -> str:
    """Where a partner user starts: their portal (its plain address while it is being built)."""
    try:
        return url_for("portal.index")
    except BuildError:
        return "/partner/"


def _unusable(invitation: PartnerInvitation | None, taken: bool = False):
    state = invitation.state_at(sessions.utcnow()) if invitation is not None else None
    page = render_template("partner_access/unusable.html", state=state, taken=taken)
    return _private(page, 404 if invitation is None else 410)


def _private(response, status: int = 200):
    """Keep the link's secret out of the Referer of anything the page loads or links to."""
    response = make_response(response, status) if isinstance(response, str) else response
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
