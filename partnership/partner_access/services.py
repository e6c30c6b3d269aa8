"""Invite a person of a partner city, and turn an accepted invitation into a partner user.

The link's secret is made here and handed back once; only its SHA-256 is stored, so neither
the database nor a backup of it can open an account.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from partnership.audit.models import AuditAction
from partnership.audit.services import record
from partnership.auth.models import MIN_PASSWORD_LENGTH, Role, User
from partnership.auth.services import find_user
from partnership.auth.sessions import utcnow
from partnership.extensions import db
from partnership.i18n import LANGUAGES
from partnership.partner_access.models import InvitationState, PartnerInvitation
from partnership.partners.models import Partnership
from partnership.records.values import Invalid, existing

NAME_MAX_LENGTH = 200
PASSWORD_MAX_LENGTH = 200
# Line breaks in a name would end an e-mail header early; other control characters are noise.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class NoLongerOpen(Exception):
    """The link was used, withdrawn or has expired since the page was shown."""


@dataclass
class InvitationValues:
    partnership_id: int | None
    email: str
    name: str = ""
    language: str = "en"


@dataclass
class AcceptValues:
    name: str
    password: str
    password_again: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def clean_name(name: str) -> str:
    return " ".join(_CONTROL.sub(" ", name or "").split())


def open_invitation_for(email: str, now: datetime) -> PartnerInvitation | None:
    """Return the invitation whose link still opens an account for `email`, if any."""
    return db.session.scalars(
        select(PartnerInvitation)
        .where(
            func.lower(PartnerInvitation.email) == email.lower(),
            PartnerInvitation.accepted_at.is_(None),
            PartnerInvitation.revoked_at.is_(None),
            PartnerInvitation.expires_at > now,
        )
        .limit(1)
    ).first()


def _checked_email(email: str, now: datetime) -> str:
    email = email.strip()
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError:
        raise Invalid({"email": _("Enter a valid email address.")}) from None
    if len(email) > 254:
        raise Invalid({"email": _("Enter a valid email address.")})
    if find_user(email) is not None:
        raise Invalid(
            {"email": _("%(email)s has an account already; see the users' page.", email=email)}
        )
    if (other := open_invitation_for(email, now)) is not None:
        raise Invalid(
            {
                "email": _(
                    "%(email)s has an open invitation to %(partnership)s already; withdraw it "
                    "first to send a new one.",
                    email=email,
                    partnership=other.partnership,
                )
            }
        )
    return email


def invite(values: InvitationValues, inviter: User) -> tuple[PartnerInvitation, str]:
    """Save an invitation; return it and the secret of its link (never stored, shown once)."""
    now = utcnow()
    partnership = existing(
        Partnership, values.partnership_id, "partnership_id", _("This partnership is gone.")
    )
    if partnership is None:
        raise Invalid({"partnership_id": _("Choose a partnership.")})
    email = _checked_email(values.email, now)
    name = clean_name(values.name)
    if len(name) > NAME_MAX_LENGTH:
        raise Invalid({"name": _("At most %(num)d characters.", num=NAME_MAX_LENGTH)})
    if values.language not in LANGUAGES:
        raise Invalid({"language": _("Choose a language.")})
    token = secrets.token_urlsafe(32)
    invitation = PartnerInvitation(
        partnership=partnership,
        email=email,
        name=name,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + timedelta(days=current_app.config["PARTNER_INVITATION_DAYS"]),
        created_by_id=inviter.id,
    )
    db.session.add(invitation)
    db.session.flush()
    record(
        AuditAction.INVITATION_CREATED,
        user=inviter,
        detail=f"{_person(name, email)} to {partnership} (invitation {invitation.id}) "
        f"by {inviter.name or inviter.email}, until {invitation.expires_at:%Y-%m-%d %H:%M} UTC",
    )
    return invitation, token


def find_invitation(token: str) -> PartnerInvitation | None:
    """Return the invitation whose link carries `token`, in whatever state it is."""
    if not token or len(token) > 200:
        return None
    return db.session.scalar(
        select(PartnerInvitation).where(PartnerInvitation.token_hash == hash_token(token))
    )


def _checked_account(values: AcceptValues) -> str:
    name = clean_name(values.name)
    errors = {}
    if not name:
        errors["name"] = _("Give your name.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("At most %(num)d characters.", num=NAME_MAX_LENGTH)
    if not MIN_PASSWORD_LENGTH <= len(values.password) <= PASSWORD_MAX_LENGTH:
        errors["password"] = _(
            "The password needs at least %(num)d characters.", num=MIN_PASSWORD_LENGTH
        )
    elif values.password != values.password_again:
        errors["password_again"] = _("The two passwords differ.")
    if errors:
        raise Invalid(errors)
    return name


def accept(invitation: PartnerInvitation, values: AcceptValues) -> User:
    """Make the invited person a partner user of the invitation's partnership.

    Raises Invalid for the form's values, NoLongerOpen when the link no longer opens an
    account (also when a second request with the same link got there first).
    """
    name = _checked_account(values)
    now = utcnow()
    if invitation.state_at(now) is not InvitationState.OPEN or find_user(invitation.email):
        raise NoLongerOpen()
    # Claimed by one conditional update: of two requests sent with one link, one wins.
    claimed = db.session.execute(
        update(PartnerInvitation)
        .where(
            PartnerInvitation.id == invitation.id,
            PartnerInvitation.accepted_at.is_(None),
            PartnerInvitation.revoked_at.is_(None),
            PartnerInvitation.expires_at > now,
        )
        .values(accepted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise NoLongerOpen()
    user = User(
        email=invitation.email,
        name=name,
        role=Role.PARTNER,
        partnership_id=invitation.partnership_id,
        auth_source="local",
        active=True,
    )
    user.set_password(values.password)
    db.session.add(user)
    db.session.flush()
    invitation.accepted_at, invitation.accepted_user_id = now, user.id
    inviter = invitation.created_by
    detail = (
        f"{_person(name, user.email)} as partner of {invitation.partnership} "
        f"(invitation {invitation.id} by {inviter.name or inviter.email if inviter else '-'})"
    )
    record(AuditAction.USER_CREATED, user=user, detail=f"{user.email} role={user.role}")
    record(AuditAction.INVITATION_ACCEPTED, user=user, detail=detail)
    return user


def withdraw(invitation: PartnerInvitation, admin: User) -> None:
    """End an open invitation: its link opens nothing from now on."""
    if invitation.state_at(utcnow()) is not InvitationState.OPEN:
        raise NoLongerOpen()
    invitation.revoked_at = utcnow()
    record(
        AuditAction.INVITATION_WITHDRAWN,
        user=admin,
        detail=f"{_person(invitation.name, invitation.email)} to {invitation.partnership} "
        f"(invitation {invitation.id}) by {admin.name or admin.email}",
    )


def note_sending(invitation: PartnerInvitation, admin: User, problem: str = "") -> None:
    """Write to the audit log whether the invitation's e-mail went out, and if not, why."""
    outcome = f"not sent: {problem}" if problem else "sent"
    record(
        AuditAction.INVITATION_SENT,
        user=admin,
        detail=f"{_person(invitation.name, invitation.email)} (invitation {invitation.id}) "
        f"by {admin.name or admin.email}: {outcome}",
    )


def _person(name: str, email: str) -> str:
    return f"{name} <{email}>" if name else email
