"""One record as JSON, and JSON written to a record through its area's form and service.

A write is what a browser's post would be: the JSON becomes the form data the page's form
reads, the form checks it as on the page, and the entity's service saves the values.
"""

from flask import url_for
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict

from partnership.api.fields import WrongType, as_form_values, as_json, value_fields
from partnership.api.problems import Problem
from partnership.extensions import db
from partnership.records import values as record_values
from partnership.records.pages import RecordPages
from partnership.records.values import Invalid
from partnership.routing import MAX_ID

# What an answer holds beside the values; a client may send them back unchanged.
READ_ONLY = ("id", "version", "links")


def blank_form(pages: RecordPages):
    """The area's form, empty, without a CSRF token (a token request carries no session)."""
    return pages.form_class(formdata=None, meta={"csrf": False})


def stored_values(pages: RecordPages, record) -> dict:
    """The record's values as the edit form holds them, as JSON."""
    data = record_values.as_form_data(pages.entity.read(record))
    return {name: as_json(value) for name, value in data.items()}


def record_json(pages: RecordPages, record) -> dict:
    return {
        "id": record.id,
        "version": record.version,
        **stored_values(pages, record),
        "links": record_links(pages, record),
    }


def record_links(pages: RecordPages, record) -> dict:
    return {
        "self": url_for("api.record", kind=pages.entity.name, object_id=record.id),
        "page": url_for(pages.entity.detail_endpoint, object_id=record.id),
    }


def form_from_json(pages: RecordPages, body: dict, base: dict | None = None):
    """The area's form filled with `body` as if posted, over the values `base` holds (a change
    names only what changes); a wrongly shaped value is a 422 naming the field."""
    form = blank_form(pages)
    names = {field.name for field in value_fields(form)}
    errors = {
        name: ["This field is unknown; see the API's description for the fields."]
        for name in body
        if name not in names and name not in READ_ONLY
    }
    errors.update(_read_only_errors(body))
    values = {**(base or {}), **body}
    posted = MultiDict()
    for field in value_fields(form):
        try:
            for text in as_form_values(field, values.get(field.name)):
                posted.add(field.name, text)
        except WrongType as error:
            errors[field.name] = [str(error)]
    if errors:
        raise Problem(422, "Some values cannot be read.", errors=errors)
    return pages.form_class(formdata=posted, meta={"csrf": False})


def _read_only_errors(body: dict) -> dict[str, list[str]]:
    """What an answer held may be sent back; it is ignored, but only in the shape it had."""
    errors = {}
    for name in ("id", "version"):
        if name in body and not _is_id(body[name]):
            errors[name] = [f"Expected a whole number from 1 to {MAX_ID}."]
    links = body.get("links", {})
    if not isinstance(links, dict) or not all(
        isinstance(links.get(name, ""), str) for name in ("self", "page")
    ):
        errors["links"] = ["Expected the links of an answer."]
    return errors


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def checked_form(pages: RecordPages, record, body: dict, new: bool):
    """The page's form filled with `body` and checked as on the page, or a 422.

    A change starts from the values the record holds: what the body leaves out stays."""
    base = None if new else stored_values(pages, record)
    form = form_from_json(pages, body, base)
    if not form.validate():
        raise Problem(422, "Some values are not valid.", errors=form_errors(form))
    return form


def save(pages: RecordPages, record, form, new: bool) -> None:
    """Save a checked form's values through the entity's service, and commit once."""
    try:
        pages.entity.save(record, pages.form_values(form))
        if new:
            db.session.add(record)
        db.session.commit()
    except Invalid as invalid:
        db.session.rollback()
        errors = {name: [str(message)] for name, message in invalid.errors.items()}
        raise Problem(422, "Some values are not valid.", errors=errors) from invalid
    except StaleDataError as error:
        db.session.rollback()
        raise Problem(412, "Someone changed the record meanwhile; read it again.") from error
    except IntegrityError as error:
        db.session.rollback()
        raise Problem(
            409,
            "This would duplicate a record that already exists, or refers to one that is gone.",
        ) from error


def form_errors(form) -> dict[str, list[str]]:
    errors = {
        name: [str(message) for message in messages]
        for name, messages in form.errors.items()
        if name not in (None, "")
    }
    if form.form_errors:
        errors[""] = [str(message) for message in form.form_errors]
    return errors
