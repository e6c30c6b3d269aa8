"""The login form's check: a local account first, then the city's directory when one is set."""

from flask import current_app
from flask_babel import gettext as _

from partnership.audit.models import LoginMethod
from partnership.auth import directory, ldap, services
from partnership.auth.models import User


class LoginRefused(Exception):
    """Nobody is logged in: `message` for the user, `reason` for the audit log."""

    def __init__(self, message: str, method: str, reason: str = "", *, status=401, counts=True):
        super().__init__(message)
        self.message, self.method, self.reason = message, method, reason
        self.status = status
        # Whether it counts toward the lock on guessing: a directory out of reach does not.
        self.counts = counts


def asks_directory() -> bool:
    return ldap.is_configured(current_app.config)


def wrong_login_message() -> str:
    if asks_directory():
        return _("The email, user name or password is not right.")
    return _("The email or password is not right.")


def method_for(account: str) -> LoginMethod:
    """Tell who checks `account`: this application for its local accounts, else the directory."""
    if not asks_directory():
        return LoginMethod.LOCAL
    user = services.find_user(account.strip())
    local = user is not None and user.auth_source == "local"
    return LoginMethod.LOCAL if local else LoginMethod.LDAP


def authenticate(account: str, password: str) -> tuple[User, LoginMethod]:
    """Return the user `account` and `password` open and how it was checked; else LoginRefused."""
    # Checked (or a stand-in hash is) for every account, so the time taken does not tell
    # whether a local account exists.
    user = services.authenticate(account, password)
    if user is not None:
        return user, LoginMethod.LOCAL
    if method_for(account) == LoginMethod.LOCAL:
        raise LoginRefused(wrong_login_message(), LoginMethod.LOCAL)
    return _from_directory(account, password), LoginMethod.LDAP


def _from_directory(account: str, password: str) -> User:
    config = current_app.config
    try:
        found = ldap.check_password(account, password, config)
        role = ldap.role_for(found, config)
    except ldap.DirectoryUnreachable as error:
        current_app.logger.warning("LDAP login of %r: %s", account[:254], error)
        raise LoginRefused(
            _(
                "The directory cannot be reached. "
                "Please try again later or tell your administrator."
            ),
            LoginMethod.LDAP,
            error.reason,
            status=503,
            counts=False,
        ) from error
    except ldap.DirectoryRefused as error:
        raise LoginRefused(wrong_login_message(), LoginMethod.LDAP, error.reason) from error
    if role is None:
        raise LoginRefused(
            _(
                "Your directory account is in no group that may use this application. "
                "Ask your administrator to add you to one."
            ),
            LoginMethod.LDAP,
            "no-mapped-group",
            status=403,
        )
    try:
        user = directory.provision("ldap", found.dn, found.email, found.name, role)
    except services.UserError as error:
        raise LoginRefused(
            str(error), LoginMethod.LDAP, "local-account-exists", status=409
        ) from error
    if not user.active:
        raise LoginRefused(
            _("Your access to this application has been turned off. Ask your administrator."),
            LoginMethod.LDAP,
            "disabled",
            status=403,
        )
    return user
