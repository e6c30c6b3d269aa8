"""Deleting archives: an archived record disappears from every page but keeps its links,
so an admin can bring it back whole.
"""

from datetime import UTC, datetime

from flask_login import current_user
from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from partnership.extensions import db
from partnership.modeltypes import Record

INCLUDE_ARCHIVED = "include_archived"


@event.listens_for(Session, "do_orm_execute")
def _hide_archived(state: ORMExecuteState) -> None:
    # Every ORM query, lazy loads included, skips archived records unless asked not to.
    if (
        state.is_select
        and not state.is_column_load
        and not state.execution_options.get(INCLUDE_ARCHIVED, False)
    ):
        state.statement = state.statement.options(
            with_loader_criteria(
                Record, lambda cls: cls.archived_at.is_(None), include_aliases=True
            )
        )


def archive(record: Record) -> None:
    """Move `record` to the archive; its links stay for a later restore."""
    record.archived_at = datetime.now(UTC).replace(tzinfo=None)
    record.archived_by_id = current_user.id if current_user.is_authenticated else None


def restore(record: Record) -> None:
    """Bring an archived record back, with the links it had."""
    record.archived_at = None
    record.archived_by_id = None


def get_archived(model, record_id: int):
    return db.session.scalars(
        select(model)
        .where(model.id == record_id, model.archived_at.is_not(None))
        .execution_options(**{INCLUDE_ARCHIVED: True})
    ).first()


def archived_records(limit: int = 500) -> list[Record]:
    """Return archived records of every kind, most recently archived first."""
    models = [
        mapper.class_
        for mapper in db.Model.registry.mappers
        if issubclass(mapper.class_, Record) and mapper.inherits is None
    ]
    # Ids first, walked down each kind's archived_at index; then only the newest `limit` of
    # them all are loaded, by id (loading whole rows of every kind would grow with the data).
    newest = []
    for model in models:
        newest += [
            (archived_at, model, record_id)
            for record_id, archived_at in db.session.execute(
                select(model.id, model.archived_at)
                .where(model.archived_at.is_not(None))
                .order_by(model.archived_at.desc())
                .limit(limit)
                .execution_options(**{INCLUDE_ARCHIVED: True})
            )
        ]
    newest = sorted(newest, key=lambda found: found[0], reverse=True)[:limit]
    found = []
    for model in models:
        ids = [record_id for _, kind, record_id in newest if kind is model]
        if ids:  # a kind with nothing to show sends no second statement
            found += db.session.scalars(
                select(model).where(model.id.in_(ids)).execution_options(**{INCLUDE_ARCHIVED: True})
            ).all()
    return sorted(found, key=lambda r: r.archived_at, reverse=True)
