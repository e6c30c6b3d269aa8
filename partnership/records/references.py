"""Find the rows that still refer to a record, so deleting it never erases history silently."""

from flask_babel import format_number, gettext, ngettext
from sqlalchemy import func, select

from partnership.extensions import db
from partnership.i18n import in_sentence
from partnership.records.entity import entity_of_table

# Past this many referring rows the page says "more than": counting every one of a busy
# record's rows would make its delete page slower the more history it holds.
COUNT_BOUND = 1000


def blocking_references(record) -> list[str]:
    """Explain every reference to `record` that a delete would break.

    References declared ON DELETE CASCADE belong to the record itself (its other names, its
    topic tags, a subclass row) and go with it, so they do not block.
    """
    # A visit is stored in `visit` and `event`: references to either count.
    tables = set(record.__mapper__.tables)
    reasons = []
    for other in db.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table not in tables or fk.ondelete == "CASCADE":
                continue
            column = fk.parent
            count = _count_live_references(other, column, record.id)
            if count > COUNT_BOUND:
                reasons.append(_explain_many(other.name, column.name))
            elif count:
                reasons.append(_explain(other.name, column.name, count))
    return reasons


def _explain(table: str, column: str, count: int) -> str:
    """Say how many rows of `table` refer to the record, and through which field."""
    referring = entity_of_table(table)
    if referring is None:
        field = column.removesuffix("_id").replace("_", " ")
        return ngettext(
            "%(num)d record in %(table)s refers to it as %(field)s.",
            "%(num)d records in %(table)s refer to it as %(field)s.",
            count,
            table=table,
            field=field,
        )
    field = in_sentence(referring.label_of(column))
    return referring.referred(count, field=field)


def _explain_many(table: str, column: str) -> str:
    """Say that more than COUNT_BOUND rows of `table` refer to the record."""
    referring = entity_of_table(table)
    if referring is None:
        things, field = table, column.removesuffix("_id").replace("_", " ")
    else:
        things, field = in_sentence(referring.plural), in_sentence(referring.label_of(column))
    return gettext(
        "More than %(num)s %(things)s refer to it as %(field)s.",
        num=format_number(COUNT_BOUND),
        things=things,
        field=field,
    )


def bounded_count(query) -> int:
    """Count the rows of `query`, stopping after COUNT_BOUND + 1 of them (read off the index
    of the filtered column, so a record with much history costs no more than one with little)."""
    return db.session.scalar(
        select(func.count()).select_from(query.limit(COUNT_BOUND + 1).subquery())
    )


def _count_live_references(table, column, record_id: int) -> int:
    """Count the rows of `table` pointing at the record (up to COUNT_BOUND + 1); archived rows
    do not count."""
    # Selecting through the mapped class lets the archive filter apply (see archive.py).
    model = next((m.class_ for m in db.Model.registry.mappers if m.local_table is table), None)
    query = select(column).select_from(model if model is not None else table)
    return bounded_count(query.where(column == record_id))
