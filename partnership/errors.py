"""Error pages that render whatever state the database is in, and one log line per fault."""

import contextlib
import sqlite3

from flask import Flask, current_app, render_template, request
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from partnership import faults
from partnership.extensions import db

HTTP_ERRORS = (400, 403, 404, 405, 413)
# The last resort when even the plain page fails: no template, no translation.
BARE_PAGE = Markup(
    "<!doctype html><html lang=en><title>Error</title>"
    "<h1>Something went wrong</h1><p>The error was logged. Please try again later.</p></html>"
)


def init_app(app: Flask) -> None:
    """Answer HTTP errors, database faults and unexpected errors with the product's pages."""
    for code in HTTP_ERRORS:
        app.register_error_handler(code, _http_error)
    app.register_error_handler(500, _unexpected_error)
    for kind in (SQLAlchemyError, sqlite3.Error, OSError):
        app.register_error_handler(kind, _operational_fault)
    if faults.psycopg is not None:
        app.register_error_handler(faults.psycopg.Error, _operational_fault)
    faults.report_command_faults_in_one_line()


def _http_error(error: HTTPException):
    return _page(error.code, error), error.code


def _operational_fault(error: Exception):
    fault = faults.classify(error)
    if fault is None:
        # A bug, not the database's state: Flask logs it with its traceback, once, and
        # answers through _unexpected_error.
        raise error
    _roll_back()
    current_app.logger.error(
        "%s %s: %s (%s)",
        request.method,
        _printable(request.path),
        fault.value,
        _printable(faults.cause(error)),
    )
    return _page(503, error, fault), 503


def _unexpected_error(error: HTTPException):
    original = getattr(error, "original_exception", None) or error
    _roll_back()
    if fault := faults.classify(original):
        return _page(503, error, fault), 503
    return _page(500, error), 500


def _page(code: int, error, fault: faults.Fault | None = None) -> str:
    """Render the error page; while the database is in trouble, in a frame that never reads it."""
    context = {"code": code, "error": error, "fault": fault.value if fault else None}
    if fault is None:
        try:
            return render_template("errors/error.html", layout="base.html", **context)
        except Exception as failure:  # the page's header reads the user from the database
            _roll_back()
            if faults.classify(failure) is None:
                current_app.logger.exception("The error page failed; answering with a plain one")
    try:
        # Straight from the template environment: context processors would load the user.
        template = current_app.jinja_env.get_template("errors/error.html")
        return template.render(layout="errors/base_error.html", **context)
    except Exception:
        current_app.logger.exception("The plain error page failed")
        return BARE_PAGE


def _roll_back() -> None:
    """Undo the failed transaction before anything else reads from the session."""
    # A lost connection cannot roll back; the pool drops it, and the page needs nothing more.
    with contextlib.suppress(Exception):
        db.session.rollback()


def _printable(text: str) -> str:
    # A path or a message holding a line break must not forge a second log line.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
