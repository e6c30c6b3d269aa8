"""The one write path: services take plain values, check them, and change records.

A service receives a dataclass of plain values (text, numbers, dates, enum members and the ids
of the records it refers to), whoever calls it: a page's form, an import row, a CLI command or
the API. It raises `Invalid` with a message per field when the values break a rule, and
flushes; the caller commits once per request or command.
"""

from dataclasses import fields, is_dataclass, replace
from typing import Any

from partnership.extensions import db


class Invalid(ValueError):
    """Values a service refuses: `errors` maps a field name to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


def value_names(values_class) -> list[str]:
    return [f.name for f in fields(values_class)]


def from_form(values_class, form):
    """Turn a validated form into the service's values; fields the form lacks keep defaults."""
    return values_class(
        **{name: form[name].data for name in value_names(values_class) if name in form}
    )


def read_attributes(values_class, record):
    """The values a record holds now, read from the attributes of the same names."""
    return values_class(**{name: getattr(record, name) for name in value_names(values_class)})


def as_form_data(values) -> dict[str, Any]:
    """The values as a form's `data`, to fill an edit form from what is stored."""
    # Shallow: nested dataclasses (a FuzzyDate) stay what the form's fields expect.
    if is_dataclass(values):
        return {name: getattr(values, name) for name in value_names(type(values))}
    return dict(values)


def changed(values, **changes):
    return replace(values, **changes)


def existing(model, record_id: int | None, field_name: str, message: str):
    """Return the record `record_id` refers to, or raise Invalid naming the field."""
    if record_id is None:
        return None
    record = db.session.get(model, record_id)
    if record is None:
        raise Invalid({field_name: message})
    return record
