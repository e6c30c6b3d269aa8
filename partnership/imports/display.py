"""How the preview shows a value: dates at their precision, new records marked as new."""

from flask_babel import gettext as _

from partnership.formatting import format_day, format_fuzzy
from partnership.imports.values import Day, Flag, Lines, Ref, Refs, When


def show(column, value, refs) -> str:
    """Return `value` of `column` as the preview shows it, in the interface language."""
    kind = column.kind
    if isinstance(kind, Ref):
        return _named(value, refs) if value is not None else "—"
    if isinstance(kind, Refs):
        return ", ".join(_named(record, refs) for record in value) if value else "—"
    if isinstance(kind, When):
        return format_fuzzy(value) or "—"
    if isinstance(kind, Day):
        return format_day(value) or "—"
    if isinstance(kind, Flag):
        return _("yes") if value else _("no")
    if isinstance(kind, Lines):
        return " / ".join(value) if value else "—"
    written = kind.write(value)
    return written if written else "—"


def filled(row, spec) -> list[tuple]:
    """Return (column, value) for the columns a new row fills, in the import's order."""
    return [
        (column, row.values[column.name])
        for column in spec.columns[1:]
        if column.name in row.values and row.values[column.name] not in (None, "", (), False)
    ]


def _named(record, refs) -> str:
    return _("%(name)s (new)", name=record) if refs.is_new(record) else str(record)
