"""The rows that refer to a record, found from the schema: what a merge moves, and what clashes.

Every foreign key of the metadata pointing at the record's table counts, link tables included,
so a kind of record added later is moved by merges without being named here.
"""

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import Date, DateTime, Numeric, Table, UniqueConstraint, and_, select

from partnership.extensions import db
from partnership.i18n import in_sentence
from partnership.modeltypes import Record
from partnership.records.entity import entity_of_table


class MergeRefused(Exception):
    """A merge or its undoing that cannot be done as asked; the message says why."""


@dataclass
class Referring:
    """The rows of `table` whose `column` points at the merged record."""

    table: Table
    column: str
    moved: list[int] = field(default_factory=list)
    # Rows that would repeat a row pointing at the kept record: removed, kept for an undo.
    dropped: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.moved) + len(self.dropped)


def _model_of(table: Table):
    return next((m.class_ for m in db.Model.registry.mappers if m.local_table is table), None)


def _is_link_row(table: Table) -> bool:
    """A row that only links records (a delegation's member, an agreement's party)."""
    model = _model_of(table)
    return model is None or not issubclass(model, Record)


def _referring_keys(table: Table) -> list:
    return [
        fk
        for other in db.metadata.tables.values()
        for fk in other.foreign_keys
        if fk.column.table is table
    ]


def dependants(table: Table) -> list[tuple[Table, str]]:
    """Tables whose rows belong to a row of `table` and go with it (a participant's days):
    (table, column). A merge dropping the row drops them too and keeps them for an undo."""
    return [(fk.parent.table, fk.parent.name) for fk in _referring_keys(table)]


def _may_drop(table: Table) -> bool:
    """Whether a clashing row can go: it is no record with pages, and only rows that belong to
    it and that nothing else refers to (deleted with it) refer to it."""
    entity = entity_of_table(table.name)
    if entity is not None and entity.list_query is not None:
        return False
    return all(
        fk.ondelete == "CASCADE" and not _referring_keys(fk.parent.table)
        for fk in _referring_keys(table)
    )


def _twin_conditions(table: Table, column: str) -> tuple:
    """Conditions telling that a row, moved to the kept record, would repeat another row."""
    twin = table.alias("twin")
    sets = [
        [c.name for c in constraint.columns]
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint) and column in constraint.columns
    ]
    if _is_link_row(table):
        # A link row the same in everything but its id says nothing new (two equal parties).
        sets.append([c.name for c in table.columns if not c.primary_key])
    return twin, [
        [twin.c[name].is_not_distinct_from(table.c[name]) for name in names if name != column]
        for names in sets
    ]


def referring_rows(model, kept_id: int, merged_id: int) -> list[Referring]:
    """Find every row pointing at `merged_id`; raise MergeRefused when one cannot move."""
    target = model.__table__
    found = []
    for table in db.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
            if fk.column.table is not target or table is target:
                continue
            found.append(_rows_of(table, fk.parent.name, target, kept_id, merged_id))
    return [referring for referring in found if referring.count]


def _rows_of(table: Table, column: str, target: Table, kept_id: int, merged_id: int) -> Referring:
    ids = set(db.session.scalars(select(table.c.id).where(table.c[column] == merged_id)))
    referring = Referring(table, column)
    if not ids:
        return referring
    # A row naming both records (a partnership between the two cities) cannot name one twice.
    for fk in table.foreign_keys:
        other = fk.parent.name
        if fk.column.table is target and other != column:
            both = select(table.c.id).where(table.c[column] == merged_id, table.c[other] == kept_id)
            if db.session.scalars(both.limit(1)).first() is not None:
                raise MergeRefused(
                    _("A %(thing)s refers to both records; change it first.", thing=_kind(table))
                )
    twin, condition_sets = _twin_conditions(table, column)
    clashing = set()
    for conditions in condition_sets:
        query = (
            select(table.c.id)
            .join(twin, and_(twin.c[column] == kept_id, *conditions))
            .where(table.c[column] == merged_id)
        )
        clashing |= set(db.session.scalars(query))
    if clashing and not _may_drop(table):
        raise MergeRefused(
            _(
                "Both records have a %(thing)s of the same kind; keep one of them and delete "
                "the other first.",
                thing=_kind(table),
            )
        )
    referring.moved = sorted(ids - clashing)
    referring.dropped = sorted(clashing)
    return referring


def _kind(table: Table) -> str:
    entity = entity_of_table(table.name)
    return in_sentence(entity.singular) if entity else table.name.replace("_", " ")


def explain(referring: Referring) -> str:
    """Say what moves, as the delete check says what refers to a record, and what goes."""
    entity = entity_of_table(referring.table.name)
    count = referring.count
    if referring.table.name == "city_name":
        sentence = ngettext(
            "%(num)d of its names becomes another name of the city kept.",
            "%(num)d of its names become other names of the city kept.",
            count,
        )
    elif entity is None or entity.referred is None:
        sentence = _(
            "%(num)d records in %(table)s (%(field)s)",
            num=count,
            table=referring.table.name,
            field=referring.column.removesuffix("_id").replace("_", " "),
        )
    else:
        sentence = entity.referred(count, field=in_sentence(entity.label_of(referring.column)))
    if referring.dropped:
        sentence += " " + ngettext(
            "%(num)d of them repeats one of the record kept and is removed.",
            "%(num)d of them repeat ones of the record kept and are removed.",
            len(referring.dropped),
        )
    return sentence


# Rows dropped by a merge are kept in its JSON so an undo can put them back as they were.
def row_as_json(table: Table, row_id: int) -> dict:
    row = db.session.execute(select(table).where(table.c.id == row_id)).mappings().one()
    return {name: _plain(value) for name, value in row.items()}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def row_from_json(table: Table, values: dict) -> dict:
    row = {}
    for name, value in values.items():
        column_type = table.c[name].type
        if value is not None and isinstance(column_type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column_type, Date):
            value = date.fromisoformat(value)
        elif value is not None and isinstance(column_type, Numeric):
            value = Decimal(value)
        row[name] = value
    return row
