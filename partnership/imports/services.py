"""Check a spreadsheet against the database, show what would happen, then do all of it or nothing.

`plan_import` reads every row into values, matches it to an existing record and lists the
changes, writing nothing; `apply_plan` writes a plan without errors. The caller commits once,
so an import is a single transaction.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from partnership.extensions import db
from partnership.imports.columns import EMPTY, Column, match_header
from partnership.imports.matching import MatchError
from partnership.imports.readers import Table
from partnership.imports.references import KIND_NAMES, References
from partnership.imports.schemas import EntitySchema
from partnership.imports.values import CellError

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return _(
            "Row %(row)d, column “%(column)s”, value “%(value)s”: %(message)s",
            row=self.row,
            column=self.column,
            value=self.value,
            message=self.message,
        )


@dataclass(frozen=True)
class Change:
    column: Column
    old: Any
    new: Any


@dataclass
class RowPlan:
    number: int
    label: str
    status: str = NEW
    record: Any = None
    values: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Plan:
    schema: EntitySchema
    table: Table
    rows: list[RowPlan]
    ignored_columns: list[str]
    refs: References

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(row.status == ERROR for row in self.rows)

    @property
    def created(self) -> dict[str, list[str]]:
        """The names of the records "create missing" adds, by kind."""
        return {
            str(KIND_NAMES[kind]): [str(record) for record in made.values()]
            for kind, made in self.refs.created.items()
            if made
        }

    @property
    def digest(self) -> str:
        """Fingerprint what would happen, so a confirmation does exactly what was previewed."""
        summary = hashlib.sha256()
        for row in self.rows:
            changed = ",".join(f"{c.column.name}={c.column.kind.write(c.new)}" for c in row.changes)
            summary.update(f"{row.number}|{row.status}|{row.label}|{changed}\n".encode())
        summary.update(repr(sorted(self.created.items())).encode())
        return summary.hexdigest()

    def summary(self) -> str:
        counts = (
            ngettext("%(num)d new", "%(num)d new", self.count(NEW)),
            ngettext("%(num)d update", "%(num)d updates", self.count(UPDATE)),
            ngettext("%(num)d unchanged", "%(num)d unchanged", self.count(UNCHANGED)),
            ngettext("%(num)d row with errors", "%(num)d rows with errors", self.count(ERROR)),
        )
        return ", ".join(counts)


def plan_import(
    schema: EntitySchema,
    table: Table,
    create_missing: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    """Decide for every row of `table` whether it is new, an update, unchanged or wrong."""
    positions, ignored = match_header(schema.columns, table.header)
    refs = References(create_missing)
    index = schema.index(schema.model, schema.load_options)
    plan = Plan(schema, table, [], ignored, refs)
    seen: dict = {}
    for number, cells in table.rows:
        row = _plan_row(schema, positions, len(table.header), number, cells, refs, index)
        _check_duplicate(row, index, seen, schema.columns[0].name)
        if row.errors:
            row.status = ERROR
        plan.rows.append(row)
        if progress:
            progress(1)
    return plan


def apply_plan(plan: Plan, progress: Callable[[int], None] | None = None) -> int:
    """Write every new and changed row; return how many records were written. Commit after."""
    if not plan.ok:
        raise ValueError("A plan with errors cannot be applied.")
    written = 0
    with db.session.no_autoflush:
        for row in plan.rows:
            if row.status == NEW:
                record = plan.schema.model()
                for column in plan.schema.columns:
                    if column.name in row.values:
                        column.assign(record, row.values[column.name])
                db.session.add(record)
                written += 1
            elif row.status == UPDATE:
                for change in row.changes:
                    change.column.assign(row.record, change.new)
                written += 1
            if progress:
                progress(1)
    db.session.flush()
    return written


def _plan_row(schema, positions, width, number, cells, refs, index) -> RowPlan:
    required = [_cell(cells, positions[c.name]) for c in schema.columns if c.required]
    row = RowPlan(number, " · ".join(text for text in required if text) or "—")
    for column in schema.columns:
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
        _match(schema, row, refs, index)
    return row


def _cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""


def _match(schema: EntitySchema, row: RowPlan, refs, index) -> None:
    try:
        row.record = index.find(row.values)
    except MatchError as error:
        row.errors.append(
            RowError(row.number, error.column, str(row.values.get(error.column, "")), str(error))
        )
        return
    for column in schema.columns:
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
    schema.finish(row.values)
    if row.record is None:
        return
    row.changes = [
        Change(column, old, row.values[column.name])
        for column in schema.columns
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
