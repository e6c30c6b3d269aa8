"""The download column of an import column: chosen by the kind of value the column reads."""

from partnership.imports.columns import Column, relationship_of
from partnership.imports.references import EVENT_KINDS
from partnership.imports.values import Choice, Count, Day, Flag, Ref, Refs, Text, When
from partnership.records import export_cells as cells
from partnership.records.export_cells import Cell


def cell_of(column: Column) -> Cell:
    """Return how a download selects and writes `column`: the same text its kind's `write`
    gives a loaded record, which the import reads back."""
    if column.cell is not None:
        return column.cell
    kind, attr = column.kind, column.attr
    if isinstance(kind, Text | Count):
        return cells.field(attr)
    if isinstance(kind, Choice):
        return cells.choice(attr)
    if isinstance(kind, Flag):
        return cells.flag(attr)
    if isinstance(kind, When):
        return cells.fuzzy_date(attr)
    if isinstance(kind, Day):
        return cells.day(attr)
    if isinstance(kind, Ref):
        if kind.kind in EVENT_KINDS:
            return cells.dated_named(relationship_of(attr))
        return cells.named(relationship_of(attr))
    if isinstance(kind, Refs):
        dated = kind.kind in EVENT_KINDS
        return cells.names_of(relationship_of(attr), kind.joiner, dated=dated)
    raise TypeError(f"the column {column.name!r} needs a `cell` saying how it is downloaded")
