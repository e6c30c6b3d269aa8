"""How the history reads: kinds, fields and values by their labels in the reader's language.

Changes are stored with the model's class name, field names and plain values (enum values,
true/false, English dates), so they stay readable whatever language the reader picks; this
module turns them into labels when a page shows them.
"""

import enum
from dataclasses import dataclass

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Enum as EnumType
from sqlalchemy import inspect

from partnership.formatting import format_fuzzy
from partnership.fuzzydate import FuzzyDateError, parse_fuzzy_date
from partnership.history.models import Change
from partnership.history.queries import record_models
from partnership.labels import label
from partnership.records.entity import entity_of

# Kinds of record that are not described by an area's entity.
OTHER_KINDS = {"User": _l("User")}
OTHER_FIELDS = {"email": _l("E-mail"), "role": _l("Role"), "active": _l("Active")}
# A merge's entries (see merging/notes.py): which record this one went into, or took in.
OTHER_FIELDS |= {"merged_into": _l("Merged into"), "merged_from": _l("Merged into this record")}
# A document attached to or removed from a record changes the record's list of documents.
OTHER_FIELDS |= {"documents": _l("Documents")}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


def kind_label(kind: str) -> str:
    """Return what a kind of record is called ('Visit', 'Besuch') from its class name."""
    model = record_models().get(kind)
    entity = entity_of(model) if model is not None else None
    if entity is not None:
        return str(entity.singular)
    return str(OTHER_KINDS.get(kind, kind))


def kind_choices() -> list[tuple[str, str]]:
    """The kinds of record for a filter, as (stored name, label), sorted by label."""
    return sorted(((kind, kind_label(kind)) for kind in record_models()), key=lambda c: c[1])


def field_changes(change: Change) -> list[FieldChange]:
    """Return a change's fields with their labels and their values as a reader reads them."""
    model = record_models().get(change.entity)
    entity = entity_of(model) if model is not None else None
    return [
        FieldChange(
            _field_label(entity, name),
            _shown(model, name, values[0]),
            _shown(model, name, values[1]),
        )
        for name, values in change.fields.items()
    ]


def _field_label(entity, name: str) -> str:
    if entity is not None:
        for candidate in (name, f"{name}_id", f"{name.removesuffix('s')}_ids"):
            if candidate in entity.fields:
                return str(entity.fields[candidate])
    if name in OTHER_FIELDS:
        return str(OTHER_FIELDS[name])
    return (entity.label_of(name) if entity else name.replace("_", " ")).capitalize()


def _shown(model, name: str, value) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if name == "date" and isinstance(value, str):
        return _reread_date(value)
    enum_class = _enum_of(model, name)
    if enum_class is not None:
        try:
            return label(enum_class(value))
        except ValueError:
            return str(value)
    return str(value)


def _enum_of(model, name: str) -> type[enum.Enum] | None:
    if model is None:
        return None
    column = inspect(model).columns.get(name)
    if column is not None and isinstance(column.type, EnumType):
        return column.type.enum_class
    return None


def _reread_date(text: str) -> str:
    """A fuzzy date is stored in English; show it in the reader's language."""
    try:
        return format_fuzzy(parse_fuzzy_date(text))
    except FuzzyDateError:
        return text


def init_app(app: Flask) -> None:
    app.add_template_global(field_changes)
    app.add_template_global(kind_label)
