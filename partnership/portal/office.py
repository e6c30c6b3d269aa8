"""The home office's side of proposals: the list of what waits, and confirming an event."""

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError

from partnership.auth.access import requires
from partnership.auth.models import Role, User
from partnership.events.models import Event
from partnership.extensions import db
from partnership.formatting import event_url
from partnership.portal import services
from partnership.portal.blueprint import paginate
from partnership.records.values import Invalid

bp = Blueprint("proposals", __name__, url_prefix="/proposals")


@bp.app_template_global()
def proposer_of(event) -> User | None:
    """The partner user who proposed an event, for the box on its page."""
    proposer_id = getattr(event, "proposed_by_id", None)
    return db.session.get(User, proposer_id) if proposer_id else None


@bp.get("/")
def index():
    """List the events partners proposed that wait for confirmation, the newest first."""
    return render_template("portal/proposals.html", pagination=paginate(services.awaiting_query()))


@bp.post("/<int:object_id>/confirm")
@requires(Role.EDITOR)
def confirm(object_id: int):
    """Confirm a proposed event as it stands, unless it changed since the page was read."""
    event = db.get_or_404(Event, object_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    location = event_url(event)
    seen_version = request.form.get("version", type=int, default=-1)
    if seen_version != event.version:
        return _changed_meanwhile(event, location)
    try:
        services.confirm_event(event)
        message = _("“%(title)s” is confirmed.", title=event)
        db.session.commit()
    except Invalid as invalid:
        db.session.rollback()
        flash(" ".join(invalid.errors.values()), "info")
        return redirect(location)
    except StaleDataError:
        db.session.rollback()
        return _changed_meanwhile(db.get_or_404(Event, object_id), location)
    flash(message, "success")
    return redirect(location)


def _changed_meanwhile(event, location: str):
    # Confirming what nobody has read would take the partner's later change unseen.
    return render_template("portal/changed.html", event=event, location=location), 409
