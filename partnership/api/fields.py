"""What each kind of form field holds as JSON: read by the API's answers, its requests and its
OpenAPI document alike, so the three cannot disagree."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from wtforms import BooleanField, DateField, DecimalField, Field, IntegerField, SelectField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from partnership.forms import FuzzyDateField, RecordSelectField
from partnership.fuzzydate import FuzzyDate
from partnership.lookup.fields import CountryField, LookupManyField, LookupOneField
from partnership.visits.forms import LinesField

# Fields a form holds that are no value of the record.
SKIPPED = {"csrf_token", "submit"}


@dataclass(frozen=True)
class Kind:
    name: str
    schema: dict


STRING = Kind("string", {"type": "string"})
ID = Kind("id", {"type": "integer", "minimum": 1})
IDS = Kind("ids", {"type": "array", "items": {"type": "integer", "minimum": 1}})
LINES = Kind("lines", {"type": "array", "items": {"type": "string"}})
BOOLEAN = Kind("boolean", {"type": "boolean"})
INTEGER = Kind("integer", {"type": "integer"})
# A decimal is sent as text to keep every digit ("1234.50"); a JSON number is read too.
DECIMAL = Kind("decimal", {"type": ["string", "number"]})
DAY = Kind("date", {"type": "string", "format": "date"})
FUZZY = Kind(
    "fuzzy",
    {
        "type": "string",
        "description": "A date as the forms accept it: 24.09.2023, September 2023, Q1 2024, 2022…",
    },
)
CHOICE = Kind("choice", {"type": "string"})


def kind_of(field: Field) -> Kind:
    """The JSON shape of a form field's value."""
    if isinstance(field, LookupManyField):
        return IDS
    if isinstance(field, CountryField):
        return STRING
    if isinstance(field, LookupOneField | RecordSelectField):
        return ID
    if isinstance(field, LinesField):
        return LINES
    if isinstance(field, BooleanField):
        return BOOLEAN
    if isinstance(field, IntegerField):
        return INTEGER
    if isinstance(field, DecimalField):
        return DECIMAL
    if isinstance(field, DateField):
        return DAY
    if isinstance(field, FuzzyDateField):
        return FUZZY
    if isinstance(field, SelectField):
        return CHOICE
    return STRING


def value_fields(form) -> list[Field]:
    return [field for field in form if field.name not in SKIPPED and field.type != "HiddenField"]


def is_required(field: Field) -> bool:
    return bool(getattr(field, "required", False)) or any(
        isinstance(check, DataRequired | InputRequired) for check in field.validators
    )


def max_length(field: Field) -> int | None:
    limits = [c.max for c in field.validators if isinstance(c, Length) and c.max not in (None, -1)]
    return min(limits) if limits else None


def number_range(field: Field) -> tuple:
    for check in field.validators:
        if isinstance(check, NumberRange):
            return check.min, check.max
    return None, None


def as_json(value):
    """A value as the forms hold it, written as JSON: dates ISO, fuzzy dates as typed, enums by
    their value, references by id."""
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, FuzzyDate):
        return value.format("en")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [as_json(item) for item in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if hasattr(value, "id"):
        return value.id
    return str(value)


class WrongType(ValueError):
    """A JSON value of a shape the field cannot hold."""


def as_form_values(field: Field, value) -> list[str]:
    """The texts a browser would post for `field` holding the JSON `value`."""
    return check_texts(_posted(field, value))


def _posted(field: Field, value) -> list[str]:
    kind = kind_of(field)
    if value is None:
        return []
    if kind in (IDS, LINES):
        if not isinstance(value, list):
            raise WrongType("Expected a list.")
        wanted = int if kind is IDS else str
        if not all(isinstance(item, wanted) and not isinstance(item, bool) for item in value):
            raise WrongType("Expected a list of record ids." if kind is IDS else "Expected texts.")
        items = [str(item) for item in value]
        return items if kind is IDS else ["\n".join(items)]
    if kind is BOOLEAN:
        if not isinstance(value, bool):
            raise WrongType("Expected true or false.")
        return ["y"] if value else []
    if isinstance(value, bool):
        raise WrongType("Expected a text or a number, not true or false.")
    if kind in (ID, INTEGER):
        if not isinstance(value, int):
            raise WrongType("Expected a whole number.")
        return [str(value)]
    if kind is DECIMAL:
        if not isinstance(value, int | float | str):
            raise WrongType("Expected a number.")
        return [str(value)]
    if not isinstance(value, str):
        raise WrongType("Expected a text.")
    return [value]


def check_texts(values: list[str]) -> list[str]:
    """Refuse what no page could post: NUL characters (PostgreSQL refuses them) and lone
    surrogates (no UTF-8 holds them), both possible in JSON."""
    for value in values:
        if "\x00" in value:
            raise WrongType("Text may not hold a NUL character.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise WrongType("Text must be valid Unicode.") from error
    return values
