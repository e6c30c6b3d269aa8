"""How the preview shows a row: columns by the headers of the file, values as pages label them.

A file that says "Richtung" and "eingehend" reads back as "Richtung: eingehend", in the
reader's language, whatever English name and value the import keeps inside.
"""

import re

from flask_babel import gettext as _

from partnership.formatting import format_day, format_fuzzy
from partnership.imports.columns import ImportFileError, match_header
from partnership.imports.values import Choice, Day, Flag, Lines, Ref, Refs, When
from partnership.labels import label

# A value quoted inside a message, in the quotation marks of either language.
OPENING, CLOSING = "‘“„‚«»\"'", "’”“‘»«\"'"


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
    if isinstance(kind, Choice):
        return label(value) or "—"
    if isinstance(kind, Lines):
        return " / ".join(value) if value else "—"
    shown = getattr(kind, "show", None)
    written = shown(value) if shown else kind.write(value)
    return written if written else "—"


def headings(plan) -> dict[str, str]:
    """Name each column as the file's first row does; a column the file lacks (a value filled
    in by default) by its field's label. Keys are the columns' own names, as errors use."""
    try:
        positions, _ignored = match_header(plan.spec.columns, plan.table.header)
    except ImportFileError:
        positions = {}
    found = {}
    for column in plan.spec.columns:
        position = positions.get(column.name)
        header = plan.table.header[position].strip() if position is not None else ""
        found[column.name] = header or plan.entity.label_of(column.attr)
    return found


def quotes_value(error) -> bool:
    """Tell whether an error's message already quotes the cell (‘xyz’ is not a date…)."""
    if not error.value:
        return False
    quoted = f"[{re.escape(OPENING)}]{re.escape(error.value)}[{re.escape(CLOSING)}]"
    return re.search(quoted, error.message) is not None


def error_text(error, names: dict[str, str]) -> str:
    """Say where a row went wrong and why, naming the column as the file does and the value
    once: the message may quote it already."""
    column = names.get(error.column, error.column)
    if error.value and not quotes_value(error):
        return _(
            "Row %(row)d, column “%(column)s”, value “%(value)s”: %(message)s",
            row=error.row,
            column=column,
            value=error.value,
            message=error.message,
        )
    return _(
        "Row %(row)d, column “%(column)s”: %(message)s",
        row=error.row,
        column=column,
        message=error.message,
    )


def filled(row, spec) -> list[tuple]:
    """Return (column, value) for the columns a new row fills, in the import's order."""
    return [
        (column, row.values[column.name])
        for column in spec.columns[1:]
        if column.name in row.values and row.values[column.name] not in (None, "", (), False)
    ]


def _named(record, refs) -> str:
    return _("%(name)s (new)", name=record) if refs.is_new(record) else str(record)
