"""The JSON schemas of the API's records, changes, lists and problems, read off the forms.

The schemas use the same field kinds the API reads and writes with (fields.py), so types,
choices, lengths and required fields cannot drift from what the API does.
"""

from wtforms import SelectField

from partnership.api import fields
from partnership.api.fields import value_fields
from partnership.lookup.fields import MAX_CHOSEN
from partnership.routing import MAX_ID

ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def problem_schema() -> dict:
    return {
        "type": "object",
        "description": "RFC 9457 problem details.",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "errors": {
                "type": "object",
                "description": "The messages of each refused field ('' for the whole record).",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
    }


def _field_schema(field, writing: bool) -> dict:
    kind = fields.kind_of(field)
    schema = dict(kind.schema)
    if field.description:
        schema["description"] = str(field.description)
    if not writing:
        if kind not in (fields.IDS, fields.LINES, fields.BOOLEAN):
            schema["type"] = _nullable(schema["type"])
        return schema
    if kind is fields.IDS:
        schema["maxItems"] = MAX_CHOSEN
    if kind in (fields.ID,):
        schema["maximum"] = MAX_ID
    if kind is fields.STRING and (longest := fields.max_length(field)) is not None:
        schema["maxLength"] = longest
    if kind is fields.INTEGER:
        low, high = fields.number_range(field)
        schema.update({k: v for k, v in (("minimum", low), ("maximum", high)) if v is not None})
    if kind is fields.CHOICE and isinstance(field, SelectField):
        schema["enum"] = [str(choice[0]) for choice in field.iter_choices()]
    if not _required(field) and kind not in (fields.IDS, fields.LINES, fields.BOOLEAN):
        schema["type"] = _nullable(schema["type"])
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _required(field) -> bool:
    """Required by its checks, or a choice without an empty one (no value is then valid)."""
    if fields.is_required(field):
        return True
    if fields.kind_of(field) is fields.CHOICE and isinstance(field, SelectField):
        return "" not in [str(choice[0]) for choice in field.iter_choices()]
    return False


def _nullable(type_) -> list:
    return [*(type_ if isinstance(type_, list) else [type_]), "null"]


def read_schema(form) -> dict:
    properties = {
        "id": {**ID, "readOnly": True},
        "version": {"type": "integer", "readOnly": True},
        **{field.name: _field_schema(field, writing=False) for field in value_fields(form)},
        "links": links_schema(),
    }
    return {"type": "object", "required": ["id", "version", "links"], "properties": properties}


def links_schema() -> dict:
    return {
        "type": "object",
        "readOnly": True,
        "properties": {"self": {"type": "string"}, "page": {"type": "string"}},
    }


def write_schema(form, creating: bool) -> dict:
    """A new record's values, or a change's: only what changes, the rest stays."""
    properties = {field.name: _field_schema(field, writing=True) for field in value_fields(form)}
    required = [field.name for field in value_fields(form) if creating and _required(field)]
    return {
        "type": "object",
        "description": "`id` and `links` of an answer may be sent back and are ignored.",
        "properties": {
            "id": {**ID, "readOnly": True},
            "version": {**ID, "description": "Instead of If-Match."},
            **properties,
            "links": links_schema(),
        },
        "required": required,
        "additionalProperties": False,
    }


def list_schema(item: dict) -> dict:
    return {
        "type": "object",
        "required": ["items", "has_next"],
        "properties": {"items": {"type": "array", "items": item}, "has_next": {"type": "boolean"}},
    }


def event_summary_schema() -> dict:
    text, day = {"type": ["string", "null"]}, {"type": ["string", "null"], "format": "date"}
    return {
        "type": "object",
        "required": ["id", "kind", "title", "links"],
        "properties": {
            "id": ID,
            "kind": {"type": "string"},
            "title": {"type": "string"},
            "date": text,
            "date_start": day,
            "date_end": day,
            "partner_city_id": {"type": ["integer", "null"]},
            "summary": text,
            "links": links_schema(),
        },
    }
