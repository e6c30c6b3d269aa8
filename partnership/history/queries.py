"""Read the record of changes, for one record or for everything."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.auth.models import User
from partnership.extensions import db
from partnership.history.models import Change
from partnership.modeltypes import Record

ACTIONS = ("create", "update", "archive", "restore", "delete", "erase", "merge", "unmerge")


def record_models() -> dict[str, type]:
    """Map the names used in the history to the models they stand for."""
    models = {"User": User}
    for mapper in db.Model.registry.mappers:
        if issubclass(mapper.class_, Record):
            models[mapper.class_.__name__] = mapper.class_
    return models


def changes_of(entity: str, record_id: int) -> list[Change]:
    # A visit's changes are recorded as "Visit"; its base name "Event" is not used.
    query = (
        select(Change)
        .options(selectinload(Change.user))
        .where(Change.entity == entity, Change.entity_id == record_id)
        .order_by(Change.at.desc(), Change.id.desc())
    )
    return db.session.scalars(query).all()


def all_changes(
    entity: str = "",
    user_id: int | None = None,
    action: str = "",
    day_from: date | None = None,
    day_to: date | None = None,
) -> Select:
    """Select changes matching the filters, newest first."""
    query = select(Change).options(selectinload(Change.user))
    if entity:
        query = query.where(Change.entity == entity)
    if user_id:
        query = query.where(Change.user_id == user_id)
    if action:
        query = query.where(Change.action == action)
    if day_from:
        query = query.where(Change.at >= datetime.combine(day_from, time.min))
    # The last day there is has no next day to stop before: it filters nothing.
    if day_to and day_to < date.max:
        query = query.where(Change.at < datetime.combine(day_to + timedelta(days=1), time.min))
    return query.order_by(Change.at.desc(), Change.id.desc())
