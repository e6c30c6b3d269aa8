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
    found = []
    for mapper in db.Model.registry.mappers:
        model = mapper.class_
        if not issubclass(model, Record) or mapper.inherits is not None:
            continue
        found += db.session.scalars(
            select(model)
            .where(model.archived_at.is_not(None))
            .execution_options(**{INCLUDE_ARCHIVED: True})
            .limit(limit)
        ).all()
    return sorted(found, key=lambda r: r.archived_at, reverse=True)[:limit]
