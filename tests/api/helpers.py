"""Tokens for the users of every role, and requests carrying them."""

from conftest import USERS

from partnership.api.models import TokenScope
from partnership.api.tokens import create_token
from partnership.auth.models import Role, User
from partnership.extensions import db


def make_token(app, role: Role = Role.EDITOR, scope: TokenScope = TokenScope.WRITE) -> str:
    """Make a token for the test user of `role` and return its secret."""
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == USERS[role]))
        _token, secret = create_token(user, f"{role.value} {scope.value}", scope)
        db.session.commit()
        return secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}
