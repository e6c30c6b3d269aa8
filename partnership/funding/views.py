"""Pages for funding programmes and grants, with the grant's budget lines and funded events."""

from datetime import date

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership import once
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.events.models import Event
from partnership.events.queries import chronological
from partnership.extensions import db
from partnership.formatting import format_amount, format_day
from partnership.funding import (
    display,
    entity,  # noqa: F401  (describes the area)
    event_views,
    forms,
    queries,
    services,
)
from partnership.funding.models import BudgetLine, Grant, GrantEvent, Programme

programmes = Blueprint("programmes", __name__, url_prefix="/programmes")
grants = Blueprint("grants", __name__, url_prefix="/grants")
blueprints = (programmes, grants, event_views.bp)
display.register(grants)


register_pages(
    programmes,
    EntityPages(
        model=Programme,
        singular=_l("Funding programme"),
        plural=_l("Funding programmes"),
        form_class=forms.ProgrammeForm,
        list_query=queries.programme_list,
        columns=[ListColumn(_l("Funder"), lambda p: p.funder)],
        save=services.save_programme,
        delete_blockers=blocking_references,
        detail_context=lambda p: {
            "grants": db.session.scalars(select(Grant).where(Grant.programme_id == p.id)).all()
        },
        search_hint=_l("name"),
    ),
)


def grant_context(grant: Grant) -> dict:
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
        "link_form": forms.FundedEventForm(formdata=None),
        "line_form": forms.BudgetLineForm(formdata=None, prefix="line"),
    }


def grant_delete_blockers(grant: Grant) -> list[str]:
    receipts = queries.cost_count(grant)
    booked = [
        ngettext(
            "%(num)d receipt is booked on its budget lines.",
            "%(num)d receipts are booked on its budget lines.",
            receipts,
        )
    ]
    return blocking_references(grant) + (booked if receipts else [])


render_grant = register_pages(
    grants,
    EntityPages(
        model=Grant,
        singular=_l("Grant"),
        plural=_l("Grants"),
        form_class=forms.GrantForm,
        list_query=queries.grant_list,
        columns=[
            ListColumn(_l("Funder"), lambda g: g.funder),
            ListColumn(_l("Amount"), lambda g: format_amount(g.amount, g.currency)),
            ListColumn(_l("Report due"), lambda g: format_day(g.report_due)),
        ],
        save=services.save_grant,
        delete_blockers=grant_delete_blockers,
        delete_warnings=lambda g: (
            [_("Its links to %(num)d funded event(s) go with it.", num=len(g.funded_events))]
            if g.funded_events
            else []
        ),
        detail_context=grant_context,
        search_hint=_l("reference or title"),
    ),
)


@grants.post("/<int:object_id>/events")
@requires(Role.EDITOR)
def link_event(object_id: int):
    """Record that the grant pays for an event."""
    target = url_for("grants.detail", object_id=object_id, _anchor="funded")
    if once.already_saved():
        return once.repeat_response(target)
    grant = db.get_or_404(Grant, object_id)
    form = forms.FundedEventForm()
    if not form.validate_on_submit():
        return render_grant(grant, 422, link_form=form)
    if services.link_event(grant, form) is None:
        form.event_id.errors.append(_("This event is linked to this grant already."))
        return render_grant(grant, 422, link_form=form)
    if repeat := once.commit(target):
        return repeat
    flash(_("The event is now listed as funded by this grant."), "success")
    return redirect(target)


@grants.post("/<int:object_id>/events/<int:event_id>/unlink")
@requires(Role.EDITOR)
def unlink_event(object_id: int, event_id: int):
    """Remove an event from the grant; the event itself stays."""
    link = db.get_or_404(GrantEvent, (object_id, event_id))
    db.session.delete(link)
    db.session.commit()
    flash(_("The event is no longer listed as funded by this grant."), "success")
    return redirect(url_for("grants.detail", object_id=object_id, _anchor="funded"))


@grants.post("/<int:object_id>/budget-lines")
@requires(Role.EDITOR)
def add_budget_line(object_id: int):
    """Add a line to the grant's budget."""
    target = url_for("grants.detail", object_id=object_id, _anchor="budget")
    if once.already_saved():
        return once.repeat_response(target)
    grant = db.get_or_404(Grant, object_id)
    form = forms.BudgetLineForm(prefix="line")
    if not form.validate_on_submit():
        return render_grant(grant, 422, line_form=form)
    if services.add_budget_line(grant, form) is None:
        form.name.errors.append(_("This grant has a budget line of that name already."))
        return render_grant(grant, 422, line_form=form)
    if repeat := once.commit(target):
        return repeat
    flash(_("Budget line added."), "success")
    return redirect(target)


@grants.post("/<int:object_id>/budget-lines/<int:line_id>/remove")
@requires(Role.EDITOR)
def remove_budget_line(object_id: int, line_id: int):
    """Remove a budget line on which nothing is booked."""
    line = db.get_or_404(BudgetLine, line_id)
    target = url_for("grants.detail", object_id=object_id, _anchor="budget")
    if line.grant_id != object_id:
        return redirect(target)
    if queries.line_has_costs(line):
        flash(_("Receipts are booked on “%(name)s”; it stays.", name=line.name), "error")
        return redirect(target)
    message = _("Budget line “%(name)s” removed.", name=line.name)
    db.session.delete(line)
    db.session.commit()
    flash(message, "success")
    return redirect(target)
