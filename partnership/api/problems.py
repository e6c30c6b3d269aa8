"""Errors of the API as RFC 9457 problem documents, whatever went wrong and wherever."""

from http import HTTPStatus

from flask import Response, current_app, json, request
from werkzeug.exceptions import HTTPException, default_exceptions

from partnership import faults
from partnership.extensions import db

PROBLEM_TYPE = "application/problem+json"
# No type URI of ours: "about:blank" says the status code's title is the whole explanation.
BLANK = "about:blank"


class Problem(Exception):
    """An answer the API gives instead of what was asked for; raised anywhere in a request."""

    def __init__(
        self,
        status: int,
        detail: str = "",
        *,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail or HTTPStatus(status).phrase)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def problem_response(
    status: int,
    detail: str = "",
    *,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {
        "type": BLANK,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "instance": request.path,
    }
    if errors is not None:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    response.headers.update(headers or {})
    return response


def init_blueprint(bp) -> None:
    """Answer every error inside the API's routes as a problem document, never as a page."""

    @bp.errorhandler(Problem)
    def _problem(error: Problem):
        return problem_response(
            error.status, error.detail, errors=error.errors, headers=error.headers
        )

    def _http(error: HTTPException):
        headers = {}
        if error.code == 405 and getattr(error, "valid_methods", None):
            headers["Allow"] = ", ".join(error.valid_methods)
        code = error.code if error.code and error.code >= 400 else 500
        return problem_response(code, error.description or "", headers=headers)

    # By code, not only by class: the app's handlers of a code (errors.py, pages) come first
    # for a class handler, even inside this blueprint.
    for code in default_exceptions:
        bp.register_error_handler(code, _http)
    bp.register_error_handler(HTTPException, _http)

    @bp.errorhandler(Exception)
    def _unexpected(error: Exception):
        # The database's trouble is 503 as on the pages; anything else is a bug, logged once.
        db.session.rollback()
        if faults.classify(error) is not None:
            current_app.logger.error("%s %s: %s", request.method, request.path, error)
            return problem_response(503, "The database is not available; try again later.")
        current_app.logger.exception("Unexpected error in the API")
        return problem_response(500, "Something went wrong; the error was logged.")
