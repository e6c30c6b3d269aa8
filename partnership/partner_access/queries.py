"""Who of a partner city has access to a partnership, and the invitations sent for it."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from partnership.auth.models import Role, User
from partnership.auth.sessions import utcnow
from partnership.extensions import db
from partnership.partner_access.models import PartnerInvitation

# The partnership's page shows the newest of each; older invitations are in the audit log.
SHOWN = 25


@dataclass
class PartnerAccess:
    users: list[User]
    users_total: int
    invitations: list[PartnerInvitation]
    invitations_total: int
    now: object


def partner_access_of(partnership_id: int) -> PartnerAccess:
    """The partner users of a partnership, and its newest invitations with who sent them."""
    of_partnership = (User.partnership_id == partnership_id) & (User.role == Role.PARTNER)
    invited = PartnerInvitation.partnership_id == partnership_id
    return PartnerAccess(
        users=db.session.scalars(
            select(User).where(of_partnership).order_by(User.name, User.email).limit(SHOWN)
        ).all(),
        users_total=db.session.scalar(select(func.count()).select_from(User).where(of_partnership)),
        invitations=db.session.scalars(
            select(PartnerInvitation)
            .where(invited)
            .options(
                selectinload(PartnerInvitation.created_by),
                selectinload(PartnerInvitation.accepted_user),
            )
            .order_by(PartnerInvitation.created_at.desc(), PartnerInvitation.id.desc())
            .limit(SHOWN)
        ).all(),
        invitations_total=db.session.scalar(
            select(func.count()).select_from(PartnerInvitation).where(invited)
        ),
        now=utcnow(),
    )


def partnerships_of(users) -> dict:
    """The partnership of each partner user among `users`, by the user's id, in one query."""
    from partnership.partners.models import Partnership

    ids = {user.partnership_id for user in users if user.partnership_id}
    if not ids:
        return {}
    found = db.session.scalars(
        select(Partnership)
        .where(Partnership.id.in_(ids))
        .options(selectinload(Partnership.home_city), selectinload(Partnership.partner_city))
    ).all()
    by_id = {partnership.id: partnership for partnership in found}
    return {user.id: by_id.get(user.partnership_id) for user in users if user.partnership_id}
