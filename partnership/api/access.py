"""Who calls the API: the user of the bearer token the request carries, checked each time.

No session and no cookie: the token alone names the user, for this request only. Reading
needs any live token of an active user; writing needs a write token and a role that may
write on the pages (editor or admin).
"""

from flask import g, request

from partnership.api import tokens
from partnership.api.models import TokenScope
from partnership.api.problems import Problem
from partnership.auth.models import Role, User
from partnership.extensions import db

# The API's description and its page: for anyone who wants to learn how to call it.
OPEN_ENDPOINTS = {"api.openapi", "api.docs"}
REALM = 'Bearer realm="partnership"'


def init_blueprint(bp) -> None:
    bp.before_request(authenticate)


def authenticate() -> None:
    if request.endpoint in OPEN_ENDPOINTS:
        return
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Problem(
            401,
            "Send an API token: Authorization: Bearer <token> (made on your account page).",
            headers={"WWW-Authenticate": REALM},
        )
    token = tokens.token_for(secret.strip())
    if token is None:
        raise Problem(
            401,
            "This token is unknown, revoked, or its user may no longer log in.",
            headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'},
        )
    # Flask-Login's user of this request only: nothing goes into a session or a cookie.
    g._login_user = token.user
    g.api_token = token
    if tokens.note_use(token):
        db.session.commit()


def user() -> User:
    return g.api_token.user


def require_write() -> None:
    token = g.api_token
    if token.scope is not TokenScope.WRITE:
        raise Problem(403, "This token may only read; make a write token to change records.")
    if token.user.role is Role.PARTNER or not token.user.can(Role.EDITOR):
        raise Problem(403, "Your role may only read; changing records needs an editor.")
