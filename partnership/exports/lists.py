"""What each list page downloads, read from the descriptions of the kinds of record.

An importable kind downloads its import columns, so a downloaded list imports back unchanged;
any other kind with a list page downloads the columns its description names for downloads.
Each column is selected by SQL and written by a small writer (`records.export_cells`): a
download builds no record per row.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Integer, Select, bindparam

from partnership.exports.cells import cell_of
from partnership.extensions import db
from partnership.records.entity import Entity, entities, entity_named
from partnership.records.export_cells import Cell, live
from partnership.reports.tables import number_writer

# Rows are fetched from the database in batches while the file streams out.
BATCH = 500


@dataclass(frozen=True)
class ListExport:
    """What one list page downloads: its query (filtered like the page) and its columns."""

    model: type
    query: Callable[[str], Select]
    columns: tuple[tuple[str, Cell], ...]
    # Names people (contacts, delegation members, coordinators): its download is audited.
    personal: bool = False

    @property
    def header(self) -> list[str]:
        return [name for name, _ in self.columns]

    def select(self, text: str) -> Select:
        """The download's statement: the list's filter, the values its columns write, and the
        id last, in order of id (the primary key serves it: no whole table is sorted)."""
        values = [value for _, cell in self.columns for value in cell.sql(self.model)]
        return (
            self.query(text)
            .with_only_columns(*values, self.model.id)
            .where(*live(self.model))
            .order_by(None)
            .order_by(self.model.id)
        )

    def rows(self, text: str, delimiter: str = ",") -> Iterator[list]:
        """Yield the written rows, a batch of `BATCH` rows per statement, each batch going on
        from the last id of the one before: every statement seeks by the primary key (ids
        count from 1), none reads the table to its end."""
        # Built once, the next id a parameter: a filter may ask the database while the
        # statement is built, and each new statement would be compiled anew.
        after = bindparam("after", type_=Integer)
        statement = self.select(text).where(self.model.id > after).limit(BATCH)
        write = self.row_writer(delimiter)
        connection = db.session.connection()
        last = 0
        while True:
            batch = connection.execute(statement, {"after": last}).all()
            yield from map(write, batch)
            if len(batch) < BATCH:
                return
            last = batch[-1][-1]

    def row_writer(self, delimiter: str) -> Callable[[tuple], list]:
        """Return the function that writes a row of the statement as the cells of the file."""
        number = number_writer(delimiter)
        steps, start = [], 0
        for _, cell in self.columns:
            size = len(cell.sql(self.model))
            write = cell.write
            if cell.amount:
                write = _then(write, number)
            steps.append((start, size, write))
            start += size
        if all(size == 1 and write is None for _, size, write in steps):
            return lambda row: row[:-1]  # every value written as it is
        singles = [(start, write) for start, size, write in steps if size == 1]
        if len(singles) == len(steps):
            return lambda row: [row[i] if w is None else w(row[i]) for i, w in singles]
        return lambda row: [
            row[i] if w is None else w(*row[i : i + n]) if n > 1 else w(row[i]) for i, n, w in steps
        ]


def _then(first, second):
    return second if first is None else lambda value: second(first(value))


def export_of(entity: Entity) -> ListExport | None:
    """Return what the list page of `entity` downloads, or None if it has no list or columns."""
    if entity.list_query is None:
        return None
    if entity.importer is not None:
        columns = tuple((column.name, cell_of(column)) for column in entity.importer.columns)
    else:
        columns = tuple(entity.csv_columns)
    if not columns:
        return None
    return ListExport(entity.model, entity.list_query, columns, entity.personal)


def list_exports() -> dict[str, ListExport]:
    """Return the download of every list page, by the name of its area."""
    return {entity.name: export for entity in entities() if (export := export_of(entity))}


def list_export(area: str) -> ListExport | None:
    """Return the download of the list page of `area`, or None if it has none."""
    entity = entity_named(area)
    return export_of(entity) if entity is not None else None
