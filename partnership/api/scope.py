"""What a token may reach: everything for the home office; one partnership for a partner.

A partner user's token reads the events whose partner city is their partnership's partner
city, that partnership, the delegations of its visits or from that city, and the press about
its events; every other kind is refused and every other record is not found.
"""

from sqlalchemy import false, or_, select

from partnership.auth.models import Role, User
from partnership.events.models import Event
from partnership.extensions import db
from partnership.partners.models import Partnership
from partnership.press.models import PressArticle
from partnership.records.entity import Entity
from partnership.visits.models import Delegation, Visit

PARTNER_KINDS = {"partnerships", "delegations", "press"}


def is_partner(user: User) -> bool:
    return user.role is Role.PARTNER


def partner_may_read(entity: Entity) -> bool:
    return entity.name in PARTNER_KINDS or issubclass(entity.model, Event)


def visible(user: User, model):
    """The condition on `model`'s rows that `user` may read, or None when they read them all."""
    if not is_partner(user):
        return None
    city_id = _partner_city_id(user)
    if city_id is None:
        return false()
    if issubclass(model, Event):
        return model.partner_city_id == city_id
    if model is Partnership:
        return Partnership.id == user.partnership_id
    if model is Delegation:
        visiting = select(Visit.delegation_id).where(Visit.partner_city_id == city_id)
        return or_(Delegation.origin_city_id == city_id, Delegation.id.in_(visiting))
    if model is PressArticle:
        return PressArticle.events.any(Event.partner_city_id == city_id)
    return false()


def _partner_city_id(user: User) -> int | None:
    if user.partnership_id is None:
        return None
    return db.session.scalar(
        select(Partnership.partner_city_id).where(Partnership.id == user.partnership_id)
    )
