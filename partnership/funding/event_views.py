"""An event's funding page: the grants that pay for it, its receipts and its participants."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding import event_services, queries, services
from partnership.funding.event_forms import CostItemForm, ParticipantForm
from partnership.funding.forms import EventGrantForm
from partnership.funding.models import CostItem, GrantEvent, Participant
from partnership.records.children import ChildPages

bp = Blueprint("event_funding", __name__, url_prefix="/events")


class EventFundingPage:
    """The funding page of one event, the parent page of its grant links, receipts and
    participants."""

    area = "event_funding"

    def get_or_404(self, object_id: int) -> Event:
        return db.get_or_404(Event, object_id)

    def render_detail(self, event: Event, status: int = 200, **forms):
        """Render the event's funding page; `forms` replace the empty ones (to show errors)."""
        participants = queries.event_participants(event.id)
        taking_part = {p.contact_id for p in participants}
        delegation = getattr(event, "delegation", None)
        people = queries.delegation_people(delegation) if delegation else []
        proposed = [contact for contact, _role in people if contact.id not in taking_part]
        empty = {child.form_name: child.empty_form(event) for child in (GRANTS, PEOPLE, COSTS)}
        return render_template(
            "grants/event.html",
            event=event,
            participants=participants,
            by_country=queries.count_by_country(participants),
            proposed=proposed,
            costs=queries.event_costs(event.id),
            **{**empty, **forms},
        ), status


class GrantLinkPages(ChildPages):
    """Links between a grant and an event, added and removed from either side's page."""

    model = GrantEvent
    values = services.GrantEventValues
    remove_path = "unlink"

    def add(self, parent, values):
        return services.link_grant_event(values)

    def link(self, grant_id: int, event_id: int):
        return services.live_link(grant_id, event_id) or abort(404)

    def remove(self, link) -> None:
        services.unlink_grant_event(link)

    def added_message(self, link) -> str:
        return _("The event is now listed as funded by this grant.")

    def removed_message(self, link) -> str:
        return _("The event is no longer listed as funded by this grant.")


class EventGrantPages(GrantLinkPages):
    """The grants that pay for an event; a child is named by its grant's id."""

    form_class = EventGrantForm
    path = "funding/grants"
    anchor = "grants"
    form_name = "grant_form"
    parent_key = "event_id"
    form_prefix = "grant"
    add_endpoint = "link_grant"
    remove_endpoint = "unlink_grant"

    def child_or_404(self, object_id: int, child_id: int):
        return self.link(grant_id=child_id, event_id=object_id)


class ParticipantPages(ChildPages):
    model = Participant
    form_class = ParticipantForm
    path = "funding/participants"
    anchor = "participants"
    form_name = "participant_form"
    parent_key = "event_id"
    form_prefix = "participant"
    values = event_services.ParticipantValues
    add_endpoint = "add_participant"
    remove_endpoint = "remove_participant"

    def add(self, event, values):
        return event_services.add_participant(values)

    def added_message(self, participant) -> str:
        return _("Participant added.")

    def removed_message(self, participant) -> str:
        return _("%(name)s is no longer listed as a participant.", name=participant.display_name)


class CostItemPages(ChildPages):
    """Receipts, booked on a budget line of a grant that pays for the event."""

    model = CostItem
    form_class = CostItemForm
    path = "funding/costs"
    anchor = "costs"
    form_name = "cost_form"
    parent_key = "event_id"
    form_prefix = "cost"
    values = event_services.CostItemValues
    add_endpoint = "add_cost"
    remove_endpoint = "remove_cost"

    def form(self, event, **kwargs):
        return CostItemForm(prefix=self.form_prefix, event=event, **kwargs)

    def add(self, event, values):
        return event_services.add_cost_item(values)

    def added_message(self, cost) -> str:
        return _("Receipt booked.")

    def removed_message(self, cost) -> str:
        return _("Receipt removed.")


PAGE = EventFundingPage()
GRANTS, PEOPLE, COSTS = EventGrantPages(), ParticipantPages(), CostItemPages()
for child in (GRANTS, PEOPLE, COSTS):
    child.parent_pages = PAGE
    child.register(bp)


def _section(event_id: int, anchor: str) -> str:
    return url_for("event_funding.detail", object_id=event_id, _anchor=anchor)


@bp.get("/<int:object_id>/funding")
def detail(object_id: int):
    """Show the grants, receipts and participants of an event."""
    return PAGE.render_detail(PAGE.get_or_404(object_id))


@bp.post("/<int:object_id>/funding/participants/delegation")
@requires(Role.EDITOR)
def add_delegation(object_id: int):
    """Add the visiting delegation's head and members as participants, in one go."""
    event = PAGE.get_or_404(object_id)
    added = event_services.add_delegation_members(event, queries.home_country())
    message = ngettext(
        "%(num)d member of the delegation added.",
        "%(num)d members of the delegation added.",
        len(added),
    )
    db.session.commit()
    flash(message, "success")
    return redirect(_section(object_id, "participants"))


@bp.post("/<int:object_id>/funding/participants/<int:participant_id>/signed")
@requires(Role.EDITOR)
def toggle_signed(object_id: int, participant_id: int):
    """Mark that a participant signed the list, or take the mark back."""
    PAGE.get_or_404(object_id)
    participant = PEOPLE.child_or_404(object_id, participant_id)
    event_services.set_signed(participant, not participant.signed_list)
    db.session.commit()
    return redirect(_section(object_id, "participants"))
