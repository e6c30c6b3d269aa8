"""Pages for delegations (with their members) and visits."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from partnership import once
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.events.views import EventPages
from partnership.extensions import db
from partnership.records.children import ChildPages
from partnership.records.pages import RecordPages, show_invalid
from partnership.records.values import Invalid, from_form
from partnership.visits import forms, services
from partnership.visits.entity import DELEGATION, VISIT
from partnership.visits.models import DelegationMember
from partnership.visits.recording import RecordedVisit, record_visit
from partnership.visits.recording_form import RecordVisitForm

delegations = Blueprint("delegations", __name__, url_prefix="/delegations")
visits = Blueprint("visits", __name__, url_prefix="/visits")
blueprints = (delegations, visits)


class DelegationPages(RecordPages):
    entity = DELEGATION
    form_class = forms.DelegationForm

    def detail_context(self, delegation) -> dict:
        return {"member_form": member_pages.empty_form()}


delegation_pages = DelegationPages().register(delegations)


class MemberPages(ChildPages):
    """Add a person to a delegation (a contact, or a new one by name); take one off it."""

    parent_pages = delegation_pages
    model = DelegationMember
    form_class = forms.MemberForm
    path = "members"
    add_endpoint = "add_member"
    remove_endpoint = "remove_member"
    anchor = "members"
    form_name = "member_form"
    parent_key = "delegation_id"
    values = services.MemberValues

    def add(self, delegation, values):
        return services.add_member(delegation, values)

    def added_message(self, member) -> str:
        return _("Member added.")

    def removed_message(self, member) -> str:
        return _("%(name)s is no longer listed as a member.", name=member.contact.name)

    def remove(self, member) -> None:
        # A membership has no archive columns yet, so taking someone off deletes the row;
        # the contact itself stays.
        db.session.delete(member)


class VisitPages(EventPages):
    entity = VISIT
    form_class = forms.VisitForm


member_pages = MemberPages().register(delegations)
VisitPages().register(visits)


@visits.route("/record", methods=["GET", "POST"])
@requires(Role.EDITOR)
def record():
    """Record a visit with its delegation, members, topics and press article in one form."""
    if location := once.already_saved():
        return once.repeat_response(location)
    form = RecordVisitForm()
    if form.validate_on_submit():
        try:
            visit = record_visit(from_form(RecordedVisit, form))
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        else:
            # Read before the commit: a committed visit must never be answered as a failure.
            location = url_for("visits.detail", object_id=visit.id)
            then = (
                url_for("agreements.create", visit=visit.id)
                if request.form.get("then") == "agreement"
                else location
            )
            message = _("Visit “%(title)s” was recorded.", title=visit)
            if repeat := once.commit(location):
                return repeat
            flash(message, "success")
            return redirect(then)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("visits/record.html", form=form), status
