"""Read every row that refers to some records, to compare before a merge and after its undo."""

from sqlalchemy import select

from partnership.extensions import db

# Bookkeeping a merge changes on purpose: moved rows get a new version (an editor's stale form
# then conflicts), and the time of the last change.
SKIPPED = {"version", "updated_at"}


def referring(model, ids) -> set[tuple]:
    """Every row of any table pointing at one of `ids` of `model`, with all its values."""
    target = model.__table__
    rows = set()
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is not target or table is target:
                continue
            query = select(table).where(fk.parent.in_(ids))
            for row in db.session.execute(query).mappings():
                values = tuple(sorted((k, str(v)) for k, v in row.items() if k not in SKIPPED))
                rows.add((table.name, values))
    return rows


def pointing_at(model, record_id) -> dict[str, int]:
    """How many rows of each table point at the record."""
    counts: dict[str, int] = {}
    for table_name, _values in referring(model, [record_id]):
        counts[table_name] = counts.get(table_name, 0) + 1
    return counts
