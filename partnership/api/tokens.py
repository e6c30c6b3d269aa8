"""API tokens: made and revoked by their user, shown once, kept only as a SHA-256 hash."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from partnership.api.models import ApiToken, TokenScope
from partnership.audit.models import AuditAction
from partnership.audit.services import record
from partnership.auth.models import User
from partnership.auth.sessions import utcnow
from partnership.extensions import db

# Recognisable in a log or a leaked file ("pt_" like partnership token), yet random after it.
TOKEN_START = "pt_"
PREFIX_LENGTH = 10
# The last use is written at most this often: reading with a token should not be a write.
LAST_USED_STEP = timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogateescape")).hexdigest()


def create_token(user: User, name: str, scope: TokenScope) -> tuple[ApiToken, str]:
    """Make a token for `user`; return it and its secret, which is never stored nor shown again."""
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name.strip(),
        scope=scope,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=token_hash(secret),
        created_at=utcnow(),
    )
    db.session.add(token)
    record(AuditAction.USER_CHANGED, user=user, detail=f"{user.email}: API token {token} made")
    return token, secret


def revoke_token(user: User, token_id: int) -> ApiToken | None:
    """Revoke one of `user`'s own tokens; None when they have no such live token."""
    token = db.session.scalar(
        select(ApiToken).where(
            ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
        )
    )
    if token is None:
        return None
    token.revoked_at = utcnow()
    record(AuditAction.USER_CHANGED, user=user, detail=f"{user.email}: API token {token} revoked")
    return token


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, live ones first, newest first (a person has a handful)."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
        )
    )


def token_for(secret: str) -> ApiToken | None:
    """The live token of an active user that `secret` is, else None (unknown, revoked...)."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    return token


def note_use(token: ApiToken) -> bool:
    """Remember when the token was last used; True when that needs a commit."""
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        token.last_used_at = now
        return True
    return False
