"""What each list page downloads, read from the descriptions of the kinds of record.

An importable kind downloads its import columns, so a downloaded list imports back unchanged;
any other kind with a list page downloads the columns its description names for downloads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select

from partnership.records.entity import Entity, entities, entity_named
from partnership.reports.tables import number_writer

Cell = Callable[[Any], Any]


@dataclass(frozen=True)
class ListExport:
    """What one list page downloads: its query (filtered like the page) and its columns."""

    query: Callable[[str], Select]
    columns: tuple[tuple[str, Cell], ...]
    load_options: tuple = ()
    # Names people (contacts, delegation members, coordinators): its download is audited.
    personal: bool = False

    @property
    def header(self) -> list[str]:
        return [name for name, _ in self.columns]

    def select(self, text: str) -> Select:
        return self.query(text).options(*self.load_options)

    def row(self, record) -> list:
        return [cell(record) for _, cell in self.columns]


def export_of(entity: Entity) -> ListExport | None:
    """Return what the list page of `entity` downloads, or None if it has no list or columns."""
    if entity.list_query is None:
        return None
    if entity.importer is not None:
        spec = entity.importer
        columns = tuple((column.name, column.write) for column in spec.columns)
        options = spec.load_options
    else:
        columns, options = entity.csv_columns, entity.csv_load_options
    if not columns:
        return None
    return ListExport(entity.list_query, tuple(columns), tuple(options), entity.personal)


def list_exports() -> dict[str, ListExport]:
    """Return the download of every list page, by the name of its area."""
    return {entity.name: export for entity in entities() if (export := export_of(entity))}


def list_export(area: str) -> ListExport | None:
    """Return the download of the list page of `area`, or None if it has none."""
    entity = entity_named(area)
    return export_of(entity) if entity is not None else None


def spreadsheet_cells(delimiter: str) -> Callable[[list], list]:
    """Return how a row's amounts are written: a decimal comma in a ';'-separated file.

    A spreadsheet set to German reads ';'-separated files and takes 1234.50 for text.
    """
    number = number_writer(delimiter)

    def cells(row: list) -> list:
        return [number(value) if isinstance(value, Decimal) else value for value in row]

    return cells
