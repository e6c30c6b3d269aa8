"""Users whose login a directory checks (LDAP, OpenID Connect): a local row on first login."""

import logging
import secrets
from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.audit.models import AuditAction
from partnership.audit.services import record
from partnership.auth.models import Role, User
from partnership.auth.services import UserError, find_user
from partnership.extensions import db

log = logging.getLogger(__name__)


class EmailTaken(UserError):
    """A new directory account's e-mail belongs to a row already; an admin must sort it out."""

    reason = "email-taken"


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

    The account is found by the directory's own name for it, never by e-mail: an e-mail is
    only what the directory entry says, and whoever can set it must not reach another row.
    The role follows the directory's groups at every login; a user an admin disabled here
    stays disabled whatever the directory says.
    """
    # A directory may hold longer values than the columns; cut them rather than fail the login.
    external_id, email, name = external_id[:500], email.strip()[:254], name[:200]
    user = db.session.scalar(
        select(User).where(User.auth_source == source, User.external_id == external_id)
    )
    if user is None:
        return _create(source, external_id, email or external_id[:254], name, role)
    _update(user, email, name, role)
    return user


def _create(source: str, external_id: str, email: str, name: str, role: Role) -> User:
    if find_user(email) is not None:
        raise EmailTaken(_("An account with this e-mail exists already; ask an administrator."))
    user = User(
        email=email,
        name=name,
        role=role,
        auth_source=source,
        external_id=external_id,
        active=True,
        # Never used: the directory checks the password; a random hash keeps the column set.
        password_hash="!" + secrets.token_hex(16),
    )
    db.session.add(user)
    db.session.flush()
    record(AuditAction.USER_CREATED, user=user, detail=f"{email} role={role} via {source}")
    return user


def _update(user: User, email: str, name: str, role: Role) -> None:
    changes = []
    if email and email != user.email:
        holder = find_user(email)
        if holder is not None and holder.id != user.id:
            # Failing the login would lock the user out over a directory typo; the row keeps
            # its e-mail until an admin sorts out which account the address belongs to.
            log.warning(
                "%s user %s: directory e-mail %s belongs to user %s; kept %s",
                user.auth_source, user.id, email, holder.id, user.email,
            )  # fmt: skip
        else:
            changes.append(f"email {user.email}→{email}")
            user.email = email
    if name and name != user.name:
        changes.append("name")
        user.name = name
    if user.role != role:
        changes.append(f"role {user.role}→{role}")
        user.role = role
    db.session.flush()
    if changes:
        record(AuditAction.USER_CHANGED, user=user, detail=f"{user.email}: {', '.join(changes)}")
