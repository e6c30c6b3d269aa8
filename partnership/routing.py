"""Numbers and text taken from an address are checked before they reach the database.

An id no record can have (0, negative, beyond what a column holds) is a page that does not
exist, so it answers 404 at routing; the engines would otherwise fail on it differently
(SQLite refuses integers beyond 2^63, PostgreSQL compares them as another type).
"""

from itertools import chain

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter, ValidationError

# Record ids are PostgreSQL `integer` columns: no record has a larger one.
MAX_ID = 2**31 - 1
_MAX_DIGITS = len(str(MAX_ID))


def record_id(value) -> int:
    """Read an id as typed in an address or form; ValueError unless it can name a record."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > _MAX_DIGITS:
        raise ValueError(f"not a record id: {text[:20]!r}")
    number = int(text)
    if not 1 <= number <= MAX_ID:
        raise ValueError(f"not a record id: {number}")
    return number


def page_number() -> int:
    """Return the page of a list the request asks for; anything unreadable is the first."""
    try:
        return record_id(request.args.get("page", "1"))
    except ValueError:
        return 1


class RecordIdConverter(IntegerConverter):
    """`<int:...>` in every route: 1 to MAX_ID in plain digits, anything else is no page."""

    regex = r"[0-9]+"

    def to_python(self, value: str) -> int:
        try:
            return record_id(value)
        except ValueError as error:
            raise ValidationError() from error


def init_app(app: Flask) -> None:
    """Use the record id converter for `int`; refuse requests carrying a NUL character."""
    # Registered before any blueprint, so every `<int:...>` of the app is built with it.
    app.url_map.converters["int"] = RecordIdConverter

    @app.before_request
    def refuse_nul_characters():
        # No text of ours holds a NUL, and PostgreSQL refuses one in any string it is given.
        values = [*chain(*request.args.listvalues()), *chain(*request.form.listvalues())]
        values += [v for v in (request.view_args or {}).values() if isinstance(v, str)]
        if any("\x00" in value for value in values):
            abort(400)
