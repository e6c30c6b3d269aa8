"""Pages for delegations (with their members) and visits."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from partnership import once
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.events.views import EVENT_COLUMNS, event_delete_warnings
from partnership.extensions import db
from partnership.labels import label
from partnership.visits import (
    entity,  # noqa: F401  (describes the area)
    forms,
    queries,
    services,
)
from partnership.visits.models import Delegation, DelegationMember, Visit
from partnership.visits.recording import record_visit
from partnership.visits.recording_form import RecordVisitForm

delegations = Blueprint("delegations", __name__, url_prefix="/delegations")
visits = Blueprint("visits", __name__, url_prefix="/visits")
blueprints = (delegations, visits)

render_delegation = register_pages(
    delegations,
    EntityPages(
        model=Delegation,
        singular=_l("Delegation"),
        plural=_l("Delegations"),
        form_class=forms.DelegationForm,
        list_query=queries.delegation_list,
        columns=[
            ListColumn(_l("From"), lambda d: d.origin_city or d.origin_organisation or ""),
            ListColumn(_l("Head"), lambda d: d.head or ""),
            ListColumn(_l("People"), lambda d: d.known_size or ""),
        ],
        save=services.save_delegation,
        delete_blockers=blocking_references,
        detail_context=lambda d: {"member_form": forms.MemberForm(formdata=None)},
        search_hint=_l("name or city of origin"),
    ),
)


@delegations.post("/<int:object_id>/members")
@requires(Role.EDITOR)
def add_member(object_id: int):
    """Add a person to the delegation, picked from the contacts or typed as a new one."""
    target = url_for("delegations.detail", object_id=object_id, _anchor="members")
    if once.already_saved():
        return once.repeat_response(target)
    delegation = db.get_or_404(Delegation, object_id)
    form = forms.MemberForm()
    if not form.validate_on_submit():
        return render_delegation(delegation, 422, member_form=form)
    if services.add_member(delegation, form) is None:
        form.contact_id.errors.append(_("This person is a member of this delegation already."))
        return render_delegation(delegation, 422, member_form=form)
    if repeat := once.commit(target):
        return repeat
    flash(_("Member added."), "success")
    return redirect(target)


@delegations.post("/<int:object_id>/members/<int:member_id>/remove")
@requires(Role.EDITOR)
def remove_member(object_id: int, member_id: int):
    """Take a person off the delegation; the contact itself stays."""
    member = db.get_or_404(DelegationMember, member_id)
    if member.delegation_id != object_id:
        return redirect(url_for("delegations.detail", object_id=object_id))
    name = member.contact.name
    db.session.delete(member)
    db.session.commit()
    flash(_("%(name)s is no longer listed as a member.", name=name), "success")
    return redirect(url_for("delegations.detail", object_id=object_id, _anchor="members"))


register_pages(
    visits,
    EntityPages(
        model=Visit,
        singular=_l("Visit"),
        plural=_l("Visits"),
        form_class=forms.VisitForm,
        list_query=queries.visit_list,
        columns=[
            *EVENT_COLUMNS,
            ListColumn(_l("Direction"), lambda v: label(v.direction)),
            ListColumn(_l("Host city"), lambda v: v.host_city or ""),
            ListColumn(_l("Status"), lambda v: label(v.status)),
        ],
        save=services.save_visit,
        load_form=services.load_visit_form,
        delete_blockers=blocking_references,
        delete_warnings=event_delete_warnings,
        search_hint=_l("title, summary or partner city"),
    ),
)


@visits.route("/record", methods=["GET", "POST"])
@requires(Role.EDITOR)
def record():
    """Record a visit with its delegation, members, topics and press article in one form."""
    if location := once.already_saved():
        return once.repeat_response(location)
    form = RecordVisitForm()
    if form.validate_on_submit():
        visit = record_visit(form)
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
    return render_template("visits/record.html", form=form), 422 if form.errors else 200
