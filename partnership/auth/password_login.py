"""The login form's check: a local account first, then the city's directory when one is set."""

import time

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

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


def refusal_min_seconds() -> float:
    """Return how long a refused login lasts at least (LOGIN_REFUSAL_MIN_SECONDS)."""
    # Unset: a second with a directory, whose round trip is what timing would give away.
    setting = current_app.config.get("LOGIN_REFUSAL_MIN_SECONDS")
    try:
        return max(0.0, float(setting))
    except (TypeError, ValueError):
        return 1.0 if asks_directory() else 0.0


def authenticate(account: str, password: str) -> tuple[User, LoginMethod]:
    """Return the user `account` and `password` open and how it was checked; else LoginRefused."""
    started = time.monotonic()
    try:
        return _authenticate(account, password)
    except LoginRefused:
        # With a directory, a local account is refused after one hash and any other name
        # after a round trip to the directory: padding every refusal to one length keeps
        # the time from telling which local accounts exist.
        time.sleep(max(0.0, started + refusal_min_seconds() - time.monotonic()))
        raise


def _authenticate(account: str, password: str) -> tuple[User, LoginMethod]:
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
    except directory.EmailTaken as error:
        raise LoginRefused(str(error), LoginMethod.LDAP, error.reason, status=409) from error
    except IntegrityError as error:
        # Another login made or changed a row at the same moment; the view rolls back.
        current_app.logger.warning("LDAP login of %r: %s", account[:254], error.orig)
        raise LoginRefused(
            _("Your account could not be set up here. Please try again or ask an administrator."),
            LoginMethod.LDAP,
            "account-conflict",
            status=409,
        ) from error
    if not user.active:
        raise LoginRefused(
            _("Your access to this application has been turned off. Ask your administrator."),
            LoginMethod.LDAP,
            "disabled",
            status=403,
        )
    return user
