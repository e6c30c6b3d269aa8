"""Write a Change row for every insert, update and delete of a record, in the same transaction.

Rows are written with Core inside `after_flush`, where the flushed objects still carry their
attribute history, so no change can be committed without its trace.
"""

import datetime as dt
import enum
from decimal import Decimal

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import Column, event, insert, inspect, update
from sqlalchemy.orm import MANYTOONE, Session
from sqlalchemy.orm.attributes import set_committed_value

from partnership.auth.models import User
from partnership.fuzzydate import FuzzyDate
from partnership.history.models import Change
from partnership.history.people import LIST, PEOPLE, is_person, person_fields, person_id_of
from partnership.modeltypes import Record

# Bookkeeping columns: they change on every save and say nothing to a reader.
IGNORED = {"search_text", "updated_at", "created_at", "version", "date_sort"}
FUZZY_COLUMNS = ("date_start", "date_end", "date_precision", "date_tentative")
PAUSED = "history_paused"
WRITTEN = "history_written"
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


def _named(session: Session, obj) -> str:
    """Return how `obj` reads, its references looked up by id first.

    Inside a flush, a new row set up by ids (a member given a contact_id) does not load what
    they point at yet, and a changed id leaves the old record loaded: it would read as "None".
    """
    state = inspect(obj)
    with session.no_autoflush:
        for rel in state.mapper.relationships:
            if rel.direction is not MANYTOONE or len(rel.local_columns) != 1:
                continue
            value = getattr(obj, next(iter(rel.local_columns)).key)
            loaded = state.dict.get(rel.key)
            # A stored row loads its reference by the current id on first use anyway.
            unloaded_but_stored = rel.key not in state.dict and state.key is not None
            if value is None or unloaded_but_stored or getattr(loaded, "id", None) == value:
                continue
            options = {"include_archived": True}
            target = session.get(rel.mapper.class_, value, execution_options=options)
            set_committed_value(obj, rel.key, target)
    if type(obj).__str__ is object.__str__:
        # A link row without a name of its own reads as the records it links.
        linked = [
            str(getattr(obj, rel.key))
            for rel in state.mapper.relationships
            if rel.direction is MANYTOONE and getattr(obj, rel.key) is not None
        ]
        return " · ".join(linked) or f"{type(obj).__name__} {obj.id or ''}".strip()
    return str(obj)


def _changes(obj, deleting: bool = False) -> tuple[dict, dict]:
    """Return each changed field's readable [before, after], and the people those values name."""
    state = inspect(obj)
    session = state.session
    references = _references(state.mapper)
    person_lists = {key for key, kind in person_fields(state.mapper).items() if kind == LIST}
    before, after, people = {}, {}, {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        # Computed attributes (a count a list query fills in) are not stored: nothing changed.
        if key in IGNORED or key == "id" or not isinstance(attr.columns[0], Column):
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
            before[rel.key] = [_named(session, item) for item in kept + list(history.deleted)]
            after[rel.key] = [_named(session, item) for item in kept + list(history.added)]
            if rel.key in person_lists:
                people[rel.key] = [
                    [person_id_of(item) for item in kept + list(history.deleted)],
                    [person_id_of(item) for item in kept + list(history.added)],
                ]
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
            if target is not None and is_person(target):
                people[shown_key] = [before[key], None if deleting else after[key]]
    return result, people


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
            changes, people = _changes(obj)
            changes = {k: [None, v[1]] for k, v in changes.items() if v[1] not in (None, "")}
            rows.append(_row(obj, "create", changes, people, now, user_id))
    for obj in session.dirty:
        if _is_recorded(obj) and session.is_modified(obj):
            changes, people = _changes(obj)
            if changes:
                rows.append(_row(obj, _action(obj, changes), changes, people, now, user_id))
    for obj in session.deleted:
        if _is_recorded(obj):
            changes, people = _changes(obj, deleting=True)
            rows.append(_row(obj, "delete", changes, people, now, user_id))
    if rows:
        _write_once_per_save(session, rows)


def _write_once_per_save(session: Session, rows: list[dict]) -> None:
    """Write one entry per record and transaction, however often the save flushed.

    A service may flush between setting fields and collections (to get an id, or to check a
    rule); the reader sees one save, so later flushes merge into the entry already written.
    """
    written = session.info.setdefault(WRITTEN, {})
    connection = session.connection()
    for row in rows:
        key = (row["entity"], row["entity_id"])
        if key not in written:
            new_id = connection.execute(insert(Change).returning(Change.id), row).scalar_one()
            written[key] = (new_id, row)
            continue
        change_id, first = written[key]
        merged = {**first["changes"]}
        for field, pair in row["changes"].items():
            if field == PEOPLE:
                merged[PEOPLE] = {**merged.get(PEOPLE, {}), **pair}
                continue
            earlier = merged.get(field)
            merged[field] = [earlier[0] if earlier else pair[0], pair[1]]
            if merged[field][0] == merged[field][1] and row["action"] != "delete":
                del merged[field]
        action = (
            row["action"] if row["action"] in ("archive", "restore", "delete") else first["action"]
        )
        first = {**first, "changes": merged, "action": action, "label": row["label"]}
        written[key] = (change_id, first)
        connection.execute(
            update(Change)
            .where(Change.id == change_id)
            .values(changes=merged, action=action, label=row["label"])
        )


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_written(session: Session, *_args) -> None:
    session.info.pop(WRITTEN, None)


def _row(obj, action: str, changes: dict, people: dict, now, user_id) -> dict:
    people = {key: ids for key, ids in people.items() if key in changes}
    if people:
        changes = {**changes, PEOPLE: people}
    return {
        "at": now,
        "user_id": user_id,
        "action": action,
        "entity": entity_name(obj),
        "entity_id": obj.id,
        "label": _named(inspect(obj).session, obj)[:300],
        "changes": changes,
    }
