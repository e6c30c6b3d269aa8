"""The office puts an event on its partnership's public page, or takes it off again.

Publishing is opt-in per event: nothing is public until an editor chooses so on the event's
page. The choice is a change of the event like any other: version-checked against what the
editor saw, and written to the event's history with their name.
"""

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError

from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.documents.sections import render_parent
from partnership.events.models import Event
from partnership.events.queries import any_event
from partnership.extensions import db
from partnership.partners.models import Partnership
from partnership.public.queries import published_event_count
from partnership.records.entity import entity_of

bp = Blueprint("publishing", __name__, url_prefix="/events")


def set_published(event: Event, published: bool) -> None:
    """Show the event on its partnership's public page, or no longer; the caller commits."""
    if event.published != published:
        event.published = published
        db.session.flush()


@dataclass(frozen=True)
class Publication:
    """What the event's page says about its public page, and where its box posts."""

    event: Event
    partnership: Partnership | None

    @property
    def public(self) -> bool:
        return self.event.published and not self.event.awaiting_confirmation

    @property
    def public_url(self) -> str | None:
        if not self.public or self.partnership is None:
            return None
        return url_for("public.event", partnership_id=self.partnership.id, event_id=self.event.id)


def publication_of(record) -> Publication | None:
    """The publish box of an event's page; None for any other record (no box)."""
    if not isinstance(record, Event) or not current_user.is_authenticated:
        return None
    return Publication(record, _partnership_of(record))


def _partnership_of(event: Event) -> Partnership | None:
    # A visit hosted by the partner city and an event naming it belong to the same partnership.
    city_ids = {event.partner_city_id, getattr(event, "host_city_id", None)} - {None}
    if not city_ids:
        return None
    return db.session.scalars(
        db.select(Partnership)
        .where(Partnership.partner_city_id.in_(city_ids))
        .order_by(Partnership.id)
        .limit(1)
    ).first()


def _event_or_404(event_id: int) -> Event:
    event = any_event()
    return db.session.scalars(db.select(event).where(event.id == event_id)).first() or abort(404)


def _choose(event_id: int, published: bool):
    event = _event_or_404(event_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    seen = request.form.get("version", type=int)
    if seen != event.version:
        flash(_("Someone else changed this event meanwhile: look again and choose again."), "error")
        return render_parent(event, 409)
    try:
        set_published(event, published)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash(_("Someone else changed this event meanwhile: look again and choose again."), "error")
        return render_parent(_event_or_404(event_id), 409)
    if published:
        flash(_("The event is on the public page."), "success")
    else:
        flash(_("The event was taken off the public page."), "success")
    detail = entity_of(event).detail_endpoint
    return redirect(url_for(detail, object_id=event.id, _anchor="publication"))


@bp.post("/<int:event_id>/publish")
@requires(Role.EDITOR)
def publish(event_id: int):
    """Put the event on its partnership's public page."""
    return _choose(event_id, True)


@bp.post("/<int:event_id>/withdraw")
@requires(Role.EDITOR)
def withdraw(event_id: int):
    """Take the event off its partnership's public page."""
    return _choose(event_id, False)


@bp.record_once
def _helpers(state) -> None:
    state.app.add_template_global(publication_of)
    state.app.add_template_global(published_event_count)
