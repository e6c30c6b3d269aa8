"""Pages for funding programmes and grants."""

from flask import Blueprint, flash, redirect, url_for
from sqlalchemy import select

from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.extensions import db
from partnership.formatting import format_amount
from partnership.funding import forms, services
from partnership.funding.models import Grant, GrantEvent, Programme
from partnership.funding.queries import grant_list, programme_list

programmes = Blueprint("programmes", __name__, url_prefix="/programmes")
grants = Blueprint("grants", __name__, url_prefix="/grants")
blueprints = (programmes, grants)


register_pages(
    programmes,
    EntityPages(
        model=Programme,
        singular="Funding programme",
        plural="Funding programmes",
        form_class=forms.ProgrammeForm,
        list_query=programme_list,
        columns=[ListColumn("Funder", lambda p: p.funder)],
        save=services.save_programme,
        delete_blockers=blocking_references,
        detail_context=lambda p: {
            "grants": db.session.scalars(select(Grant).where(Grant.programme_id == p.id)).all()
        },
        search_hint="name",
    ),
)

render_grant = register_pages(
    grants,
    EntityPages(
        model=Grant,
        singular="Grant",
        plural="Grants",
        form_class=forms.GrantForm,
        list_query=grant_list,
        columns=[
            ListColumn("Funder", lambda g: g.funder),
            ListColumn("Amount", lambda g: format_amount(g.amount, g.currency)),
        ],
        save=services.save_grant,
        delete_blockers=blocking_references,
        delete_warnings=lambda g: (
            [f"Its links to {len(g.funded_events)} funded event(s) go with it."]
            if g.funded_events
            else []
        ),
        detail_context=lambda g: {"link_form": forms.FundedEventForm(formdata=None)},
        search_hint="reference or title",
    ),
)


@grants.post("/<int:object_id>/events")
@requires(Role.EDITOR)
def link_event(object_id: int):
    """Record that the grant pays for an event."""
    grant = db.get_or_404(Grant, object_id)
    form = forms.FundedEventForm()
    if not form.validate_on_submit():
        return render_grant(grant, 422, link_form=form)
    if services.link_event(grant, form) is None:
        form.event_id.errors.append("This event is linked to this grant already.")
        return render_grant(grant, 422, link_form=form)
    db.session.commit()
    flash("The event is now listed as funded by this grant.", "success")
    return redirect(url_for("grants.detail", object_id=object_id, _anchor="funded"))


@grants.post("/<int:object_id>/events/<int:event_id>/unlink")
@requires(Role.EDITOR)
def unlink_event(object_id: int, event_id: int):
    """Remove an event from the grant; the event itself stays."""
    link = db.get_or_404(GrantEvent, (object_id, event_id))
    db.session.delete(link)
    db.session.commit()
    flash("The event is no longer listed as funded by this grant.", "success")
    return redirect(url_for("grants.detail", object_id=object_id, _anchor="funded"))
