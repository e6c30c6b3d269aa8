"""Which person each value of a history entry names, so erasure finds people by reference.

The history shows a reference as the name it had (a partnership's coordinator, a delegation's
members), and that text alone cannot tell two people of one name apart. So each entry also keeps,
under the `PEOPLE` key, the id of the person behind every such value, side by side with it:
`{"coordinator": [3, 7], "members": [[3], [3, 9]]}`.
"""

from functools import cache

from sqlalchemy import inspect
from sqlalchemy.orm import MANYTOONE, Mapper

# Not a field: the ids of the people the entry's values name.
PEOPLE = "_people"
# The kind of record that is a person (and can be erased).
PERSON = "Contact"
REFERENCE, LIST = "reference", "list"


def is_person(model: type) -> bool:
    return model.__name__ == PERSON


@cache
def _person_column(mapper: Mapper) -> str | None:
    """Return the column by which a row of `mapper` points at a person, if it does."""
    for rel in mapper.relationships:
        if rel.direction is MANYTOONE and is_person(rel.mapper.class_):
            return next(iter(rel.local_columns)).key
    return None


@cache
def person_fields(mapper: Mapper) -> dict[str, str]:
    """Map each history field of a model that can name a person to its kind.

    A reference to a person shows as one name; a list shows each item's name, the item being a
    person or a row pointing at one (a delegation's member, an event's participant).
    """
    fields = {}
    for rel in mapper.relationships:
        if rel.direction is MANYTOONE and is_person(rel.mapper.class_):
            for column in rel.local_columns:
                fields[column.key.removesuffix("_id")] = REFERENCE
        elif rel.uselist and not rel.viewonly:
            target = rel.mapper
            if is_person(target.class_) or _person_column(target):
                fields[rel.key] = LIST
    return fields


def person_id_of(item) -> int | None:
    """Return the id of the person an item of a list names, or None for anything else."""
    if item is None:
        return None
    if is_person(type(item)):
        return item.id
    column = _person_column(inspect(item).mapper)
    return getattr(item, column) if column else None


def rename(changes: dict, person_id: int, new_name: str) -> dict:
    """Return `changes` with every value that names `person_id` replaced by `new_name`."""
    people = changes.get(PEOPLE, {})
    renamed = dict(changes)
    for field, sides in people.items():
        if field not in changes:
            continue
        renamed[field] = [
            _renamed(value, ids, person_id, new_name)
            for value, ids in zip(changes[field], sides, strict=True)
        ]
    return renamed


def _renamed(value, ids, person_id: int, new_name: str):
    if isinstance(ids, list):
        if not isinstance(value, list):
            return value
        return [
            new_name if item_id == person_id else item
            for item, item_id in zip(value, ids, strict=False)
        ]
    return new_name if ids == person_id else value


def rename_by_value(changes: dict, fields: dict[str, str], old_name: str, new_name: str) -> dict:
    """Rename a person in an entry written before ids were kept: whole values only.

    Only fields that name people are read, and only a value that is the name (or a member's
    name followed by their role) counts, so "Anna" never matches "Annaberg" or "Anna-Lena".
    """
    known = changes.get(PEOPLE, {})
    renamed = dict(changes)
    for field in fields:
        if field in known or field not in changes:
            continue
        renamed[field] = [_by_value(value, old_name, new_name) for value in changes[field]]
    return renamed


def _by_value(value, old_name: str, new_name: str):
    if isinstance(value, list):
        return [_by_value(item, old_name, new_name) for item in value]
    if isinstance(value, str) and (value == old_name or value.startswith(f"{old_name} (")):
        return new_name
    return value
