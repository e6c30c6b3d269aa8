"""Users whose login a directory checks (LDAP, OpenID Connect): a local row on first login."""

import secrets
from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.auth.models import Role, User
from partnership.auth.services import UserError, find_user
from partnership.extensions import db


def role_from_groups(groups: Iterable[str], mapping: Mapping[str, str]) -> Role | None:
    """Return the highest role that one of `groups` maps to, or None when none does.

    Group names are compared without regard to case, as directories do (AD's DNs, Keycloak's
    group paths).
    """
    wanted = {name.casefold(): Role(role) for name, role in mapping.items()}
    roles = [wanted[group.casefold()] for group in groups if group.casefold() in wanted]
    return max(roles, key=lambda role: role.rank, default=None)


def provision(source: str, external_id: str, email: str, name: str, role: Role) -> User:
    """Return the local user for a directory account, made or updated from the directory.

    The role follows the directory's groups at every login; a user an admin disabled here
    stays disabled whatever the directory says.
    """
    # A directory may hold longer values than the columns; cut them rather than fail the login.
    external_id, email, name = external_id[:500], email[:254], name[:200]
    user = db.session.scalar(select(User).where(User.external_id == external_id))
    if user is None:
        user = find_user(email) if email else None
        if user is not None and user.auth_source != source:
            # Linking a directory account to a local one by e-mail alone would let whoever
            # controls the directory entry take over the local account.
            raise UserError(
                _("A local account with the email %(email)s exists already.", email=email)
            )
    if user is None:
        user = User(
            email=email or external_id[:254],
            auth_source=source,
            external_id=external_id,
            active=True,
            # Never used: the directory checks the password; a random hash keeps the column set.
            password_hash="!" + secrets.token_hex(16),
        )
        db.session.add(user)
    user.external_id = external_id
    user.name = name or user.name
    if email:
        user.email = email
    user.role = role
    db.session.flush()
    return user
