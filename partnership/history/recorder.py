"""Write a Change row for every insert, update and delete of a record, in the same transaction.

Rows are written with Core inside `after_flush`, where the flushed objects still carry their
attribute history, so no change can be committed without its trace.
"""

import datetime as dt
import enum
from decimal import Decimal

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import MANYTOONE, Session

from partnership.auth.models import User
from partnership.fuzzydate import FuzzyDate
from partnership.history.models import Change
from partnership.modeltypes import Record

# Bookkeeping columns: they change on every save and say nothing to a reader.
IGNORED = {"search_text", "updated_at", "created_at", "version", "date_sort"}
FUZZY_COLUMNS = ("date_start", "date_end", "date_precision", "date_tentative")
PAUSED = "history_paused"
SECRET = {"password_hash": "(changed)", "calendar_token": "(changed)"}


def entity_name(obj) -> str:
    return type(obj).__name__


def _plain(value):
    """Return a JSON-friendly form of a column value."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [str(item) for item in value]
    return value


def _fuzzy(values: dict) -> str | None:
    date = FuzzyDate.from_parts(*(values.get(name) for name in FUZZY_COLUMNS))
    return date.format("en") if date else None


def _references(mapper) -> dict[str, type]:
    """Map each foreign-key column of a model to the model it points at."""
    found = {}
    for rel in mapper.relationships:
        if rel.direction is MANYTOONE:
            for column in rel.local_columns:
                found[column.key] = rel.mapper.class_
    return found


def _readable(session: Session, value, target: type | None):
    """Return the name of the record an id points at, so the history reads as text."""
    if target is None or value is None:
        return _plain(value)
    with session.no_autoflush:
        record = session.get(target, value, execution_options={"include_archived": True})
    return str(record) if record is not None else f"#{value}"


def _changes(obj, deleting: bool = False) -> dict:
    state = inspect(obj)
    session = state.session
    references = _references(state.mapper)
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in IGNORED or key == "id":
            continue
        history = state.attrs[key].history
        if deleting:
            before[key] = after[key] = state.attrs[key].value
        elif history.has_changes():
            before[key] = history.deleted[0] if history.deleted else None
            after[key] = history.added[0] if history.added else None
    for rel in state.mapper.relationships:
        if not rel.uselist or rel.viewonly:
            continue
        history = state.attrs[rel.key].history
        if history.added or history.deleted:
            kept = list(history.unchanged)
            before[rel.key] = [str(item) for item in kept + list(history.deleted)]
            after[rel.key] = [str(item) for item in kept + list(history.added)]
    result = {}
    if any(name in before for name in FUZZY_COLUMNS):
        full_before = {n: state.attrs[n].value for n in FUZZY_COLUMNS}
        full_before.update({n: before[n] for n in FUZZY_COLUMNS if n in before})
        full_after = {n: state.attrs[n].value for n in FUZZY_COLUMNS}
        result["date"] = [_fuzzy(full_before), None if deleting else _fuzzy(full_after)]
    for key in before:
        if key in FUZZY_COLUMNS:
            continue
        if key in SECRET:
            result[key] = [SECRET[key], SECRET[key]]
        elif deleting or before[key] != after[key]:
            target = references.get(key)
            shown_key = key.removesuffix("_id") if target else key
            result[shown_key] = [
                _readable(session, before[key], target),
                None if deleting else _readable(session, after[key], target),
            ]
    return result


def _action(obj, changes: dict) -> str:
    if "archived_at" in changes:
        return "archive" if changes["archived_at"][1] else "restore"
    return "update"


def _acting_user_id() -> int | None:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id
    return None


def _is_recorded(obj) -> bool:
    return isinstance(obj, Record | User)


@event.listens_for(Session, "after_flush")
def record_changes(session: Session, _context) -> None:
    # Erasing a person must not write their old data into the history it is cleaning.
    if session.info.get(PAUSED):
        return
    rows = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    user_id = _acting_user_id()
    for obj in session.new:
        if _is_recorded(obj):
            changes = {k: [None, v[1]] for k, v in _changes(obj).items() if v[1] not in (None, "")}
            rows.append(_row(obj, "create", changes, now, user_id))
    for obj in session.dirty:
        if _is_recorded(obj) and session.is_modified(obj):
            changes = _changes(obj)
            if changes:
                rows.append(_row(obj, _action(obj, changes), changes, now, user_id))
    for obj in session.deleted:
        if _is_recorded(obj):
            rows.append(_row(obj, "delete", _changes(obj, deleting=True), now, user_id))
    if rows:
        session.connection().execute(insert(Change), rows)


def _row(obj, action: str, changes: dict, now, user_id) -> dict:
    return {
        "at": now,
        "user_id": user_id,
        "action": action,
        "entity": entity_name(obj),
        "entity_id": obj.id,
        "label": str(obj)[:300],
        "changes": changes,
    }
