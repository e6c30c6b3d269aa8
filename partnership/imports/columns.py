"""A spreadsheet column of an importable entity, and how a file's header is matched to them."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from partnership.imports.values import Refs
from partnership.text import search_key

# Where a cell was left empty in a column whose field cannot be empty (kind, status...).
EMPTY = object()


class ImportFileError(ValueError):
    """A file that cannot be imported at all; str() says why, for the person who chose it."""


@dataclass(frozen=True)
class Column:
    """One column: its English name (in exports and templates), other names, and its field.

    `attr` names the field of the entity's values the column fills; a `Ref` column fills a
    `<x>_id` field with the id of the record it names, a `Refs` column a `<x>_ids` field.
    `get` reads the value to compare from a record, where the relationship or attribute of the
    field's name is not it. `default` marks a field that cannot be empty: an empty cell keeps
    the value of an existing record, and a new record gets `default(values, refs)`, which
    raises CellError if it cannot. `cell` says how a list download selects and writes the
    column (`records.export_cells.Cell`) where its kind's own way does not fit (a `get`).
    """

    name: str
    kind: Any
    attr: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    default: Callable[[dict, Any], Any] | None = None
    get: Callable[[Any], Any] | None = None
    cell: Any = None

    def value_of(self, record):
        """Return what `record` holds in this column, comparable with what a cell reads."""
        if self.get:
            return self.get(record)
        return getattr(record, relationship_of(self.attr))

    def put(self, values, value) -> None:
        """Set the field of `values` this column fills to the value a cell was read into."""
        as_value = getattr(self.kind, "as_value", None)
        setattr(values, self.attr, as_value(value) if as_value else value)

    def write(self, record) -> str:
        """Return the cell text an export writes for this column of `record`."""
        return self.kind.write(self.value_of(record))

    def same(self, old, new) -> bool:
        if isinstance(self.kind, Refs):
            return sorted(self.kind.write((r,)) for r in old or ()) == sorted(
                self.kind.write((r,)) for r in new or ()
            )
        return self.kind.write(old) == self.kind.write(new)


def relationship_of(field_name: str) -> str:
    """Name the relationship behind a values field: `city_id` → `city`, `topic_ids` → `topics`."""
    if field_name.endswith("_ids"):
        return field_name.removesuffix("_ids") + "s"
    return field_name.removesuffix("_id")


def header_key(text: str) -> str:
    """Fold a header so 'E-Mail', 'e-mail ' and 'Email' compare equal."""
    return re.sub(r"[^0-9a-z]", "", search_key(text))


def match_header(columns: tuple[Column, ...], header: list[str]) -> tuple[dict[str, int], list]:
    """Return the position of each known column in `header`, and the headers that were ignored."""
    names = {}
    for column in columns:
        for name in (column.name, *column.aliases):
            names.setdefault(header_key(name), column)
    positions: dict[str, int] = {}
    ignored = []
    for position, text in enumerate(header):
        column = names.get(header_key(text))
        if column is None:
            if text:
                ignored.append(text)
            continue
        if column.name in positions:
            raise ImportFileError(
                _(
                    "Two columns (“%(first)s” and “%(second)s”) both mean “%(name)s”; "
                    "remove one of them.",
                    first=header[positions[column.name]],
                    second=text,
                    name=column.name,
                )
            )
        positions[column.name] = position
    missing = [c.name for c in columns if c.required and c.name not in positions]
    if missing:
        raise ImportFileError(
            _(
                "The first row must name the columns; “%(missing)s” is missing. "
                "Found: %(found)s. Expected: %(expected)s.",
                missing="”, “".join(missing),
                found=", ".join(h for h in header if h) or "—",
                expected=", ".join(c.name for c in columns),
            )
        )
    return positions, ignored
