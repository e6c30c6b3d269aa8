"""The history entries of a merge: "merged into X" on the merged record, "Y merged into this
record" on the kept one, and the same again, crossed out, when an admin undoes it.

The merged record's archiving (or restoring) is already in this transaction's entry for it
(see history/recorder.py); the merge joins that entry, so a reader sees one change, not two.
"""

from datetime import UTC, datetime

from sqlalchemy import insert, update

from partnership.extensions import db
from partnership.history.models import Change
from partnership.history.people import PEOPLE, is_person
from partnership.history.recorder import WRITTEN, entity_name

MERGE, UNMERGE = "merge", "unmerge"
INTO, FROM = "merged_into", "merged_from"


def merged(kept, merged_record, user) -> None:
    _note(merged_record, MERGE, INTO, [None, kept], user)
    _note(kept, MERGE, FROM, [None, merged_record], user)


def unmerged(kept, merged_record, user) -> None:
    _note(merged_record, UNMERGE, INTO, [kept, None], user)
    _note(kept, UNMERGE, FROM, [merged_record, None], user)


def _note(record, action: str, field: str, sides: list, user) -> None:
    session = db.session
    session.flush()
    changes = {field: [str(side) if side is not None else None for side in sides]}
    if is_person(type(record)):
        # Erasing either person later finds their name here by id (see history/people.py).
        changes[PEOPLE] = {field: [side.id if side is not None else None for side in sides]}
    written = session.info.setdefault(WRITTEN, {})
    key = (entity_name(record), record.id)
    connection = session.connection()
    if key in written:
        change_id, row = written[key]
        people = {**row["changes"].get(PEOPLE, {}), **changes.pop(PEOPLE, {})}
        changes = {**row["changes"], **changes, **({PEOPLE: people} if people else {})}
        row = {**row, "action": action, "changes": changes}
        connection.execute(
            update(Change).where(Change.id == change_id).values(action=action, changes=changes)
        )
    else:
        row = {
            "at": datetime.now(UTC).replace(tzinfo=None),
            "user_id": user.id if user else None,
            "action": action,
            "entity": key[0],
            "entity_id": record.id,
            "label": str(record)[:300],
            "changes": changes,
        }
        change_id = connection.execute(insert(Change).returning(Change.id), row).scalar_one()
    written[key] = (change_id, row)
