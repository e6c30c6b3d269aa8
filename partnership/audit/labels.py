"""What audit actions and login methods read as on the page."""

from flask_babel import lazy_gettext as _l

from partnership.audit.models import AuditAction, LoginMethod

ACTION_LABELS = {
    AuditAction.LOGIN: _l("Logged in"),
    AuditAction.LOGIN_FAILED: _l("Login failed"),
    AuditAction.LOGOUT: _l("Logged out"),
    AuditAction.SESSIONS_ENDED: _l("Sessions ended"),
    AuditAction.REFUSED: _l("Refused"),
    AuditAction.EXPORT: _l("Personal data downloaded"),
    AuditAction.USER_CREATED: _l("User created"),
    AuditAction.USER_CHANGED: _l("User changed"),
    AuditAction.RESTORED: _l("Restored"),
    AuditAction.ERASED: _l("Person erased"),
    AuditAction.BACKUP: _l("Backup written"),
    AuditAction.INVITATION_CREATED: _l("Partner invited"),
    AuditAction.INVITATION_SENT: _l("Invitation sent"),
    AuditAction.INVITATION_ACCEPTED: _l("Invitation accepted"),
    AuditAction.INVITATION_WITHDRAWN: _l("Invitation withdrawn"),
}

METHOD_LABELS = {
    LoginMethod.LOCAL: _l("password"),
    LoginMethod.LDAP: _l("directory (LDAP)"),
    LoginMethod.OIDC: _l("single sign-on (OpenID Connect)"),
}


def action_label(action: str) -> str:
    """Return the label of a stored action; an unknown one reads as stored."""
    try:
        return str(ACTION_LABELS[AuditAction(action)])
    except ValueError:
        return action


def method_label(method: str) -> str:
    """Return the label of a stored login method; an unknown one reads as stored."""
    try:
        return str(METHOD_LABELS[LoginMethod(method)])
    except ValueError:
        return method
