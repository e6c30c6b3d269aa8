"""Queries for the stages of partnerships."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.events.queries import chronological, event_list
from partnership.extensions import db
from partnership.partners.models import Partnership
from partnership.stages.models import PartnershipStage

_events_of_stages = event_list(PartnershipStage)


def stage_list(text: str) -> Select:
    """Stages newest first with their partnerships, found by title, summary or partner city."""
    return _events_of_stages(text).options(
        selectinload(PartnershipStage.partnership).selectinload(Partnership.home_city),
        selectinload(PartnershipStage.partnership).selectinload(Partnership.partner_city),
    )


def stages_of(partnership_id: int) -> list[PartnershipStage]:
    """Return a partnership's stages in date order: its life, as its page tells it."""
    return db.session.scalars(
        select(PartnershipStage)
        .where(PartnershipStage.partnership_id == partnership_id)
        .options(selectinload(PartnershipStage.agreement))
        .order_by(*chronological(PartnershipStage))
    ).all()
