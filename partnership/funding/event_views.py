"""An event's funding page: the grants that pay for it, its receipts and its participants."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.csvfile import csv_response
from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding import event_services, participant_import, queries, services
from partnership.funding.event_forms import (
    CostItemForm,
    ParticipantForm,
    ParticipantImportForm,
    signed_ticks,
)
from partnership.funding.forms import EventGrantForm
from partnership.funding.models import CostItem, Grant, GrantEvent, Participant
from partnership.funding.participant_counts import participant_counts
from partnership.funding.participant_queries import figure_rows, participant_page
from partnership.funding.participant_services import SignedListChanged, mark_signed
from partnership.imports.columns import ImportFileError
from partnership.imports.services import ImportRefused
from partnership.records.children import ChildPages

bp = Blueprint("event_funding", __name__, url_prefix="/events")


class EventFundingPage:
    """The funding page of one event, the parent page of its grant links, receipts and
    participants."""

    area = "event_funding"

    def get_or_404(self, object_id: int) -> Event:
        # Each grant link's grant and funder in one query, however many grants pay for it.
        grants = selectinload(Event.grant_links).joinedload(GrantEvent.grant)
        options = [joinedload(Event.partner_city), grants.joinedload(Grant.funder)]
        return db.get_or_404(Event, object_id, options=options)

    def render_detail(self, event: Event, status: int = 200, **forms):
        """Render the event's funding page; `forms` replace the empty ones (to show errors).

        Participants are listed a page at a time; their counts are computed over all of them.
        """
        listed = participant_page(event.id, request.args.get("participants_page", 1, type=int))
        # A visit's delegation: asked for whether or not the visit has one (the same queries).
        proposed = []
        if hasattr(event, "delegation_id"):
            people = queries.delegation_people(event.delegation_id, not_in_event=event.id)
            proposed = [contact for contact, _role in people]
        empty = {child.form_name: child.empty_form(event) for child in (GRANTS, PEOPLE, COSTS)}
        empty.update(import_form=ParticipantImportForm(formdata=None), import_plan=None)
        counts = participant_counts(event.id)
        return render_template(
            "grants/event.html",
            event=event,
            participants=listed,
            counts=counts,
            figures=figure_rows(counts, participant_counts(event.id, signed_only=True)),
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

    def form(self, event, **kwargs):
        return ParticipantForm(prefix=self.form_prefix, event=event, **kwargs)

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


@bp.post("/<int:object_id>/funding/participants/signed")
@requires(Role.EDITOR)
def mark_ticked_signed(object_id: int):
    """Mark the ticked participants as signed (or not), all in one go or none."""
    PAGE.get_or_404(object_id)
    signed = request.form.get("signed", "yes") != "no"
    ticked = signed_ticks(request.form.getlist("ticked"))
    if not ticked:
        flash(_("Tick the participants to mark first."), "error")
        return redirect(_section(object_id, "participants"))
    try:
        changed = mark_signed(object_id, ticked, signed)
        db.session.commit()
    except (SignedListChanged, StaleDataError):
        db.session.rollback()
        message = _(
            "Nothing was marked: some of the ticked participants were changed or removed "
            "meanwhile. Check the list and tick them again."
        )
        flash(message, "error")
        return redirect(_section(object_id, "participants"))
    if signed:
        message = ngettext(
            "%(num)d participant marked as signed.",
            "%(num)d participants marked as signed.",
            changed,
        )
    else:
        message = ngettext(
            "%(num)d participant marked as not signed.",
            "%(num)d participants marked as not signed.",
            changed,
        )
    flash(message, "success")
    return redirect(_section(object_id, "participants"))


@bp.post("/<int:object_id>/funding/participants/import")
@requires(Role.EDITOR)
def import_participants(object_id: int):
    """Check a spreadsheet of participants and import all its rows, or none."""
    event = PAGE.get_or_404(object_id)
    form = ParticipantImportForm()
    if not form.validate_on_submit():
        return PAGE.render_detail(event, 422, import_form=form)
    upload = form.file.data
    try:
        plan = participant_import.check_participant_file(
            event.id,
            upload.read(),
            upload.filename or "",
            form.delimiter.data,
            form.create_missing.data,
            current_app.config["IMPORT_MAX_ROWS"],
        )
    except ImportFileError as error:
        form.file.errors = [str(error)]
        return PAGE.render_detail(event, 422, import_form=form)
    if not plan.rows:
        form.file.errors = [_("The file lists no participants below its first row.")]
        return PAGE.render_detail(event, 422, import_form=form)
    if not plan.ok or form.check_only.data:
        status = 200 if plan.ok else 422
        return PAGE.render_detail(event, status, import_form=form, import_plan=plan)
    try:
        participant_import.import_participants(plan)
        db.session.commit()
    except ImportRefused:
        db.session.rollback()
        return PAGE.render_detail(
            PAGE.get_or_404(object_id), 422, import_form=form, import_plan=plan
        )
    except StaleDataError:
        db.session.rollback()
        form.file.errors = [_("Participants were changed meanwhile; import the file again.")]
        return PAGE.render_detail(PAGE.get_or_404(object_id), 409, import_form=form)
    summary = _("Imported “%(file)s”: %(summary)s.", file=upload.filename, summary=plan.summary())
    flash(summary, "success")
    return redirect(_section(object_id, "participants"))


@bp.get("/<int:object_id>/funding/participants/template.csv")
def participant_template(object_id: int):
    """Download an empty participant list with the columns an import reads."""
    PAGE.get_or_404(object_id)
    return csv_response("participants-template.csv", participant_import.template_header(), list)
