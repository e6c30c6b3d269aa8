"""What an import would do, row by row: the plan a preview shows and a confirmation writes."""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from partnership.imports.columns import Column
from partnership.imports.readers import Table
from partnership.imports.references import KIND_NAMES, References
from partnership.records.entity import Entity

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
    """One row: its cells read into values by column name, and the record it matches."""

    number: int
    label: str
    status: str = NEW
    record: Any = None
    values: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # What the preview points out without refusing the row (a likely duplicate).
    warnings: list[str] = field(default_factory=list)


@dataclass
class Plan:
    entity: Entity
    table: Table
    rows: list[RowPlan]
    ignored_columns: list[str]
    refs: References

    @property
    def spec(self):
        """The entity's import description: its columns, matching and rules."""
        return self.entity.importer

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
