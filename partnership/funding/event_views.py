"""An event's funding page: the grants that pay for it, its receipts and its participants."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from partnership import once
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding import queries, services
from partnership.funding.event_forms import CostItemForm, ParticipantForm
from partnership.funding.forms import EventGrantForm
from partnership.funding.models import CostItem, Participant
from partnership.people.models import Contact

bp = Blueprint("event_funding", __name__, url_prefix="/events")


def render_funding(event: Event, status: int = 200, **forms):
    """Render the event's funding page; `forms` replace the empty ones (to show errors)."""
    participants = queries.event_participants(event.id)
    taking_part = {p.contact_id for p in participants}
    delegation = getattr(event, "delegation", None)
    people = queries.delegation_people(delegation) if delegation else []
    proposed = [contact for contact, _role in people if contact.id not in taking_part]
    context = {
        "grant_form": EventGrantForm(formdata=None, prefix="grant"),
        "participant_form": ParticipantForm(formdata=None, prefix="participant"),
        "cost_form": CostItemForm(formdata=None, prefix="cost", event=event),
        **forms,
    }
    return render_template(
        "grants/event.html",
        event=event,
        participants=participants,
        by_country=queries.count_by_country(participants),
        proposed=proposed,
        costs=queries.event_costs(event.id),
        **context,
    ), status


def _back(event_id: int, anchor: str):
    return redirect(_section(event_id, anchor))


def _section(event_id: int, anchor: str) -> str:
    return url_for("event_funding.detail", object_id=event_id, _anchor=anchor)


@bp.get("/<int:object_id>/funding")
def detail(object_id: int):
    """Show the grants, receipts and participants of an event."""
    return render_funding(db.get_or_404(Event, object_id))


@bp.post("/<int:object_id>/funding/grants")
@requires(Role.EDITOR)
def link_grant(object_id: int):
    """Record that a grant pays for this event."""
    target = _section(object_id, "grants")
    if once.already_saved():
        return once.repeat_response(target)
    event = db.get_or_404(Event, object_id)
    form = EventGrantForm(prefix="grant")
    if not form.validate_on_submit():
        return render_funding(event, 422, grant_form=form)
    if services.link_grant(event, form) is None:
        form.grant_id.errors.append(_("This grant is linked to this event already."))
        return render_funding(event, 422, grant_form=form)
    if repeat := once.commit(target):
        return repeat
    flash(_("The event is now listed as funded by this grant."), "success")
    return redirect(target)


@bp.post("/<int:object_id>/funding/participants")
@requires(Role.EDITOR)
def add_participant(object_id: int):
    """Add a participant: a contact, or a name as written on the signed list."""
    target = _section(object_id, "participants")
    if once.already_saved():
        return once.repeat_response(target)
    event = db.get_or_404(Event, object_id)
    form = ParticipantForm(prefix="participant")
    if not form.validate_on_submit():
        return render_funding(event, 422, participant_form=form)
    contact = db.session.get(Contact, form.contact_id.data) if form.contact_id.data else None
    if services.add_participant(event, form, contact) is None:
        form.contact_id.errors.append(_("This person takes part already."))
        return render_funding(event, 422, participant_form=form)
    if repeat := once.commit(target):
        return repeat
    flash(_("Participant added."), "success")
    return redirect(target)


@bp.post("/<int:object_id>/funding/participants/delegation")
@requires(Role.EDITOR)
def add_delegation(object_id: int):
    """Add the visiting delegation's head and members as participants, in one go."""
    event = db.get_or_404(Event, object_id)
    added = services.add_delegation_members(event, queries.home_country())
    message = ngettext(
        "%(num)d member of the delegation added.",
        "%(num)d members of the delegation added.",
        len(added),
    )
    db.session.commit()
    flash(message, "success")
    return _back(object_id, "participants")


@bp.post("/<int:object_id>/funding/participants/<int:participant_id>/signed")
@requires(Role.EDITOR)
def toggle_signed(object_id: int, participant_id: int):
    """Mark that a participant signed the list, or take the mark back."""
    participant = db.get_or_404(Participant, participant_id)
    if participant.event_id == object_id:
        participant.signed_list = not participant.signed_list
        db.session.commit()
    return _back(object_id, "participants")


@bp.post("/<int:object_id>/funding/participants/<int:participant_id>/remove")
@requires(Role.EDITOR)
def remove_participant(object_id: int, participant_id: int):
    """Take someone off the participants; a contact itself stays."""
    participant = db.get_or_404(Participant, participant_id)
    if participant.event_id == object_id:
        name = participant.display_name
        db.session.delete(participant)
        db.session.commit()
        flash(_("%(name)s is no longer listed as a participant.", name=name), "success")
    return _back(object_id, "participants")


@bp.post("/<int:object_id>/funding/costs")
@requires(Role.EDITOR)
def add_cost(object_id: int):
    """Book a receipt for this event on a budget line of a grant that funds it."""
    target = _section(object_id, "costs")
    if once.already_saved():
        return once.repeat_response(target)
    event = db.get_or_404(Event, object_id)
    form = CostItemForm(prefix="cost", event=event)
    if not form.validate_on_submit():
        return render_funding(event, 422, cost_form=form)
    services.add_cost(event, form)
    if repeat := once.commit(target):
        return repeat
    flash(_("Receipt booked."), "success")
    return redirect(target)


@bp.post("/<int:object_id>/funding/costs/<int:cost_id>/remove")
@requires(Role.EDITOR)
def remove_cost(object_id: int, cost_id: int):
    """Remove a receipt booked in error."""
    cost = db.get_or_404(CostItem, cost_id)
    if cost.event_id == object_id:
        db.session.delete(cost)
        db.session.commit()
        flash(_("Receipt removed."), "success")
    return _back(object_id, "costs")
