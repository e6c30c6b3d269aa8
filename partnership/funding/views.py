"""Pages for funding programmes and grants, with the grant's budget lines and funded events."""

from datetime import date

from flask import Blueprint
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership.events.models import Event
from partnership.events.queries import chronological
from partnership.extensions import db
from partnership.funding import display, event_views, forms, queries, services
from partnership.funding.entity import GRANT, PROGRAMME
from partnership.funding.models import BudgetLine, CostItem, Grant, GrantEvent, Programme
from partnership.records.children import ChildPages
from partnership.records.pages import RecordPages
from partnership.records.references import COUNT_BOUND, blocking_references, bounded_count

programmes = Blueprint("programmes", __name__, url_prefix="/programmes")
grants = Blueprint("grants", __name__, url_prefix="/grants")
blueprints = (programmes, grants, event_views.bp)
display.register(grants)


class ProgrammePages(RecordPages):
    entity = PROGRAMME
    form_class = forms.ProgrammeForm

    def detail_context(self, programme: Programme) -> dict:
        query = select(Grant).where(Grant.programme_id == programme.id).order_by(Grant.reference)
        return {"grants": db.session.scalars(query).all()}


class GrantPages(RecordPages):
    entity = GRANT
    form_class = forms.GrantForm

    def detail_context(self, grant: Grant) -> dict:
        funded = db.session.scalars(
            select(GrantEvent)
            .join(Event, Event.id == GrantEvent.event_id)
            .where(GrantEvent.grant_id == grant.id)
            .options(selectinload(GrantEvent.event))
            .order_by(*chronological())
        ).all()
        return {
            "funded": funded,
            "budget": queries.budget_spending([grant]),
            "due": queries.report_due(grant, date.today()),
            **{child.form_name: child.empty_form(grant) for child in (LINES, FUNDED_EVENTS)},
        }

    def delete_blockers(self, grant: Grant) -> list[str]:
        # Counted up to a bound, like every reference: a busy grant's page stays as quick.
        receipts = bounded_count(
            select(CostItem.id)
            .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
            .where(BudgetLine.grant_id == grant.id)
        )
        booked = ngettext(
            "%(num)d receipt is booked on its budget lines.",
            "%(num)d receipts are booked on its budget lines.",
            receipts,
        )
        if receipts > COUNT_BOUND:
            booked = _(
                "More than %(num)s receipts are booked on its budget lines.",
                num=format_number(COUNT_BOUND),
            )
        return blocking_references(grant) + ([booked] if receipts else [])

    def delete_warnings(self, grant: Grant) -> list[str]:
        links = bounded_count(select(GrantEvent.event_id).where(GrantEvent.grant_id == grant.id))
        if links > COUNT_BOUND:
            number = format_number(COUNT_BOUND)
            return [_("Its links to more than %(num)s funded events go with it.", num=number)]
        return [_("Its links to %(num)d funded event(s) go with it.", num=links)] if links else []


class BudgetLinePages(ChildPages):
    model = BudgetLine
    form_class = forms.BudgetLineForm
    path = "budget-lines"
    anchor = "budget"
    form_name = "line_form"
    parent_key = "grant_id"
    form_prefix = "line"
    values = services.BudgetLineValues
    add_endpoint = "add_budget_line"
    remove_endpoint = "remove_budget_line"

    def add(self, grant, values):
        return services.add_budget_line(values)

    def added_message(self, line) -> str:
        return _("Budget line added.")

    def removed_message(self, line) -> str:
        return _("Budget line “%(name)s” removed.", name=line.name)

    def remove_refusal(self, line) -> str | None:
        if queries.line_has_costs(line):
            return _("Receipts are booked on “%(name)s”; it stays.", name=line.name)
        return None


class FundedEventPages(event_views.GrantLinkPages):
    """The events a grant pays for, on the grant's page; a child is named by its event's id."""

    form_class = forms.FundedEventForm
    path = "events"
    anchor = "funded"
    form_name = "link_form"
    parent_key = "grant_id"
    add_endpoint = "link_event"
    remove_endpoint = "unlink_event"

    def child_or_404(self, object_id: int, child_id: int):
        return self.link(grant_id=object_id, event_id=child_id)


PAGES = GrantPages()
LINES = BudgetLinePages()
LINES.parent_pages = PAGES
FUNDED_EVENTS = FundedEventPages()
FUNDED_EVENTS.parent_pages = PAGES

ProgrammePages().register(programmes)
PAGES.register(grants)
LINES.register(grants)
FUNDED_EVENTS.register(grants)
