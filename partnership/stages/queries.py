"""Queries for the stages of partnerships."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership.events.queries import chronological, event_list
from partnership.extensions import db
from partnership.stages.models import PartnershipStage

# Stages newest first, found by title, summary or partner city. Neither the list nor the API
# shows a stage's partnership by name: it is not loaded with them.
stage_list = event_list(PartnershipStage)


def stages_of(partnership_id: int) -> list[PartnershipStage]:
    """Return a partnership's stages in date order: its life, as its page tells it."""
    return db.session.scalars(
        select(PartnershipStage)
        .where(PartnershipStage.partnership_id == partnership_id)
        .options(selectinload(PartnershipStage.agreement))
        .order_by(*chronological(PartnershipStage))
    ).all()
