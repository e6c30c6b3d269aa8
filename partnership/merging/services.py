"""Merge two records of one kind into the one kept, and undo such a merge.

A merge moves every reference from the merged record to the kept one, removes link rows that
would then say the same twice, archives the merged record and keeps a `RecordMerge` listing
each moved and removed row, so an undo moves exactly those back. Fields are not copied from
one record to the other: the undo would have to guess which later edits to keep.
Both functions flush and never commit; the caller commits once.
"""

from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select, update

from partnership.archive import archive, get_archived, restore
from partnership.extensions import db
from partnership.merging import notes
from partnership.merging.models import RecordMerge
from partnership.merging.references import (
    MergeRefused,
    Referring,
    dependants,
    referring_rows,
    row_as_json,
    row_from_json,
)
from partnership.records.entity import Entity


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def check_merge(entity: Entity, kept, merged) -> list[Referring]:
    """Return what a merge of `merged` into `kept` would move; raise MergeRefused if it can't."""
    if kept.id == merged.id:
        raise MergeRefused(_("Choose another record: a record cannot be merged with itself."))
    if getattr(merged, "is_home", False):
        raise MergeRefused(
            _("The home city cannot be merged away; keep it and merge the other city into it.")
        )
    return referring_rows(entity.model, kept.id, merged.id)


def merge(entity: Entity, kept_id: int, merged_id: int, user) -> RecordMerge:
    """Merge record `merged_id` into `kept_id`, both of `entity`'s kind; return the merge."""
    kept, merged = db.session.get(entity.model, kept_id), db.session.get(entity.model, merged_id)
    if kept is None or merged is None:
        raise MergeRefused(_("One of the two records no longer exists; choose again."))
    referring = check_merge(entity, kept, merged)
    db.session.flush()
    moves = []
    for rows in referring:
        table, column = rows.table, rows.column
        for row_id in rows.dropped:
            moves.append(
                {"table": table.name, "column": column, "id": row_id,
                 "dropped": row_as_json(table, row_id),
                 "dependants": _drop_dependants(table, row_id)}
            )  # fmt: skip
        if rows.dropped:
            db.session.execute(delete(table).where(table.c.id.in_(rows.dropped)))
        moves += [{"table": table.name, "column": column, "id": row_id} for row_id in rows.moved]
        _point(table, column, rows.moved, merged_id, kept_id)
    # Rows changed underneath the ORM: read them again rather than trust what was loaded.
    db.session.expire_all()
    merged = db.session.get(entity.model, merged_id)
    archive(merged)
    record = RecordMerge(
        table_name=entity.model.__table__.name,
        kept_id=kept_id,
        merged_id=merged_id,
        moves=moves,
        merged_at=_now(),
        merged_by_id=user.id if user else None,
    )
    db.session.add(record)
    db.session.flush()
    kept = db.session.get(entity.model, kept_id)
    notes.merged(kept, merged, user)
    return record


def _drop_dependants(table, row_id: int) -> dict[str, list[dict]]:
    """Delete the rows belonging to a dropped row (a participant's days); return them by table
    for the undo. Deleted here rather than by the database's cascade, which SQLite may skip."""
    kept = {}
    for dependant, column in dependants(table):
        ids = list(db.session.scalars(select(dependant.c.id).where(dependant.c[column] == row_id)))
        if ids:
            kept[dependant.name] = [row_as_json(dependant, dependant_id) for dependant_id in ids]
            db.session.execute(delete(dependant).where(dependant.c.id.in_(ids)))
    return kept


def _point(table, column: str, row_ids: list[int], old_id: int, new_id: int) -> None:
    """Point `column` of the rows `row_ids` from `old_id` to `new_id`, in bounded batches."""
    values = {column: new_id}
    if "version" in table.c:
        # Someone editing one of these rows meanwhile gets the usual conflict, not a silent undo.
        values["version"] = table.c.version + 1
    for start in range(0, len(row_ids), 500):
        batch = row_ids[start : start + 500]
        db.session.execute(
            update(table)
            .where(table.c.id.in_(batch), table.c[column] == old_id)
            .values(values)
            .execution_options(synchronize_session=False)
        )


def model_of_table(table_name: str):
    return next(
        (m.class_ for m in db.Model.registry.mappers if m.local_table.name == table_name), None
    )


def undo(record: RecordMerge, user) -> int:
    """Move back what `record` moved and bring the merged record back; return how many
    references did not go back because they changed since (deleted or pointed elsewhere)."""
    if record.undone_at is not None:
        raise MergeRefused(_("This merge was undone already."))
    model = model_of_table(record.table_name)
    merged = get_archived(model, record.merged_id) or db.session.get(model, record.merged_id)
    if merged is None:
        raise MergeRefused(
            _("The merged record no longer exists (it was purged): there is nothing to bring back.")
        )
    later = db.session.scalars(
        select(RecordMerge.id).where(
            RecordMerge.table_name == record.table_name,
            RecordMerge.id > record.id,
            RecordMerge.undone_at.is_(None),
            RecordMerge.kept_id.in_([record.kept_id, record.merged_id])
            | RecordMerge.merged_id.in_([record.kept_id, record.merged_id]),
        )
    ).first()
    if later is not None:
        raise MergeRefused(_("A later merge involves one of these records; undo that merge first."))
    db.session.flush()
    tables = db.metadata.tables
    stayed = 0
    for move in record.moves:
        table = tables.get(move["table"])
        if table is None:
            stayed += 1
        elif "dropped" in move:
            stayed_out = _put_back(table, move["dropped"])
            stayed += stayed_out
            for name, rows in move.get("dependants", {}).items():
                # Rows of a row that stayed out stay out with it; each belongs to no one else.
                if not stayed_out and (dependant := tables.get(name)) is not None:
                    for values in rows:
                        _put_back(dependant, values)
        else:
            result = db.session.execute(
                update(table)
                .where(table.c.id == move["id"], table.c[move["column"]] == record.kept_id)
                .values({move["column"]: record.merged_id})
                .execution_options(synchronize_session=False)
            )
            stayed += 1 - result.rowcount
    db.session.expire_all()
    merged = get_archived(model, record.merged_id) or db.session.get(model, record.merged_id)
    if merged.is_archived:
        restore(merged)
    record.undone_at = _now()
    record.undone_by_id = user.id if user else None
    db.session.flush()
    kept = get_archived(model, record.kept_id) or db.session.get(model, record.kept_id)
    notes.unmerged(kept, merged, user)
    return stayed


def _put_back(table, values: dict) -> int:
    """Insert a row a merge removed, unless a row of its id is there again; 1 if it stayed out."""
    if db.session.scalar(select(table.c.id).where(table.c.id == values["id"])) is not None:
        return 1
    for fk in table.foreign_keys:
        # What the row linked (a delegation, an event) may have been deleted since.
        value = values.get(fk.parent.name)
        if (
            value is not None
            and db.session.scalar(select(fk.column).where(fk.column == value)) is None
        ):
            return 1
    db.session.execute(insert(table).values(row_from_json(table, values)))
    return 0
