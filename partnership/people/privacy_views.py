"""Pages for a person's rights: what is held about them, erasure, and the review list."""

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from partnership.audit.models import AuditAction
from partnership.audit.services import record, record_export
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.documents.privacy import documents_to_review
from partnership.extensions import db
from partnership.people import privacy
from partnership.people.review import contacts_to_review
from partnership.routing import page_number

bp = Blueprint("privacy", __name__, url_prefix="/contacts")


@bp.get("/<int:contact_id>/data")
def report(contact_id: int):
    """Show everything held about a person, as for a data access request."""
    contact = privacy.get_contact(contact_id) or abort(404)
    return render_template(
        "privacy/report.html", contact=contact, report=privacy.person_report(contact)
    )


@bp.get("/<int:contact_id>/data.json")
def report_json(contact_id: int):
    """Download everything held about a person as JSON."""
    contact = privacy.get_contact(contact_id) or abort(404)
    body = json.dumps(privacy.person_report(contact), ensure_ascii=False, indent=2)
    record_export(f"person-{contact_id}.json")
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="person-{contact_id}.json"'},
    )


@bp.route("/<int:contact_id>/erase", methods=["GET", "POST"])
@requires(Role.ADMIN)
def erase(contact_id: int):
    """Erase a person after an admin confirms: anonymised everywhere, counts kept."""
    contact = privacy.get_contact(contact_id) or abort(404)
    if contact.name == privacy.erased_name(contact):
        abort(404)
    form = FlaskForm()
    if form.validate_on_submit():
        privacy.erase_person(contact)
        # Kind and id only: the entry must not keep the name the erasure removed.
        record(AuditAction.ERASED, detail=f"Contact {contact_id}")
        if contact.archived_at is not None:
            target = url_for("privacy.report", contact_id=contact_id)
        else:
            target = url_for("contacts.detail", object_id=contact_id)
        db.session.commit()
        flash(
            _("The person was erased; their places in delegations stay, without a name."), "success"
        )
        return redirect(target)
    return render_template("privacy/erase.html", contact=contact, form=form)


@bp.get("/review")
@requires(Role.ADMIN)
def review():
    """List contacts nothing has referred to for years, to decide whether to keep them."""
    return render_template(
        "privacy/review.html",
        contacts=contacts_to_review(page_number(), current_app.config["PAGE_SIZE"]),
        documents=documents_to_review(),
    )
