"""Check a spreadsheet against the database, show what would happen, then do all of it or nothing.

`plan_import` reads every row into values, matches it to an existing record and lists the
changes, writing nothing; `apply_plan` writes a plan without errors through the entity's own
service, as its form does. The caller commits once, so an import is a single transaction.
"""

from collections.abc import Callable
from dataclasses import MISSING, fields

from flask_babel import gettext as _

from partnership.extensions import db
from partnership.imports.columns import EMPTY, match_header
from partnership.imports.matching import MatchError
from partnership.imports.plans import ERROR, NEW, UNCHANGED, UPDATE, Change, Plan, RowError, RowPlan
from partnership.imports.readers import Table
from partnership.imports.references import References
from partnership.imports.values import CellError
from partnership.merging.imports import warn_of_duplicates
from partnership.records.entity import Entity
from partnership.records.values import Invalid


class ImportRefused(Exception):
    """A service refused rows while they were written; the plan holds why. Roll back."""

    def __init__(self, plan: Plan):
        super().__init__(plan.summary())
        self.plan = plan


def plan_import(
    entity: Entity,
    table: Table,
    create_missing: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    """Decide for every row of `table` whether it is new, an update, unchanged or wrong."""
    spec = entity.importer
    positions, ignored = match_header(spec.columns, table.header)
    refs = References(create_missing)
    index = spec.index(entity.model, spec.load_options)
    plan = Plan(entity, table, [], ignored, refs)
    seen: dict = {}
    for number, cells in table.rows:
        row = _plan_row(spec, positions, len(table.header), number, cells, refs, index)
        _check_duplicate(row, index, seen, spec.columns[0].name)
        if row.errors:
            row.status = ERROR
        plan.rows.append(row)
        if progress:
            progress(1)
    warn_of_duplicates(entity, index.records, plan.rows, NEW)
    return plan


def apply_plan(plan: Plan, progress: Callable[[int], None] | None = None) -> int:
    """Write every new and changed row; return how many records were written. Commit after.

    Raise ImportRefused, having written the refusals into the plan's rows, when the service
    refuses any row: the caller rolls back, so nothing of the file stays.
    """
    if not plan.ok:
        raise ValueError("A plan with errors cannot be applied.")
    # Rows name the records "create missing" makes by their ids.
    db.session.add_all(plan.refs.new_records())
    db.session.flush()
    written = 0
    with db.session.no_autoflush:
        for row in plan.rows:
            if row.status in (NEW, UPDATE) and _write(plan.entity, row):
                written += 1
            if progress:
                progress(1)
    if not plan.ok:
        raise ImportRefused(plan)
    db.session.flush()
    return written


def fresh_values(values_class):
    """A new record's values: each field's default, and None where the service needs one."""
    needed = [
        f.name
        for f in fields(values_class)
        if f.default is MISSING and f.default_factory is MISSING
    ]
    return values_class(**dict.fromkeys(needed))


def _write(entity: Entity, row: RowPlan) -> bool:
    """Save one row through the entity's service; put a refusal into the row's errors."""
    is_new = row.record is None
    record = entity.model() if is_new else row.record
    values = fresh_values(entity.values) if is_new else entity.read(record)
    if is_new:
        for column in entity.importer.columns:
            if column.name in row.values:
                column.put(values, row.values[column.name])
    for change in row.changes:
        change.column.put(values, change.new)
    try:
        entity.save(record, values)
    except Invalid as invalid:
        row.errors += [_refusal(entity, row, *error) for error in invalid.errors.items()]
        row.status = ERROR
        return False
    if is_new:
        db.session.add(record)
    return True


def _refusal(entity: Entity, row: RowPlan, field_name: str, message: str) -> RowError:
    """Name a service's refusal by the row and the column that filled the field."""
    column = next((c for c in entity.importer.columns if c.attr == field_name), None)
    if column is None:
        return RowError(row.number, entity.label_of(field_name), "", message)
    value = column.kind.write(row.values[column.name]) if column.name in row.values else ""
    return RowError(row.number, column.name, value, message)


def _plan_row(spec, positions, width, number, cells, refs, index) -> RowPlan:
    required = [_cell(cells, positions[c.name]) for c in spec.columns if c.required]
    row = RowPlan(number, " · ".join(text for text in required if text) or "—")
    for column in spec.columns:
        if column.name not in positions:
            continue
        text = _cell(cells, positions[column.name])
        if not text:
            if column.required:
                row.errors.append(RowError(number, column.name, "", _("must not be empty.")))
            row.values[column.name] = EMPTY if column.default else column.kind.empty
            continue
        try:
            row.values[column.name] = column.kind.read(text, refs)
        except CellError as error:
            row.errors.append(RowError(number, column.name, text, str(error)))
    for position, text in enumerate(cells[width:], start=width + 1):
        if text:
            column = _("column %(number)d", number=position)
            row.errors.append(RowError(number, column, text, _("has no name in the first row.")))
    if not row.errors:
        _match(spec, row, refs, index)
    return row


def _cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""


def _match(spec, row: RowPlan, refs, index) -> None:
    try:
        row.record = index.find(row.values)
    except MatchError as error:
        row.errors.append(
            RowError(row.number, error.column, str(row.values.get(error.column, "")), str(error))
        )
        return
    for column in spec.columns:
        if column.default is None or row.values.get(column.name, EMPTY) is not EMPTY:
            continue
        if row.record is not None:
            row.values.pop(column.name, None)
            continue
        try:
            row.values[column.name] = column.default(row.values, refs)
        except CellError as error:
            row.errors.append(RowError(row.number, column.name, "", str(error)))
            row.values.pop(column.name, None)
    spec.finish(row.values)
    if row.record is None:
        return
    row.changes = [
        Change(column, old, row.values[column.name])
        for column in spec.columns
        if column.name in row.values
        and not column.same(old := column.value_of(row.record), row.values[column.name])
    ]
    row.status = UPDATE if row.changes else UNCHANGED


def _check_duplicate(row: RowPlan, index, seen: dict, name_column: str) -> None:
    """Refuse a second row that describes the same record as an earlier row of the file."""
    if row.errors:
        return
    key = ("record", id(row.record)) if row.record is not None else ("key", index.key(row.values))
    if key in seen:
        row.errors.append(
            RowError(
                row.number,
                name_column,
                str(row.values[name_column]),
                _("describes the same record as row %(row)d.", row=seen[key]),
            )
        )
    else:
        seen[key] = row.number
