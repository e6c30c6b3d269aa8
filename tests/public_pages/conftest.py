"""The demo's public page: its partnership with Zhytomyr and the September 2023 visit it
publishes."""

import pytest
from sqlalchemy import select

from partnership.events.models import Event
from partnership.extensions import db
from partnership.partners.models import City, Partnership


@pytest.fixture
def public_ids(app, demo) -> dict[str, int]:
    """The Zhytomyr partnership, the demo's published visit and an event it does not publish."""
    with app.app_context():
        zhytomyr = db.session.scalars(select(City).where(City.name == "Zhytomyr")).one()
        partnership = db.session.scalars(
            select(Partnership).where(Partnership.partner_city_id == zhytomyr.id)
        ).one()
        published = db.session.scalars(select(Event.id).where(Event.published.is_(True))).all()
        hidden = db.session.scalars(
            select(Event.id).where(Event.published.is_(False)).order_by(Event.id)
        ).first()
    assert len(published) == 1, "the demo publishes one event"
    return {"partnership": partnership.id, "event": published[0], "hidden": hidden}


def public_page(partnership_id: int) -> str:
    return f"/public/partnerships/{partnership_id}"


def event_page(partnership_id: int, event_id: int) -> str:
    return f"/public/partnerships/{partnership_id}/events/{event_id}"
