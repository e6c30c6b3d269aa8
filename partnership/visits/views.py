"""Pages for delegations (with their members) and visits."""

from dataclasses import replace

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from partnership import once
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.events.views import EventPages
from partnership.exchanges import queries as exchange_queries
from partnership.exchanges import services as exchange_services
from partnership.exchanges.models import PlannedExchange
from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent
from partnership.partners.models import City
from partnership.records.children import ChildPages
from partnership.records.pages import RecordPages, show_invalid
from partnership.records.values import Invalid, from_form
from partnership.routing import record_id
from partnership.visits import forms, services
from partnership.visits.entity import DELEGATION, VISIT
from partnership.visits.models import Delegation, DelegationMember, Direction, Visit
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

    def detail(self, object_id: int):
        return self.render_detail(db.get_or_404(Visit, object_id, options=_shown_with_visit()))


def _shown_with_visit() -> list:
    """What a visit's page shows of other records, loaded with it: its cities and delegation
    (head, members) in its own query, its grants with their funders in one more. The page then
    sends the same queries whichever of them the visit has, and however many grants and
    members (a lazy load would ask once per member and per grant)."""
    delegation = joinedload(Visit.delegation)
    return [
        joinedload(Visit.partner_city),
        joinedload(Visit.host_city),
        delegation.joinedload(Delegation.origin_city),
        delegation.joinedload(Delegation.head),
        delegation.joinedload(Delegation.members).joinedload(DelegationMember.contact),
        selectinload(Visit.grant_links).joinedload(GrantEvent.grant).joinedload(Grant.funder),
    ]


member_pages = MemberPages().register(delegations)
VisitPages().register(visits)


@visits.route("/record", methods=["GET", "POST"])
@requires(Role.EDITOR)
def record():
    """Record a visit with its delegation, members, topics and press article in one form;
    with `?exchange=`, the visit a planned exchange became."""
    if location := once.already_saved():
        return once.repeat_response(location)
    exchange = _exchange_taking_place()
    form = RecordVisitForm(data=_visit_data(exchange) if exchange else None)
    if form.validate_on_submit():
        try:
            visit = record_visit(from_form(RecordedVisit, form))
            if exchange is not None:
                exchange_services.realise_exchange(exchange, visit)
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        except StaleDataError:
            db.session.rollback()
            form.form_errors.append(_exchange_changed())
        else:
            # Read before the commit: a committed visit must never be answered as a failure.
            location = url_for("visits.detail", object_id=visit.id)
            then = (
                url_for("agreements.create", visit=visit.id)
                if request.form.get("then") == "agreement"
                else location
            )
            message = _("Visit “%(title)s” was recorded.", title=visit)
            try:
                if repeat := once.commit(location):
                    return repeat
            except StaleDataError:
                db.session.rollback()
                form.form_errors.append(_exchange_changed())
            else:
                flash(message, "success")
                return redirect(then)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("visits/record.html", form=form, exchange=exchange), status


def _exchange_taking_place() -> PlannedExchange | None:
    """The planned exchange named by `?exchange=` while it may still take place, else None."""
    try:
        exchange_id = record_id(request.args.get("exchange", ""))
    except ValueError:
        return None
    exchange = db.session.get(PlannedExchange, exchange_id)
    return exchange if exchange is not None and exchange_queries.is_open(exchange) else None


def _visit_data(exchange: PlannedExchange) -> dict:
    """What the planned exchange already says about the visit it became."""
    home_id = db.session.scalar(select(City.id).where(City.is_home).limit(1))
    incoming = exchange.direction == Direction.INCOMING
    return {
        "title": exchange.title,
        "direction": exchange.direction.value,
        "partner_city_id": exchange.partner_city_id,
        "host_city_id": home_id if incoming else exchange.partner_city_id,
        # A visit that took place is no longer "probably" then; the user corrects the days.
        "date": replace(exchange.date, tentative=False) if exchange.date else None,
        "summary": exchange.summary,
        "topic_ids": [topic.id for topic in exchange.topics],
        "size": exchange.expected_participants,
    }


def _exchange_changed() -> str:
    return _(
        "Someone changed the planned exchange meanwhile; nothing was saved. "
        "Open it again to see what it says now."
    )
